import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { js } from '../../plan/render-helpers.js';
import type { Primitive, Problem, Warning } from '../../plan/types.js';
import { selectColumns } from '../../table-ops.js';
import { columnNotFound, sqlColumns, sqlSelect } from './shared.js';

const removeParams = params({ columns: z.array(z.string().min(1, 'must be a column name')).min(1, 'must list at least one column') });
type RemoveParams = z.infer<typeof removeParams>;

const remaining = <T extends { name: string }>(schema: readonly T[], p: RemoveParams): T[] => schema.filter((c) => !p.columns.includes(c.name));

/** `remove_columns` (§4.2): drops the listed columns; names that do not exist are skipped when some do. */
export const removeColumns: Primitive<RemoveParams> = {
  name: 'remove_columns',
  title: 'Remove columns',
  category: 'columns',
  description: 'Drops the listed columns. Listed names that do not exist are skipped with a warning as long as one of them exists.',
  params: removeParams,
  rowsMayChange: false,
  colsMayChange: true,
  // Existence is checked in `check`: a missing name is only an error when no listed name exists.
  columns: () => [],
  check(p, { schema }) {
    const names = new Set(schema.map((c) => c.name));
    if (!p.columns.some((c) => names.has(c))) return p.columns.map((c, i): Problem => columnNotFound(`columns[${i}]`, c, schema));
    if (remaining(schema, p).length === 0) return [{ code: 'INVALID_PARAM', param: 'columns', message: 'cannot remove every column; at least one column must remain.' }];
    return [];
  },
  outputSchema: (p, { schema }) => remaining(schema, p),
  run(dt, p) {
    const names = new Set(dt.schema.map((c) => c.name));
    const skipped = [...new Set(p.columns.filter((c) => !names.has(c)))];
    const kept = remaining(dt.schema, p);
    const warnings: Warning[] = skipped.length
      ? [{ code: 'COLUMNS_SKIPPED', message: `${skipped.length} listed column${skipped.length === 1 ? '' : 's'} did not exist and ${skipped.length === 1 ? 'was' : 'were'} skipped: ${skipped.map((s) => `"${s}"`).join(', ')}.`, count: skipped.length, samples: skipped.slice(0, 5) }]
      : [];
    return { table: selectColumns(dt, kept.map((c) => c.name)), warnings, metadata: { columns_removed: dt.schema.length - kept.length } };
  },
  render(p, schema) {
    const present = schema.filter((c) => p.columns.includes(c.name)).map((c) => js(c.name));
    return { js: `dt = dt.select(aq.not(${present.join(', ')}));`, sql: sqlSelect(sqlColumns(remaining(schema, p))) };
  },
  summary: (p) => `remove ${p.columns.join(', ')}`,
  examples: [
    { prompt: 'delete the internal_notes column', params: { columns: ['internal_notes'] } },
    { prompt: 'drop the temp and debug columns', params: { columns: ['temp', 'debug'] } },
  ],
};
