import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema, Warning } from '../../plan/types.js';
import type { CellValue, ColumnSchema } from '../../table.js';
import { textOf } from '../../table.js';
import { convertValue, typeToHold, valueType, writeValues } from '../../values/widen.js';
import { columnsOf, listedColumns, sqlLiteral, sqlSelect, sqlTextExpr, sqlTypeName, tableOf } from './shared.js';

const replaceNullParams = params({
  columns: z
    .array(column)
    .refine((list) => new Set(list).size === list.length, { message: 'must not list a column twice' })
    .nullable()
    .default(null),
  value: z.union([z.string(), z.number(), z.boolean()]),
});
type ReplaceNullParams = z.infer<typeof replaceNullParams>;

const targets = (p: ReplaceNullParams, schema: Schema): string[] => (p.columns && p.columns.length > 0 ? p.columns : schema.map((c) => c.name));

/** `replace_null` (§4.2): fills nulls with one value, widening a column that cannot hold it (§2.4). */
export const replaceNull: Primitive<ReplaceNullParams> = {
  name: 'replace_null',
  title: 'Replace nulls',
  category: 'columns',
  description: 'Fills the blank (null) cells of the listed columns, or of every column, with one value; a column that cannot hold the value becomes text.',
  params: replaceNullParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => listedColumns(p.columns),
  // Widening depends only on the column's type and the value, never on the data, so the schema is known here.
  outputSchema: (p, { schema }) => {
    const names = targets(p, schema);
    return schema.map((c): ColumnSchema => (names.includes(c.name) ? { name: c.name, type: typeToHold(c.type, p.value)! } : c));
  },
  run(dt, p) {
    const names = new Set(targets(p, dt.schema));
    const warnings: Warning[] = [];
    let replaced = 0;
    const columns = columnsOf(dt).map((c) => {
      if (!names.has(c.name)) return c;
      const written = writeValues(c, c.values, [p.value]);
      if (written.warning) warnings.push(written.warning);
      const fill = written.values[0];
      const values = written.existing.map((v): CellValue => {
        if (v !== null) return v;
        replaced++;
        return fill;
      });
      return { name: c.name, type: written.type, values };
    });
    return { table: tableOf(columns), warnings, metadata: { nulls_replaced: replaced, replacement_value: textOf(p.value, valueType(p.value)!) } };
  },
  render(p, schema) {
    const names = targets(p, schema);
    const items = schema.map((c) => {
      if (!names.includes(c.name)) return ident(c.name);
      const type = typeToHold(c.type, p.value)!;
      const expr = type === c.type ? ident(c.name) : type === 'string' ? sqlTextExpr(c.name, c.type) : `${ident(c.name)}::${sqlTypeName[type]}`;
      return expr === null ? null : `COALESCE(${expr}, ${sqlLiteral(convertValue(p.value, type)!, type)}) AS ${ident(c.name)}`;
    });
    return { js: mdCall('replace_null', p), sql: items.some((i) => i === null) ? null : sqlSelect(items as string[]) };
  },
  summary: (p) => `replace blanks in ${p.columns && p.columns.length ? p.columns.join(', ') : 'every column'} with ${JSON.stringify(p.value)}`,
  examples: [
    { prompt: 'replace empty quantities with 0', params: { columns: ['quantity'], value: 0 } },
    { prompt: 'fill every blank cell with "N/A"', params: { value: 'N/A' } },
  ],
};
