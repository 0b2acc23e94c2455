import { z } from 'zod';
import { column, columnList, columnOrList, params, scalar } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import { StepFailure } from '../../plan/step-failure.js';
import type { Primitive, Problem } from '../../plan/types.js';
import { columnValues, datetimeFormOf, makeDataTable, rowCount, textOf, type CellValue, type ColumnSchema } from '../../table.js';
import { typeOf } from '../../table-ops.js';
import { aggregateGroups, aggResultType, aggSubset, aggTypeProblem, assignGroups } from '../../values/aggregates.js';
import { convertValues, typeToHold } from '../../values/widen.js';
import { sortedGroupOrder } from './shared.js';

const PIVOT_FUNCTIONS = ['sum', 'mean', 'count', 'min', 'max', 'first'] as const;

const pivotParams = params({
  index: columnOrList,
  columns: column,
  // The form is kept as given: a single name and a list name the output columns differently (§4.7).
  values: z.union([column, columnList]),
  aggfunc: aggSubset(PIVOT_FUNCTIONS).default('sum'),
  fill_value: scalar.default(0),
});

type PivotParams = z.infer<typeof pivotParams>;

const valueList = (p: PivotParams): string[] => (typeof p.values === 'string' ? [p.values] : p.values);

/** `pivot` (§4.7): long to wide; one row per index combination, one column per value column × pivot value. */
export const pivot: Primitive<PivotParams> = {
  name: 'pivot',
  title: 'Pivot',
  category: 'groups',
  description:
    'Long to wide: one row per index combination and one column per distinct value of the columns column, filled with an aggregate (sum, mean, count, min, max, first) of the values column; empty combinations get fill_value.',
  params: pivotParams,
  rowsMayChange: true,
  colsMayChange: true,
  columns: (p) => [
    ...p.index.map((c, i) => ({ param: `index[${i}]`, column: c })),
    { param: 'columns', column: p.columns },
    ...(typeof p.values === 'string' ? [{ param: 'values', column: p.values }] : p.values.map((c, i) => ({ param: `values[${i}]`, column: c }))),
  ],
  check(p, { schema }) {
    const problems: Problem[] = [];
    valueList(p).forEach((v, i) => {
      const problem = aggTypeProblem(p.aggfunc, v, schema.find((c) => c.name === v)!.type, typeof p.values === 'string' ? 'values' : `values[${i}]`);
      if (problem) problems.push(problem);
    });
    return problems;
  },
  outputSchema: () => 'dynamic',
  run(dt, p) {
    const rows = rowCount(dt);
    const fill = p.fill_value === '' ? null : p.fill_value; // empty text is null (§2.1)
    const indexKeys = p.index.map((c) => columnValues(dt, c));
    const rowGroups = assignGroups(indexKeys, rows);
    const rowOrder = sortedGroupOrder(indexKeys, rowGroups.firstRow, rowGroups.count);
    const pivotValues = columnValues(dt, p.columns);
    const pivotType = typeOf(dt, p.columns)!;
    const colGroups = assignGroups([pivotValues], rows);
    const colOrder = sortedGroupOrder([pivotValues], colGroups.firstRow, colGroups.count);
    const form = pivotType === 'datetime' ? datetimeFormOf(pivotValues) : undefined;
    const labels = colOrder.map((g) => textOf(pivotValues[colGroups.firstRow[g]], pivotType, form) ?? '(blank)');

    // One cell per (index group, pivot group): a combined group id for the aggregate's single pass.
    const width = colGroups.count;
    const cellIds = new Int32Array(rows);
    for (let r = 0; r < rows; r++) cellIds[r] = rowGroups.ids[r] * width + colGroups.ids[r];

    const schema: ColumnSchema[] = p.index.map((name) => ({ name, type: typeOf(dt, name)! }));
    const columns: CellValue[][] = indexKeys.map((k) => rowOrder.map((g) => k[rowGroups.firstRow[g]]));
    const names = new Set(p.index);
    for (const valueColumn of valueList(p)) {
      const sourceType = typeOf(dt, valueColumn)!;
      const cells = aggregateGroups(p.aggfunc, columnValues(dt, valueColumn), sourceType, cellIds, rowGroups.count * width);
      colOrder.forEach((cg, j) => {
        const name = typeof p.values === 'string' ? labels[j] : `${valueColumn}_${labels[j]}`;
        if (names.has(name)) throw new StepFailure('COLUMN_EXISTS', `column "${name}" already exists.`, 'columns');
        names.add(name);
        const out = rowOrder.map((rg) => cells[rg * width + cg]);
        const needsFill = fill !== null && out.some((v) => v === null);
        // A fill value is written into the column (§2.4): converted when exact, else the column widens.
        const type = (needsFill ? typeToHold(aggResultType(p.aggfunc, sourceType), fill) : null) ?? aggResultType(p.aggfunc, sourceType);
        schema.push({ name, type });
        columns.push(needsFill ? convertValues(out.map((v) => (v === null ? fill : v)), type) : out);
      });
    }
    return { table: makeDataTable(schema, columns), metadata: { columns_created: schema.length - p.index.length } };
  },
  render: (p) => ({ js: mdCall('pivot', p), sql: null }),
  summary: (p) => `pivot ${valueList(p).join(', ')} by ${p.columns} for each ${p.index.join(', ')} (${p.aggfunc})`,
  examples: [
    { prompt: 'make a table of sales per region with one column per year', params: { index: ['region'], columns: 'year', values: 'sales', aggfunc: 'sum' } },
    { prompt: 'count orders per customer and status, statuses as columns', params: { index: 'customer_id', columns: 'status', values: 'order_id', aggfunc: 'count' } },
  ],
};
