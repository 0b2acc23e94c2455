import { z } from 'zod';
import { conditionColumns, conditionJs, conditionProblems, conditionSchema, conditionSql, conditionSummary, matchConditions } from '../../conditions/index.js';
import { params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { rowCount } from '../../table.js';
import { keepMasked, renumberedSql } from './shared.js';

const filterParams = params({
  conditions: z.array(conditionSchema).min(1, 'must list at least one condition'),
  logic: z.enum(['and', 'or']).default('and'),
  keep: z.boolean().default(true),
});

type FilterParams = z.infer<typeof filterParams>;

/** `filter_rows` (§4.1, §3): keeps (or removes) the rows where the combined conditions hold. */
export const filterRows: Primitive<FilterParams> = {
  name: 'filter_rows',
  title: 'Filter rows',
  category: 'rows',
  description: 'Keeps the rows matching conditions (combined with and/or), or removes them with keep: false. Nulls never match except with isnull or match_null.',
  params: filterParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: (p) => conditionColumns(p.conditions),
  check: (p, { schema }) => conditionProblems(p.conditions, schema),
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const mask = matchConditions(p.conditions, dt, { logic: p.logic, keep: p.keep });
    const table = keepMasked(dt, mask);
    return { table, metadata: { rows_filtered: rowCount(dt) - rowCount(table) } };
  },
  render(p, schema) {
    const join = (parts: string[], sep: string) => (parts.length === 1 ? parts[0] : parts.map((s) => `(${s})`).join(sep));
    const jsParts = p.conditions.map((c) => conditionJs(c, schema));
    const sqlParts = p.conditions.map((c) => conditionSql(c, schema));
    let js = mdCall('filter_rows', p);
    if (jsParts.every((s) => s !== null)) {
      const body = join(jsParts as string[], p.logic === 'and' ? ' && ' : ' || ');
      js = `dt = dt.filter(d => ${p.keep ? body : `!(${body})`});`;
    }
    let sql: string | null = null;
    if (sqlParts.every((s) => s !== null)) {
      const body = join(sqlParts as string[], p.logic === 'and' ? ' AND ' : ' OR ');
      sql = renumberedSql(schema, '{input}', p.keep ? body : `NOT (${body})`);
    }
    return { js, sql };
  },
  summary: (p) => `${p.keep ? 'keep' : 'remove'} rows where ${p.conditions.map(conditionSummary).join(` ${p.logic} `)}`,
  examples: [
    { prompt: 'keep only adults (age 18 or over)', params: { conditions: [{ column: 'age', operator: 'gte', value: 18 }] } },
    { prompt: 'remove the cancelled orders', params: { conditions: [{ column: 'status', operator: 'eq', value: 'cancelled' }], keep: false } },
    { prompt: 'delete rows with no email address', params: { conditions: [{ column: 'email', operator: 'isnull' }], keep: false } },
    { prompt: 'keep orders from Canada or Mexico over $100', params: { conditions: [{ column: 'country', operator: 'in', value: ['Canada', 'Mexico'] }, { column: 'total', operator: 'gt', value: 100 }], logic: 'and' } },
  ],
};
