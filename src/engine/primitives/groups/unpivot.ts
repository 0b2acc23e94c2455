import { z } from 'zod';
import { newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall, sqlText } from '../../plan/render-helpers.js';
import type { Primitive, Problem, Schema } from '../../plan/types.js';
import { columnValues, makeDataTable, rowCount, type CellValue, type ColumnSchema, type ColumnType } from '../../table.js';
import { unifyColumns, unifyTypes, type MaybeType } from '../../values/widen.js';
import { columnExists, columnListOrEmpty } from './shared.js';

const unpivotParams = params({
  id_columns: columnListOrEmpty,
  value_columns: columnListOrEmpty.nullable().default(null),
  var_name: newColumn.default('variable'),
  value_name: newColumn.default('value'),
}).superRefine((p, ctx) => {
  p.value_columns?.forEach((c, i) => {
    if (p.id_columns.includes(c)) ctx.addIssue({ code: 'custom', path: ['value_columns', i], message: `column "${c}" is also an id column.` });
  });
  if (p.var_name === p.value_name) ctx.addIssue({ code: 'custom', path: ['value_name'], message: `must differ from var_name ("${p.var_name}").` });
});

type UnpivotParams = z.infer<typeof unpivotParams>;

/** null or [] → every non-id column, in table order. */
function valueColumns(p: UnpivotParams, schema: Schema): string[] {
  return p.value_columns?.length ? p.value_columns : schema.map((c) => c.name).filter((n) => !p.id_columns.includes(n));
}

const typeIn = (schema: Schema, name: string): ColumnType => schema.find((c) => c.name === name)!.type;

function valueType(p: UnpivotParams, schema: Schema): ColumnType {
  return valueColumns(p, schema).reduce<MaybeType>((acc, c) => unifyTypes(acc, typeIn(schema, c)), null) ?? 'string';
}

function outputColumns(p: UnpivotParams, schema: Schema): ColumnSchema[] {
  return [
    ...p.id_columns.map((name) => ({ name, type: typeIn(schema, name) })),
    { name: p.var_name, type: 'string' },
    { name: p.value_name, type: valueType(p, schema) },
  ];
}

/** `unpivot` (§4.7): wide to long, row-major (each input row gives one row per value column, in list order). */
export const unpivot: Primitive<UnpivotParams> = {
  name: 'unpivot',
  title: 'Unpivot',
  category: 'groups',
  description:
    'Wide to long (melt): keeps the id columns and turns each value column into rows of (variable = column name, value = cell), one row per input row and value column, in row order.',
  params: unpivotParams,
  rowsMayChange: true,
  colsMayChange: true,
  columns: (p) => [
    ...p.id_columns.map((column, i) => ({ param: `id_columns[${i}]`, column })),
    ...(p.value_columns ?? []).map((column, i) => ({ param: `value_columns[${i}]`, column })),
  ],
  check(p, { schema }) {
    const problems: Problem[] = [];
    if (valueColumns(p, schema).length === 0) problems.push({ code: 'INVALID_PARAM', param: 'value_columns', message: 'no value column left: every column is an id column.' });
    if (p.id_columns.includes(p.var_name)) problems.push(columnExists(p.var_name, 'var_name'));
    if (p.id_columns.includes(p.value_name)) problems.push(columnExists(p.value_name, 'value_name'));
    return problems;
  },
  outputSchema: (p, { schema }) => outputColumns(p, schema),
  run(dt, p) {
    const rows = rowCount(dt);
    const sources = valueColumns(p, dt.schema);
    const unified = unifyColumns(sources.map((c) => ({ type: typeIn(dt.schema, c), values: columnValues(dt, c) })));
    const k = sources.length;
    const ids = p.id_columns.map((c) => columnValues(dt, c));
    const idOut: CellValue[][] = ids.map(() => new Array<CellValue>(rows * k));
    const varOut = new Array<CellValue>(rows * k);
    const valueOut = new Array<CellValue>(rows * k);
    for (let r = 0, o = 0; r < rows; r++) {
      for (let j = 0; j < k; j++, o++) {
        for (let i = 0; i < ids.length; i++) idOut[i][o] = ids[i][r];
        varOut[o] = sources[j];
        valueOut[o] = unified.columns[j][r];
      }
    }
    return { table: makeDataTable(outputColumns(p, dt.schema), [...idOut, varOut, valueOut]) };
  },
  render(p, schema) {
    const sources = valueColumns(p, schema);
    const type = valueType(p, schema);
    // Text of floats and datetimes prints differently in PostgreSQL, so those unifications have no SQL.
    const faithful = sources.every((c) => typeIn(schema, c) === type || (type === 'float' && typeIn(schema, c) === 'integer') || (type === 'string' && ['integer', 'boolean'].includes(typeIn(schema, c))));
    const pg: Record<ColumnType, string> = { integer: 'bigint', float: 'float8', boolean: 'boolean', datetime: 'timestamp', string: 'text' };
    const rowsSql = sources.map((c, j) => `(${sqlText(c)}, ${ident(c)}::${pg[type]}, ${j})`).join(', ');
    const sql = faithful
      ? `SELECT ${[...p.id_columns.map(ident), `"_v"."_var" AS ${ident(p.var_name)}`, `"_v"."_val" AS ${ident(p.value_name)}`].join(', ')}, ROW_NUMBER() OVER (ORDER BY {input}."_row", "_v"."_ord") AS "_row" FROM {input} CROSS JOIN LATERAL (VALUES ${rowsSql}) AS "_v"("_var", "_val", "_ord") ORDER BY "_row"`
      : null;
    return { js: mdCall('unpivot', p), sql };
  },
  summary: (p) => `unpivot ${p.value_columns?.length ? p.value_columns.join(', ') : 'all non-id columns'} into ${p.var_name} / ${p.value_name}`,
  examples: [
    { prompt: 'turn the month columns jan, feb, mar into rows with month and sales', params: { id_columns: ['store'], value_columns: ['jan', 'feb', 'mar'], var_name: 'month', value_name: 'sales' } },
    { prompt: 'melt everything except id and name into long format', params: { id_columns: ['id', 'name'] } },
  ],
};
