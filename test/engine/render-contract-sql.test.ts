/**
 * The SQL side of the code-rendering contract (PRIMITIVES.md §1.6): for every fixture case whose steps all render
 * SQL, the input (and each attached table, named by its id) is loaded into PostgreSQL (PGlite) with typed columns
 * and a `"_row"` ordinal, the chain query `WITH "s0" AS (...) ... SELECT * FROM "s<n>"` runs, and its rows must
 * equal the engine's output in `"_row"` order (1, 2, …), compared by text form, with the same column names.
 * Which primitives render SQL at all must match the "SQL ✓" / "SQL —" markers of the catalogue.
 */
import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnValues, datetimeFormOf, datetimeText, floatText, textOf, type DataTable } from '../../src/engine/index.js';
import { getPrimitive, listPrimitives, renderChainSql, renderSteps, runPlan, type AttachedTable, type RunContext } from '../../src/engine/plan/index.js';
import { CASES, type ContractCase } from './render-contract/cases.js';
import { canonical } from './render-contract/modules.js';

/** The primitives whose catalogue block says "SQL ✓" (PRIMITIVES.md §4); every other one renders `sql: null`. */
const SQL_MARKED = [
  'sort_rows', 'filter_rows', 'limit_rows', 'remove_duplicates', 'merge_duplicates', 'fill_blanks', 'add_rows', 'offset_rows', 'head_rows', 'tail_rows', 'row_number', 'explode_column',
  'select_columns', 'remove_columns', 'rename_columns', 'reorder_columns', 'add_column', 'merge_columns', 'copy_column', 'coalesce', 'replace_null', 'concat_columns',
  'change_text_casing', 'trim_whitespace', 'standardize_values',
  'find_replace', 'text_length', 'pad_text', 'remove_characters', 'string_contains', 'substring',
  'math_operation', 'round_numbers', 'percentage', 'running_total', 'rank', 'conditional_value', 'floor_ceil', 'bin_values', 'absolute_value', 'is_between', 'case_when', 'dense_rank', 'ntile', 'lag', 'lead', 'moving_average', 'percent_rank', 'first_value',
  'join_tables', 'union_tables', 'lookup',
  'aggregate', 'unpivot',
  'extract_date_part', 'date_diff', 'date_add',
  'detect_nulls', 'is_duplicate', 'normalize_enum_values',
];

