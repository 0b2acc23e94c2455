import { z } from 'zod';
import { column, params, scalar } from '../../plan/param-types.js';
import { ident, mdCall, selectList, sqlText } from '../../plan/render-helpers.js';
import type { Primitive, Problem, RunContext, Schema } from '../../plan/types.js';
import { columnValues, type CellValue, type ColumnSchema, type ColumnType } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { castColumn, convertValue, typeToHold } from '../../values/widen.js';
import { PG_TYPE, attachedColumnProblems, attachedTable, comparesAsText, findTable, joinKeys, sqlCast, tableRef } from './shared.js';

const lookupParams = params({
  lookup_table: tableRef,
  lookup_column: column,
  lookup_key: z.string().min(1, 'must be a column name'),
  return_columns: z
    .array(z.string().min(1, 'must be a column name'))
    .min(1, 'must list at least one column')
    .refine((list) => new Set(list).size === list.length, { message: 'must not list a column twice' }),
  default_value: scalar.default(null),
});

type LookupParams = z.infer<typeof lookupParams>;

/** Empty text is null (§2.1). */
const defaultOf = (p: LookupParams): CellValue => (p.default_value === '' ? null : p.default_value);

/** Return columns with the lookup table's names and types, unified with the default (§2.4). */
function returnColumns(p: LookupParams, lookupSchema: Schema): ColumnSchema[] {
  return p.return_columns.map((name) => {
    const type = lookupSchema.find((c) => c.name === name)!.type;
    return { name, type: typeToHold(type, defaultOf(p)) ?? type };
  });
}

const lookupSchemaOf = (p: LookupParams, ctx: RunContext): Schema => findTable(ctx, p.lookup_table)!.table.schema;

/** `lookup` (§4.6): VLOOKUP — the first lookup row whose key equals the row's value supplies the return columns. */
export const lookup: Primitive<LookupParams> = {
  name: 'lookup',
  title: 'Look up values',
  category: 'tables',
  description:
    'VLOOKUP from an attached table: for each row, the first lookup-table row whose lookup_key equals lookup_column supplies return_columns (appended); unmatched rows get default_value. Row count and order unchanged.',
  params: lookupParams,
  rowsMayChange: false,
  colsMayChange: true,
  tableParams: ['lookup_table'],
  columns: (p) => [{ param: 'lookup_column', column: p.lookup_column }],
  tables: (p) => [{ param: 'lookup_table', table: p.lookup_table }],
  check(p, { schema, ctx }) {
    const table = findTable(ctx, p.lookup_table)!;
    const missing = attachedColumnProblems(table, [
      { param: 'lookup_key', column: p.lookup_key },
      ...p.return_columns.map((column, i) => ({ param: `return_columns[${i}]`, column })),
    ]);
    if (missing.length > 0) return missing;
    return p.return_columns.flatMap((name, i): Problem[] =>
      schema.some((c) => c.name === name) ? [{ code: 'COLUMN_EXISTS', param: `return_columns[${i}]`, message: `column "${name}" already exists.` }] : [],
    );
  },
  outputSchema: (p, { schema, ctx }) => [...schema, ...returnColumns(p, lookupSchemaOf(p, ctx))],
  run(dt, p, ctx) {
    const other = attachedTable(ctx, p.lookup_table, 'lookup_table');
    const keys = joinKeys({ table: dt, columns: [p.lookup_column] }, { table: other, columns: [p.lookup_key] });
    const first = new Map<string, number>();
    keys.right.forEach((k, r) => {
      if (k !== null && !first.has(k)) first.set(k, r);
    });
    const found = keys.left.map((k) => (k === null ? -1 : (first.get(k) ?? -1)));
    const matched = found.reduce((n, r) => n + (r >= 0 ? 1 : 0), 0);
    const columns = returnColumns(p, other.schema);
    const updates = columns.map((c) => {
      const sourceType = other.schema.find((s) => s.name === c.name)!.type;
      const source = castColumn(columnValues(other, c.name), sourceType, c.type);
      const fallback = convertValue(defaultOf(p), c.type) ?? null;
      return { name: c.name, type: c.type, values: found.map((r) => (r >= 0 ? source[r] : fallback)) };
    });
    return {
      table: setColumns(dt, updates),
      warnings: keys.warnings,
      metadata: { columns_added: p.return_columns, rows_matched: matched, rows_unmatched: found.length - matched },
    };
  },
  // The optional context gives SQL the lookup table's schema (render's contract passes only the input schema).
  render(p, schema, ctx?: RunContext) {
    return { js: mdCall('lookup', p), sql: lookupSql(p, schema, ctx) };
  },
  summary: (p) => `look up ${p.return_columns.join(', ')} from ${p.lookup_table} where ${p.lookup_key} = ${p.lookup_column}`,
  examples: [
    { prompt: 'look up each product’s price and category from the price list by sku', params: { lookup_table: 'price_list', lookup_column: 'sku', lookup_key: 'sku', return_columns: ['price', 'category'] } },
    { prompt: 'add the region name for each store code, "Unknown" when not found', params: { lookup_table: 'regions', lookup_column: 'store_code', lookup_key: 'code', return_columns: ['region_name'], default_value: 'Unknown' } },
  ],
};

function sqlLiteral(value: CellValue, type: ColumnType): string | null {
  if (value === null) return `NULL::${PG_TYPE[type]}`;
  if (type === 'string') return typeof value === 'string' ? sqlText(value) : null;
  if (type === 'integer' || type === 'float') return typeof value === 'number' ? String(value) : null;
  if (type === 'boolean') return typeof value === 'boolean' ? String(value).toUpperCase() : null;
  return null;
}

function lookupSql(p: LookupParams, schema: Schema, ctx?: RunContext): string | null {
  const other = ctx && findTable(ctx, p.lookup_table);
  if (!other) return null;
  const lt = schema.find((c) => c.name === p.lookup_column)!.type;
  const kt = other.table.schema.find((c) => c.name === p.lookup_key)!.type;
  const input = `{input}.${ident(p.lookup_column)}`;
  const key = `"_k".${ident(p.lookup_key)}`;
  let condition = `${key} = ${input}`;
  if (comparesAsText(lt, kt)) {
    const a = sqlCast(key, kt, 'string');
    const b = sqlCast(input, lt, 'string');
    if (a === null || b === null) return null;
    condition = `${a} = ${b}`;
  }
  const returned: string[] = [];
  for (const c of returnColumns(p, other.table.schema)) {
    const sourceType = other.table.schema.find((s) => s.name === c.name)!.type;
    const value = sqlCast(`"_m".${ident(c.name)}`, sourceType, c.type);
    const fallback = sqlLiteral(convertValue(defaultOf(p), c.type) ?? null, c.type);
    if (value === null || fallback === null) return null;
    returned.push(`CASE WHEN "_m"."_matched" THEN ${value} ELSE ${fallback} END AS ${ident(c.name)}`);
  }
  const inner = `SELECT ${p.return_columns.map((c) => `"_k".${ident(c)}`).join(', ')}, TRUE AS "_matched" FROM ${ident(other.id)} AS "_k" WHERE ${condition} ORDER BY "_k"."_row" LIMIT 1`;
  return `SELECT ${selectList(schema)}, ${returned.join(', ')}, "_row" FROM {input} LEFT JOIN LATERAL (${inner}) AS "_m" ON TRUE ORDER BY "_row"`;
}
