import { z } from 'zod';
import { column, newColumn, params, scalar } from '../../plan/param-types.js';
import { field, ident, js } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { columnValues, rowCount, type ColumnType, type DataTable } from '../../table.js';
import { valueType } from '../../values/widen.js';
import { columnExists, columnsOf, sqlColumns, sqlLiteral, sqlSelect, tableOf } from './shared.js';

const addParams = params({
  name: newColumn,
  value: scalar.default(null),
  from_column: column.nullable().default(null),
  position: z.union([z.literal('start'), z.literal('end'), z.number().int()]).default('end'),
}).superRefine((p, ctx) => {
  if (p.value !== null && p.from_column !== null) {
    ctx.addIssue({ code: 'custom', path: ['from_column'], message: 'give either value or from_column, not both.' });
  }
});
type AddParams = z.infer<typeof addParams>;

/** The index the new column takes among `n` existing columns (§4.2: ints insert before, negatives from the end, clamped). */
function insertAt(position: AddParams['position'], n: number): number {
  if (position === 'start') return 0;
  if (position === 'end') return n;
  return Math.min(n, Math.max(0, position < 0 ? n + position : position));
}

/** A constant is typed by its JSON type; text stays text even when it looks like a number; null → string. */
const typeFor = (p: AddParams, schema: Schema): ColumnType =>
  p.from_column !== null ? schema.find((c) => c.name === p.from_column)!.type : (valueType(p.value) ?? 'string');

function insert<T>(list: readonly T[], at: number, item: T): T[] {
  return [...list.slice(0, at), item, ...list.slice(at)];
}

/** `add_column` (§4.2): a constant or a copy of a column, at a chosen position. */
export const addColumn: Primitive<AddParams> = {
  name: 'add_column',
  title: 'Add column',
  category: 'columns',
  description: 'Adds a column holding one constant value in every row (or a copy of another column), at the end, the start or a given index.',
  params: addParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => (p.from_column !== null ? [{ param: 'from_column', column: p.from_column }] : []),
  check: (p, { schema }) => columnExists('name', p.name, schema),
  outputSchema: (p, { schema }) => insert(schema, insertAt(p.position, schema.length), { name: p.name, type: typeFor(p, schema) }),
  run(dt: DataTable, p) {
    const values = p.from_column !== null ? [...columnValues(dt, p.from_column)] : new Array(rowCount(dt)).fill(p.value);
    const added = { name: p.name, type: typeFor(p, dt.schema), values };
    return { table: tableOf(insert(columnsOf(dt), insertAt(p.position, dt.schema.length), added)) };
  },
  render(p, schema) {
    const at = insertAt(p.position, schema.length);
    const expr = p.from_column !== null ? `d => ${field(p.from_column)}` : `() => ${js(p.value)}`;
    const where = at < schema.length ? `, { before: ${js(schema[at].name)} }` : '';
    const sqlExpr = p.from_column !== null ? ident(p.from_column) : sqlLiteral(p.value, typeFor(p, schema));
    return {
      js: `dt = dt.derive({ ${js(p.name)}: ${expr} }${where});`,
      sql: sqlSelect(insert(sqlColumns(schema), at, `${sqlExpr} AS ${ident(p.name)}`)),
    };
  },
  summary: (p) =>
    `add column ${p.name} ${p.from_column !== null ? `copied from ${p.from_column}` : `= ${js(p.value)}`}${p.position === 'end' ? '' : ` at position ${p.position}`}`,
  examples: [
    { prompt: 'add a column called source with the value "web" for every row', params: { name: 'source', value: 'web' } },
    { prompt: 'insert an empty notes column at the start', params: { name: 'notes', position: 'start' } },
    { prompt: 'add a status column set to 0 right after the first column', params: { name: 'status', value: 0, position: 1 } },
  ],
};
