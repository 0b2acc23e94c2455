import type { z } from 'zod';
import { columnList, newColumn, params, scalar } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema, Warning } from '../../plan/types.js';
import { columnValues, rowCount, type CellValue, type ColumnType, type DataTable } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { castColumn, convertValue, typeToHold, typeWidenedWarning, unifyTypes } from '../../values/widen.js';
import { columnExists, listedColumns, replaceOrAppend, sqlLiteral, sqlSelect, sqlTextExpr, sqlTypeName } from './shared.js';

const coalesceParams = params({ columns: columnList, new_column: newColumn, default: scalar.default(null) });
type CoalesceParams = z.infer<typeof coalesceParams>;

/** The listed columns' types unified, then widened to hold the default (§2.4). */
function resultType(p: CoalesceParams, schema: Schema): ColumnType {
  const unified = p.columns.reduce<ColumnType | null>((t, c) => unifyTypes(t, schema.find((s) => s.name === c)!.type), null)!;
  return typeToHold(unified, p.default)!;
}

/** `coalesce` (§4.2): the first non-null value across columns, else a default. */
export const coalesce: Primitive<CoalesceParams> = {
  name: 'coalesce',
  title: 'Coalesce columns',
  category: 'columns',
  description: 'Per row takes the first non-blank value scanning the listed columns left to right, else the default; writes it to a new column (or in place into one of the listed columns).',
  params: coalesceParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listedColumns(p.columns),
  check: (p, { schema }) => (p.columns.includes(p.new_column) ? [] : columnExists('new_column', p.new_column, schema)),
  outputSchema: (p, { schema }) => replaceOrAppend(schema, { name: p.new_column, type: resultType(p, schema) }),
  run(dt: DataTable, p) {
    const type = resultType(p, dt.schema);
    const sources = p.columns.map((c) => castColumn(columnValues(dt, c), dt.schema.find((s) => s.name === c)!.type, type));
    const fallback = convertValue(p.default, type) ?? null;
    const rows = rowCount(dt);
    const out: CellValue[] = new Array(rows);
    let allNull = 0;
    for (let r = 0; r < rows; r++) {
      let v: CellValue = null;
      for (const s of sources) if ((v = s[r]) !== null) break;
      if (v === null) allNull++;
      out[r] = v ?? fallback;
    }
    const before = dt.schema.find((c) => c.name === p.new_column)?.type ?? null;
    const warning = typeWidenedWarning(p.new_column, before, type);
    const warnings: Warning[] = warning ? [warning] : [];
    return { table: setColumns(dt, [{ name: p.new_column, type, values: out }]), warnings, metadata: { all_null_rows: allNull, columns_checked: [...p.columns] } };
  },
  render(p, schema) {
    const type = resultType(p, schema);
    const cast = (c: string) => {
      const from = schema.find((s) => s.name === c)!.type;
      if (from === type) return ident(c);
      return type === 'string' ? sqlTextExpr(c, from) : `${ident(c)}::${sqlTypeName[type]}`;
    };
    const items = p.columns.map(cast);
    const fallback = convertValue(p.default, type) ?? null;
    const sql = items.some((i) => i === null)
      ? null
      : sqlSelect(replaceOrAppend(schema.map((c) => ({ name: c.name, sql: ident(c.name) })), { name: p.new_column, sql: `COALESCE(${[...items, ...(fallback === null ? [] : [sqlLiteral(fallback, type)])].join(', ')}) AS ${ident(p.new_column)}` }).map((c) => c.sql));
    return { js: mdCall('coalesce', p), sql };
  },
  summary: (p) => `${p.new_column} = first non-blank of ${p.columns.join(', ')}${p.default !== null ? ` else ${JSON.stringify(p.default)}` : ''}`,
  examples: [
    { prompt: 'make a contact column from mobile, or home_phone when mobile is blank', params: { columns: ['mobile', 'home_phone'], new_column: 'contact' } },
    { prompt: 'fill email from work_email then personal_email, otherwise "unknown"', params: { columns: ['work_email', 'personal_email'], new_column: 'email', default: 'unknown' } },
  ],
};
