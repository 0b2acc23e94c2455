import { z } from 'zod';
import { sqlLiteral } from '../../conditions/index.js';
import { params, scalar } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema, Warning } from '../../plan/types.js';
import { columnValues, makeDataTable, rowCount, type CellValue, type ColumnSchema, type ColumnType } from '../../table.js';
import { convertValues, typeOfValues, typeToHold, writeValues } from '../../values/widen.js';
import { renumberedSql } from './shared.js';

const addParams = params({
  rows: z.array(z.record(z.string().min(1, 'column names must be non-empty'), scalar)),
  position: z.enum(['top', 'bottom']).default('bottom'),
});

type AddParams = z.infer<typeof addParams>;

/** The supplied values of one column, one per added record (missing keys and empty text → null, §2.1). */
const suppliedValues = (p: AddParams, name: string): CellValue[] =>
  p.rows.map((r) => (Object.hasOwn(r, name) && r[name] !== '' ? r[name] : null));

/** Keys that are not columns, in order of first appearance across the records. */
function newNames(p: AddParams, schema: Schema): string[] {
  const existing = new Set(schema.map((c) => c.name));
  const names: string[] = [];
  for (const record of p.rows) for (const key of Object.keys(record)) if (!existing.has(key) && !names.includes(key)) names.push(key);
  return names;
}

/** The output schema: existing columns widened to hold their values (§2.4), then the new columns. */
function outputColumns(p: AddParams, schema: Schema): ColumnSchema[] {
  const widened = schema.map((c) => ({ name: c.name, type: suppliedValues(p, c.name).reduce<ColumnType>((t, v) => typeToHold(t, v) ?? t, c.type) }));
  return [...widened, ...newNames(p, schema).map((name) => ({ name, type: typeOfValues(suppliedValues(p, name)) ?? ('string' as const) }))];
}

const PG_TYPES: Record<ColumnType, string> = { integer: 'BIGINT', float: 'DOUBLE PRECISION', boolean: 'BOOLEAN', datetime: 'TIMESTAMP', string: 'TEXT' };

/** `add_rows` (§4.1): appends (or inserts at the top) records; unknown keys become new columns. */
export const addRows: Primitive<AddParams> = {
  name: 'add_rows',
  title: 'Add rows',
  category: 'rows',
  description: 'Adds records (column → value) at the bottom or the top; missing columns get null, new keys become new columns, and column types widen to hold the values.',
  params: addParams,
  rowsMayChange: true,
  colsMayChange: true,
  columns: () => [],
  outputSchema: (p, { schema }) => outputColumns(p, schema),
  run(dt, p) {
    const n = rowCount(dt);
    const top = p.position === 'top';
    const place = (existing: CellValue[], added: CellValue[]) => (top ? [...added, ...existing] : [...existing, ...added]);
    const warnings: Warning[] = [];
    const schema: ColumnSchema[] = [];
    const columns: CellValue[][] = [];
    for (const c of dt.schema) {
      const written = writeValues(c, columnValues(dt, c.name), suppliedValues(p, c.name));
      if (written.warning) warnings.push(written.warning);
      schema.push({ name: c.name, type: written.type });
      columns.push(place(written.existing, written.values));
    }
    for (const name of newNames(p, dt.schema)) {
      const supplied = suppliedValues(p, name);
      const type = typeOfValues(supplied) ?? 'string';
      schema.push({ name, type });
      columns.push(place(new Array<CellValue>(n).fill(null), convertValues(supplied, type)));
    }
    return { table: makeDataTable(schema, columns), warnings, metadata: { rows_added: p.rows.length } };
  },
  render(p, schema) {
    const js = mdCall('add_rows', p);
    if (p.rows.length === 0) return { js, sql: 'SELECT * FROM {input} ORDER BY "_row"' };
    const out = outputColumns(p, schema);
    // Existing cells rewritten as text print PostgreSQL's way: no SQL when a column changes type beyond integer → float.
    if (schema.some((c, i) => out[i].type !== c.type && !(c.type === 'integer' && out[i].type === 'float'))) return { js, sql: null };
    const inputCols = out.map((c, i) => (i < schema.length ? ident(c.name) : `CAST(NULL AS ${PG_TYPES[c.type]}) AS ${ident(c.name)}`));
    const key = p.position === 'top' ? 0 : 2;
    const records = p.rows.map((_, r) => {
      const lits = out.map((c) => {
        const v = convertValues([suppliedValues(p, c.name)[r]], c.type)[0];
        return v === null ? `CAST(NULL AS ${PG_TYPES[c.type]})` : sqlLiteral(v);
      });
      return `(${[...lits, r + 1, key].join(', ')})`;
    });
    const from = `(SELECT ${inputCols.join(', ')}, "_row", 1 AS "_k" FROM {input} UNION ALL VALUES ${records.join(', ')}) AS "t"`;
    return { js, sql: renumberedSql(out, from, undefined, '"_k", "_row"') };
  },
  summary: (p) => `add ${p.rows.length} row${p.rows.length === 1 ? '' : 's'} at the ${p.position}`,
  examples: [
    { prompt: 'add a row for Oslo with population 709000', params: { rows: [{ city: 'Oslo', population: 709000 }] } },
    { prompt: 'insert a header row "TOTAL" at the top', params: { rows: [{ name: 'TOTAL' }], position: 'top' } },
  ],
};
