import { z } from 'zod';
import { columnList, params } from '../../plan/param-types.js';
import { field, ident, mdCall, selectList } from '../../plan/render-helpers.js';
import type { Primitive, Problem } from '../../plan/types.js';
import { columnValues, rowCount, type CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { columnExists, listedColumns, rate } from './shared.js';

const detectNullsParams = params({
  columns: columnList.nullable().default(null),
  add_null_flag: z.boolean().default(false),
  add_null_count: z.boolean().default(false),
  threshold: z.number().min(0).max(1).nullable().default(null),
});

type DetectNullsParams = z.infer<typeof detectNullsParams>;

const FLAG = '_has_null';
const COUNT = '_null_count';

const checked = (p: DetectNullsParams, schema: readonly { name: string }[]) => p.columns ?? schema.map((c) => c.name);

/** `detect_nulls` (§4.9): null counts and rates per column; optionally flags rows with nulls. */
export const detectNulls: Primitive<DetectNullsParams> = {
  name: 'detect_nulls',
  title: 'Detect nulls',
  category: 'quality',
  description:
    'Reports how many blank (null) cells each column has, their rates, and the rows with any blank; can append a _has_null flag and a _null_count column.',
  params: detectNullsParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listedColumns(p.columns),
  check(p, { schema }) {
    const problems: Problem[] = [];
    if (p.add_null_flag) problems.push(...columnExists('add_null_flag', FLAG, schema));
    if (p.add_null_count) problems.push(...columnExists('add_null_count', COUNT, schema));
    return problems;
  },
  outputSchema: (p, { schema }) => [
    ...schema,
    ...(p.add_null_flag ? [{ name: FLAG, type: 'boolean' as const }] : []),
    ...(p.add_null_count ? [{ name: COUNT, type: 'integer' as const }] : []),
  ],
  run(dt, p) {
    const names = checked(p, dt.schema);
    const rows = rowCount(dt);
    const perRow = new Array<number>(rows).fill(0);
    const nullCounts: Record<string, number> = {};
    const nullRates: Record<string, number> = {};
    const above: string[] = [];
    let total = 0;
    for (const name of names) {
      const values = columnValues(dt, name);
      let n = 0;
      for (let r = 0; r < rows; r++) {
        if (values[r] === null) {
          n++;
          perRow[r]++;
        }
      }
      nullCounts[name] = n;
      nullRates[name] = rate(n, rows);
      // the exact rate, not the rounded one, is compared with the threshold
      if (p.threshold !== null && rows > 0 && n / rows > p.threshold) above.push(name);
      total += n;
    }
    const updates: { name: string; type: 'boolean' | 'integer'; values: CellValue[] }[] = [];
    if (p.add_null_flag) updates.push({ name: FLAG, type: 'boolean', values: perRow.map((n) => n > 0) });
    if (p.add_null_count) updates.push({ name: COUNT, type: 'integer', values: perRow });
    return {
      table: updates.length > 0 ? setColumns(dt, updates) : dt,
      metadata: {
        null_counts: nullCounts,
        null_rates: nullRates,
        total_nulls: total,
        overall_null_rate: rate(total, rows * names.length),
        columns_above_threshold: above,
        rows_with_any_null: perRow.filter((n) => n > 0).length,
      },
    };
  },
  render(p, schema) {
    const names = checked(p, schema);
    const jsFlags: string[] = [];
    const sqlFlags: string[] = [];
    if (p.add_null_flag) {
      jsFlags.push(`${JSON.stringify(FLAG)}: d => ${names.map((n) => `${field(n)} == null`).join(' || ') || 'false'}`);
      sqlFlags.push(`(${names.map((n) => `${ident(n)} IS NULL`).join(' OR ') || 'FALSE'}) AS ${ident(FLAG)}`);
    }
    if (p.add_null_count) {
      jsFlags.push(`${JSON.stringify(COUNT)}: d => ${names.map((n) => `(${field(n)} == null ? 1 : 0)`).join(' + ') || '0'}`);
      sqlFlags.push(`(${names.map((n) => `(CASE WHEN ${ident(n)} IS NULL THEN 1 ELSE 0 END)`).join(' + ') || '0'}) AS ${ident(COUNT)}`);
    }
    const columns = [selectList(schema), ...sqlFlags, '"_row"'].filter((c) => c !== '').join(', ');
    return {
      js: jsFlags.length > 0 ? `dt = dt.derive({ ${jsFlags.join(', ')} });` : mdCall('detect_nulls', p, true),
      sql: `SELECT ${columns} FROM {input} ORDER BY "_row"`,
    };
  },
  summary: (p) => {
    const what = p.columns ? p.columns.join(', ') : 'all columns';
    const flags = [p.add_null_flag ? FLAG : null, p.add_null_count ? COUNT : null].filter(Boolean);
    return `count nulls in ${what}${flags.length ? ` and add ${flags.join(', ')}` : ''}`;
  },
  examples: [
    { prompt: 'how many blanks are in each column?', params: {} },
    { prompt: 'flag the rows that are missing an email or a phone', params: { columns: ['email', 'phone'], add_null_flag: true } },
    { prompt: 'which columns are more than 30% empty?', params: { threshold: 0.3 } },
  ],
};
