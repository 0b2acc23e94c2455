import { z } from 'zod';
import { sqlLiteral } from '../../conditions/index.js';
import { column, columnOrList, newColumn, params, scalar } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { columnValues, type CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { newColumnProblem, sqlWithColumn, typeIn } from './numeric.js';
import { castColumn, convertValue, typeToHold } from '../../values/widen.js';
import { orderRows, partitionRows, sqlOrder, sqlPartition } from './window.js';

const shiftParams = params({
  column,
  new_column: newColumn.nullable().default(null),
  offset: z.number().int().default(1),
  default: scalar.default(null),
  partition_by: columnOrList.nullable().default(null),
  order_by: column.nullable().default(null),
});

type ShiftParams = z.infer<typeof shiftParams>;

/** Empty text is null (§2.1). */
const fallbackValue = (p: ShiftParams) => (p.default === '' ? null : p.default);
/** The column's type and the default's, unified (§2.4). */
const outputType = (p: ShiftParams, schema: Schema) => {
  const type = typeIn(schema, p.column)!;
  return typeToHold(type, fallbackValue(p)) ?? type;
};

/** `lag` and `lead` (§4.5): SQL LAG/LEAD within partitions; a null found in the source row stays null. */
function shiftPrimitive(name: 'lag' | 'lead'): Primitive<ShiftParams> {
  const sign = name === 'lag' ? -1 : 1;
  const target = (p: ShiftParams) => p.new_column ?? `${p.column}_${name}_${p.offset}`;
  return {
    name,
    title: name === 'lag' ? 'Previous value (lag)' : 'Next value (lead)',
    category: 'calculate',
    description:
      name === 'lag'
        ? 'Adds the value of a column from a number of rows before (within partitions, in row or order_by order).'
        : 'Adds the value of a column from a number of rows after (within partitions, in row or order_by order).',
    params: shiftParams,
    rowsMayChange: false,
    colsMayChange: true,
    columns: (p) => [
      { param: 'column', column: p.column },
      ...(p.partition_by ?? []).map((c, i) => ({ param: `partition_by[${i}]`, column: c })),
      ...(p.order_by !== null ? [{ param: 'order_by', column: p.order_by }] : []),
    ],
    check: (p, { schema }) => newColumnProblem(schema, 'new_column', target(p)),
    outputSchema: (p, { schema }) => [...schema, { name: target(p), type: outputType(p, schema) }],
    run(dt, p) {
      const type = outputType(p, dt.schema);
      const source = castColumn(columnValues(dt, p.column), typeIn(dt.schema, p.column)!, type);
      const fallback = convertValue(fallbackValue(p), type) ?? null;
      const order = p.order_by !== null ? columnValues(dt, p.order_by) : null;
      const out = new Array<CellValue>(source.length).fill(null);
      for (const partition of partitionRows(dt, p.partition_by)) {
        const rows = order ? orderRows(partition, order) : partition;
        for (let k = 0; k < rows.length; k++) {
          const from = k + sign * p.offset;
          out[rows[k]] = from >= 0 && from < rows.length ? source[rows[from]] : fallback;
        }
      }
      return {
        table: setColumns(dt, [{ name: target(p), type, values: out }]),
        metadata: { offset: p.offset, null_values: out.filter((v) => v === null).length },
      };
    },
    render(p, schema) {
      const from = typeIn(schema, p.column);
      const type = outputType(p, schema);
      // Text widening of a datetime column depends on the column's printed form: no faithful SQL.
      if (from !== type && (type !== 'float' && type !== 'string' || from === 'datetime')) return { js: mdCall(name, p), sql: null };
      const value = from === type ? ident(p.column) : `${ident(p.column)}::${type === 'float' ? 'float8' : 'text'}`;
      const fn = p.offset < 0 ? (name === 'lag' ? 'LEAD' : 'LAG') : name.toUpperCase();
      const expr = `${fn}(${value}, ${Math.abs(p.offset)}, ${sqlLiteral(convertValue(fallbackValue(p), type) ?? null)}) OVER (${sqlPartition(p.partition_by)}${sqlOrder(schema, p.order_by)})`;
      return { js: mdCall(name, p), sql: sqlWithColumn(schema, target(p), expr) };
    },
    summary: (p) => `${target(p)} = ${p.column} ${p.offset} row${p.offset === 1 ? '' : 's'} ${name === 'lag' ? 'before' : 'after'}${p.partition_by ? ` per ${p.partition_by.join(', ')}` : ''}`,
    examples:
      name === 'lag'
        ? [
            { prompt: "add last month's sales next to each month", params: { column: 'sales', new_column: 'previous_sales', order_by: 'month' } },
            { prompt: 'previous order amount for each customer, 0 for their first order', params: { column: 'amount', partition_by: 'customer_id', default: 0 } },
          ]
        : [
            { prompt: 'show the next visit date for each patient', params: { column: 'visit_date', new_column: 'next_visit', partition_by: 'patient_id', order_by: 'visit_date' } },
            { prompt: "add next week's price beside this week's", params: { column: 'price', new_column: 'next_price' } },
          ],
  };
}

export const lag = shiftPrimitive('lag');
export const lead = shiftPrimitive('lead');
