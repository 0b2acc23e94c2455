import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Warning } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { normalizeFloat } from '../../values/numbers.js';
import { newColumnProblem, numericColumn, numericProblem, sqlNormalize, sqlNum, sqlWithColumn, warnings } from './numeric.js';

const percentageParams = params({
  column,
  new_column: newColumn,
  mode: z.enum(['of_total', 'ratio']).default('of_total'),
  denominator_column: column.nullable().default(null),
  multiply_by_100: z.boolean().default(true),
}).superRefine((p, ctx) => {
  if (p.mode === 'ratio' && p.denominator_column === null) {
    ctx.addIssue({ code: 'custom', path: ['denominator_column'], message: "denominator_column required for 'ratio' mode" });
  }
});

type PercentageParams = z.infer<typeof percentageParams>;

/** `percentage` (§4.5): x ÷ the column's total, or x ÷ another column; × 100 unless asked not to; float, not rounded. */
export const percentage: Primitive<PercentageParams> = {
  name: 'percentage',
  title: 'Percentage',
  category: 'calculate',
  description: "Computes each value's share of the column total, or the ratio of two columns, as a percentage (or a fraction).",
  params: percentageParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [
    { param: 'column', column: p.column },
    ...(p.mode === 'ratio' && p.denominator_column !== null ? [{ param: 'denominator_column', column: p.denominator_column }] : []),
  ],
  check: (p, { schema }) => [
    ...numericProblem(schema, 'column', p.column),
    ...(p.mode === 'ratio' && p.denominator_column !== null ? numericProblem(schema, 'denominator_column', p.denominator_column) : []),
    ...newColumnProblem(schema, 'new_column', p.new_column),
  ],
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: 'float' }],
  run(dt, p) {
    const x = numericColumn(dt, p.column);
    const scale = p.multiply_by_100 ? 100 : 1;
    const n = x.values.length;
    const out = new Array<number | null>(n).fill(null);
    let total: number | null = null;
    let divideWarning: Warning | null = null;
    let denominatorWarning: Warning | null = null;
    if (p.mode === 'of_total') {
      let sum = 0;
      for (const v of x.values) if (v !== null) sum += v;
      total = normalizeFloat(sum);
      if (total === 0) {
        const count = x.values.filter((v) => v !== null).length;
        if (count) divideWarning = { code: 'DIVIDE_BY_ZERO', message: `the total of "${p.column}" is 0; every percentage is null.`, column: p.column, count };
      } else if (total !== null) {
        for (let i = 0; i < n; i++) { const v = x.values[i]; if (v !== null) out[i] = normalizeFloat((v / total) * scale); }
      }
    } else {
      const d = numericColumn(dt, p.denominator_column!);
      denominatorWarning = d.warning;
      for (let i = 0; i < n; i++) {
        const v = x.values[i];
        const w = d.values[i];
        if (v !== null && w !== null && w !== 0) out[i] = normalizeFloat((v / w) * scale);
      }
    }
    return {
      table: setColumns(dt, [{ name: p.new_column, type: 'float', values: out }]),
      warnings: warnings(x.warning, denominatorWarning, divideWarning),
      metadata: { total },
    };
  },
  render(p, schema) {
    const x = sqlNum(schema, p.column);
    const denominator = p.mode === 'of_total' ? `NULLIF(${sqlNormalize(`SUM(${x}::float8) OVER ()`)}, 0)` : `NULLIF(${sqlNum(schema, p.denominator_column!)}, 0)`;
    const expr = sqlNormalize(`${x}::float8 / ${denominator}${p.multiply_by_100 ? ' * 100' : ''}`);
    return { js: mdCall('percentage', p), sql: sqlWithColumn(schema, p.new_column, expr) };
  },
  summary: (p) =>
    p.mode === 'of_total' ? `${p.new_column} = ${p.column} as a share of its total` : `${p.new_column} = ${p.column} ÷ ${p.denominator_column}`,
  examples: [
    { prompt: "show each region's share of total sales as a percentage", params: { column: 'sales', new_column: 'sales_pct' } },
    { prompt: 'conversion rate = conversions divided by visits, in percent', params: { column: 'conversions', new_column: 'conversion_rate', mode: 'ratio', denominator_column: 'visits' } },
  ],
};