const PRIMITIVES_MD = '/work/shared/PRIMITIVES.md';
const PG_TYPE = { integer: 'bigint', float: 'float8', boolean: 'boolean', datetime: 'timestamp(3)', string: 'text' } as const;
const TIMESTAMP_OIDS = new Set([1082, 1114, 1184]);
/** float4/float8: PostgreSQL prints exponents differently (`5e-07`); the value is compared in the engine's text form. */
const FLOAT_OIDS = new Set([700, 701]);

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates `name` with the table's typed columns plus "_row" (1, 2, …) and loads its rows (one parameterised INSERT). */
async function load(db: PGlite, name: string, dt: DataTable): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${q(name)}`);
  await db.exec(`CREATE TABLE ${q(name)} (${[...dt.schema.map((c) => `${q(c.name)} ${PG_TYPE[c.type]}`), '"_row" bigint'].join(', ')})`);
  const columns = dt.schema.map((c) => columnValues(dt, c.name));
  const rows = dt.table.numRows();
  if (rows === 0) return;
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const values = [...columns.map((col) => (col[r] instanceof Date ? datetimeText(col[r] as Date, { hasTime: true, hasMs: true }) : col[r])), r + 1];
    tuples.push(`(${values.map((v) => `$${params.push(v)}`).join(', ')})`);
  }
  await db.query(`INSERT INTO ${q(name)} VALUES ${tuples.join(', ')}`, params);
}

/** Each row as text: timestamps at millisecond precision (the engine's per-column date-only form aside), others by text(v). */
function engineRows(dt: DataTable, timestampColumns: Set<string>): (string | null)[][] {
  const texts = dt.schema.map((c) => {
    const values = columnValues(dt, c.name);
    if (c.type === 'datetime' && timestampColumns.has(c.name)) return values.map((v) => (v instanceof Date ? datetimeText(v, { hasTime: true, hasMs: true }) : null));
    const form = c.type === 'datetime' ? datetimeFormOf(values) : undefined;
    return values.map((v) => textOf(v, c.type, form));
  });
  return Array.from({ length: dt.table.numRows() }, (_, r) => texts.map((t) => t[r]));
}

interface SqlCase {
  c: ContractCase;
  sql: string;
  /** The relations the query reads (each distinct fixture table is loaded once). */
  relations: Map<string, DataTable>;
  expected: DataTable;
}

describe('rendered SQL reproduces the engine on PostgreSQL (PGlite)', () => {
  let db: PGlite;
  const runnable: SqlCase[] = [];
  const perStep: { c: ContractCase; op: string; sql: string | null }[] = [];

  const inputNames = new Map<string, string>();
  const loaded = new Set<string>();
  for (const c of CASES) {
    const input = canonical(c.input).table;
    if (!inputNames.has(c.input)) inputNames.set(c.input, `input_${inputNames.size + 1}`);
    const inputRelation = inputNames.get(c.input)!;
    const tables: AttachedTable[] = (c.tables ?? []).map((t) => ({ id: t.id, name: t.name, hash: '', table: canonical(t.csv).table }));
    const ctx: RunContext = { tables, ...(c.now ? { now: c.now } : {}) };
    perStep.push(...renderSteps(c.steps, input.schema, ctx).map((r) => ({ c, op: r.step.primitive.name, sql: r.sql })));
    const sql = renderChainSql(c.steps, input.schema, ctx, { inputRelation });
    if (sql === null) continue;
    const result = runPlan(input, c.steps, ctx);
    if (!result.ok) throw new Error(`fixture "${c.name}" fails in the engine: ${JSON.stringify(result.errors)}`);
    const relations = new Map<string, DataTable>([[inputRelation, input], ...tables.map((t) => [t.id, t.table] as const)]);
    runnable.push({ c, sql, relations, expected: result.table });
  }

  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  it('the checked-in "SQL ✓" list is the catalogue\'s', () => {
    expect(SQL_MARKED.every((op) => getPrimitive(op) !== undefined)).toBe(true);
    if (!existsSync(PRIMITIVES_MD)) return; // the list above is the copy kept with the code
    const marked = [...readFileSync(PRIMITIVES_MD, 'utf8').matchAll(/^\*\*`(\w+)`\*\* · rows [=±] · SQL (✓|—)/gm)];
    expect(marked).toHaveLength(85);
    expect(marked.filter((m) => m[2] === '✓').map((m) => m[1]).sort()).toEqual([...SQL_MARKED].sort());
  });

  it('primitives without "SQL ✓" render sql: null in every case; each "SQL ✓" primitive renders SQL for its fixtures', () => {
    const marked = new Set(SQL_MARKED);
    const unmarkedWithSql = perStep.filter((s) => !marked.has(s.op) && s.sql !== null).map((s) => `${s.c.name}: ${s.op}`);
    expect(unmarkedWithSql).toEqual([]);
    const rendered = new Set(perStep.filter((s) => s.sql !== null).map((s) => s.op));
    expect(SQL_MARKED.filter((op) => !rendered.has(op))).toEqual([]);
    expect(listPrimitives().length).toBe(85);
  });

  it.each(CASES.map((c) => [c.name] as const))('%s', async (name) => {
    const found = runnable.find((r) => r.c.name === name);
    if (!found) return; // some step has no faithful SQL (checked above against the markers)
    for (const [name, table] of found.relations) {
      if (!loaded.has(name)) await load(db, name, table);
      loaded.add(name);
    }
    const shape = await db.query<Record<string, unknown>>(`SELECT * FROM (${found.sql}) AS "q" LIMIT 0`);
    const names = shape.fields.map((f) => f.name);
    expect(names, found.sql).toEqual([...found.expected.schema.map((c) => c.name), '_row']);
    const timestamps = new Set(shape.fields.filter((f) => TIMESTAMP_OIDS.has(f.dataTypeID)).map((f) => f.name));
    const select = names.map((n) => (timestamps.has(n) ? `to_char(${q(n)}, 'YYYY-MM-DD HH24:MI:SS.MS')` : `${q(n)}::text`));
    const res = await db.query<string[]>(`SELECT ${select.join(', ')} FROM (${found.sql}) AS "q" ORDER BY "q"."_row"`, [], { rowMode: 'array' });
    const floats = shape.fields.map((f) => FLOAT_OIDS.has(f.dataTypeID));
    const rows = res.rows.map((r) => r.slice(0, -1).map((v, i) => (floats[i] && v !== null ? floatText(Number(v)) : v)));
    expect(res.rows.map((r) => r[r.length - 1]), `"_row" is 1, 2, … in order\n${found.sql}`).toEqual(rows.map((_, i) => String(i + 1)));
    expect(rows, found.sql).toEqual(engineRows(found.expected, timestamps));
  });
});
