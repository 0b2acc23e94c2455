import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Problem, RunContext, Schema, Warning } from '../../plan/types.js';
import { columnValues, makeDataTable, rowCount, type CellValue, type ColumnSchema, type DataTable } from '../../table.js';
import { castColumn, typeWidenedWarning, unifyTypes, type MaybeType } from '../../values/widen.js';
import { PG_TYPE, attachedTable, findTable, sqlCast, tableRef } from './shared.js';

const unionParams = params({
  other_tables: z.array(tableRef).min(1, 'must list at least one table'),
  ignore_index: z.boolean().default(true),
  match_columns: z.boolean().default(true),
});

type UnionParams = z.infer<typeof unionParams>;

const NO_COMMON = 'No common columns found between tables';

/**
 * Output columns: with match_columns, those present in every table in the current table's order; else all columns,
 * the current table's first, then new ones in order of first appearance. Types unify over the tables that have them.
 */
function layout(p: UnionParams, schemas: readonly Schema[]): ColumnSchema[] {
  const names: string[] = [];
  for (const schema of p.match_columns ? schemas.slice(0, 1) : schemas) {
    for (const c of schema) if (!names.includes(c.name)) names.push(c.name);
  }
  const kept = p.match_columns ? names.filter((n) => schemas.every((s) => s.some((c) => c.name === n))) : names;
  return kept.map((name) => ({
    name,
    type: schemas.reduce<MaybeType>((acc, s) => unifyTypes(acc, s.find((c) => c.name === name)?.type ?? null), null)!,
  }));
}

const otherSchemas = (p: UnionParams, ctx: RunContext): Schema[] => p.other_tables.map((ref) => findTable(ctx, ref)!.table.schema);

/** `union_tables` (§4.6): UNION ALL of the current rows and each listed table's rows, in list order. */
export const unionTables: Primitive<UnionParams> = {
  name: 'union_tables',
  title: 'Stack tables',
  category: 'tables',
  description:
    'Appends the rows of one or more attached tables below the current rows (UNION ALL, no de-duplication). match_columns keeps only the columns every table has; false keeps all columns and leaves missing cells empty.',
  params: unionParams,
  rowsMayChange: true,
  colsMayChange: true,
  tableParams: ['other_tables'],
  columns: () => [],
  tables: (p) => p.other_tables.map((table, i) => ({ param: `other_tables[${i}]`, table })),
  check(p, { schema, ctx }): Problem[] {
    return layout(p, [schema, ...otherSchemas(p, ctx)]).length === 0 ? [{ code: 'INVALID_PARAM', param: null, message: NO_COMMON }] : [];
  },
  outputSchema: (p, { schema, ctx }) => layout(p, [schema, ...otherSchemas(p, ctx)]),
  run(dt, p, ctx) {
    const tables: DataTable[] = [dt, ...p.other_tables.map((ref, i) => attachedTable(ctx, ref, `other_tables[${i}]`))];
    const columns = layout(p, tables.map((t) => t.schema));
    const total = tables.reduce((n, t) => n + rowCount(t), 0);
    const warnings: Warning[] = [];
    const values = columns.map((c) => {
      const out = new Array<CellValue>(total);
      let at = 0;
      for (const t of tables) {
        const source = t.schema.find((s) => s.name === c.name);
        const n = rowCount(t);
        if (source) {
          const cast = castColumn(columnValues(t, c.name), source.type, c.type);
          for (let r = 0; r < n; r++) out[at + r] = cast[r];
        } else out.fill(null, at, at + n);
        at += n;
      }
      const current = dt.schema.find((s) => s.name === c.name);
      const warning = current && typeWidenedWarning(c.name, current.type, c.type);
      if (warning) warnings.push(warning);
      return out;
    });
    return {
      table: makeDataTable(columns, values),
      warnings,
      metadata: { tables_combined: tables.length, total_rows_added: total - rowCount(dt) },
    };
  },
  // The optional context gives SQL the attached tables' schemas (render's contract passes only the input schema).
  render(p, schema, ctx?: RunContext) {
    return { js: mdCall('union_tables', p), sql: unionSql(p, schema, ctx) };
  },
  summary: (p) => `append the rows of ${p.other_tables.join(', ')}${p.match_columns ? ' (common columns only)' : ''}`,
  examples: [
    { prompt: 'stack the march and april exports below this data', params: { other_tables: ['export_march', 'export_april'] } },
    { prompt: 'combine with the archive table, keeping every column from both', params: { other_tables: ['archive'], match_columns: false } },
  ],
};

function unionSql(p: UnionParams, schema: Schema, ctx?: RunContext): string | null {
  const others = ctx ? p.other_tables.map((ref) => findTable(ctx, ref)) : [];
  if (!ctx || others.some((t) => !t)) return null;
  const relations = [{ from: '{input}', schema }, ...others.map((t) => ({ from: ident(t!.id), schema: t!.table.schema }))];
  const columns = layout(p, relations.map((r) => r.schema));
  const parts: string[] = [];
  for (const [i, rel] of relations.entries()) {
    const select: string[] = [];
    for (const c of columns) {
      const source = rel.schema.find((s) => s.name === c.name);
      const expr = source ? sqlCast(ident(c.name), source.type, c.type) : `NULL::${PG_TYPE[c.type]}`;
      if (expr === null) return null;
      select.push(`${expr} AS ${ident(c.name)}`);
    }
    parts.push(`SELECT ${select.join(', ')}, ${i} AS "_t", "_row" AS "_r" FROM ${rel.from}`);
  }
  const names = columns.map((c) => ident(c.name)).join(', ');
  return `SELECT ${names}, ROW_NUMBER() OVER (ORDER BY "_t", "_r") AS "_row" FROM (${parts.join(' UNION ALL ')}) AS "_u" ORDER BY "_row"`;
}
