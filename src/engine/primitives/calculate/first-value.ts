import { z } from 'zod';
import { column, columnOrList, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues, type CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { keyOf } from '../../values/order.js';
import { newColumnProblem, sqlWithColumn, typeIn } from './numeric.js';
import { orderRows, partitionRows, sqlOrder, sqlPartition } from './window.js';

const firstParams = params({
  column,
  new_column: newColumn.nullable().default(null),
  partition_by: columnOrList,
  order_by: column.nullable().default(null),
  ascending: z.boolean().default(true),
  ignore_nulls: z.boolean().default(false),
});

type FirstParams = z.infer<typeof firstParams>;

const target = (p: FirstParams) => p.new_column ?? `${p.column}_first`;

/** `first_value` (§4.5): SQL FIRST_VALUE per partition, in row order or order_by order (nulls last, stable). */
export const firstValue: Primitive<FirstParams> = {
  name: 'first_value',
  title: 'First value per group',
  category: 'calculate',
  description: "Gives every row its partition's first value of a column (in row order or sorted by another column), optionally skipping nulls.",
  params: firstParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [
    { param: 'column', column: p.column },
    ...p.partition_by.map((c, i) => ({ param: `partition_by[${i}]`, column: c })),
    ...(p.order_by !== null ? [{ param: 'order_by', column: p.order_by }] : []),
  ],
  check: (p, { schema }) => newColumnProblem(schema, 'new_column', target(p)),
  outputSchema: (p, { schema }) => [...schema, { name: target(p), type: typeIn(schema, p.column)! }],
  run(dt, p) {
    const values = columnValues(dt, p.column);
    const order = p.order_by !== null ? columnValues(dt, p.order_by) : null;
    const out = new Array<CellValue>(values.length).fill(null);
    for (const partition of partitionRows(dt, p.partition_by)) {
      const rows = order ? orderRows(partition, order, p.ascending) : partition;
      const first = p.ignore_nulls ? rows.find((i) => values[i] !== null) : rows[0];
      const value = first === undefined ? null : values[first];
      for (const i of partition) out[i] = value;
    }
    const unique = new Set(out.filter((v) => v !== null).map(keyOf)).size;
    return { table: setColumns(dt, [{ name: target(p), type: typeIn(dt.schema, p.column)!, values: out }]), metadata: { unique_first_values: unique } };
  },
  render(p, schema) {
    const x = ident(p.column);
    // IGNORE NULLS is not PostgreSQL: sorting the nulls of the column last first gives the same row.
    const order = sqlOrder(schema, p.order_by, p.ascending).replace('ORDER BY ', p.ignore_nulls ? `ORDER BY (${x} IS NULL), ` : 'ORDER BY ');
    const expr = `FIRST_VALUE(${x}) OVER (${sqlPartition(p.partition_by)}${order} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`;
    return { js: mdCall('first_value', p), sql: sqlWithColumn(schema, target(p), expr) };
  },
  summary: (p) => `${target(p)} = first ${p.column} per ${p.partition_by.join(', ')}${p.order_by ? ` by ${p.order_by}` : ''}`,
  examples: [
    { prompt: "add each customer's first order date", params: { column: 'order_date', partition_by: 'customer_id', order_by: 'order_date', new_column: 'first_order_date' } },
    { prompt: 'opening price for each ticker, skipping blanks', params: { column: 'price', partition_by: 'ticker', ignore_nulls: true, new_column: 'opening_price' } },
  ],
};
