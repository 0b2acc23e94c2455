import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { field, ident, js, mdCall, sqlText, sqlTrim } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { orNull, rewriteTexts, sqlSelect, SQL_WHITESPACE } from './shared.js';

const trimParams = params({
  // null → every string column; [] → none (so not the non-empty `columnList`)
  columns: z
    .array(column)
    .refine((list) => new Set(list).size === list.length, { message: 'must not list a column twice' })
    .nullable()
    .default(null),
  trim_type: z.enum(['leading', 'trailing', 'both', 'all']).default('all'),
});

type TrimParams = z.infer<typeof trimParams>;
type TrimType = TrimParams['trim_type'];

/** A cell needs `all` when it has whitespace at an end, two in a row, or any whitespace other than U+0020. */
const NEEDS_ALL = /^\s|\s$|\s\s|[^\S ]/;
const INNER_RUNS = /\s+/g;

/** Whitespace is JavaScript's `\s` (§2.7), which is exactly what `String#trim` removes. */
const TRIMS: Record<TrimType, (text: string) => string | null> = {
  leading: (s) => orNull(s.trimStart()),
  trailing: (s) => orNull(s.trimEnd()),
  both: (s) => orNull(s.trim()),
  // Most cells need nothing: the test spares them the allocation of a copy.
  all: (s) => (NEEDS_ALL.test(s) ? orNull(s.trim().replace(INNER_RUNS, ' ')) : s),
};

/** The string columns processed and the listed columns of other types (skipped). */
function targets(p: TrimParams, schema: Schema): { trimmed: string[]; skipped: string[] } {
  const listed = p.columns ?? schema.filter((c) => c.type === 'string').map((c) => c.name);
  const isString = (name: string) => schema.find((c) => c.name === name)?.type === 'string';
  return { trimmed: listed.filter(isString), skipped: listed.filter((n) => !isString(n)) };
}

const JS_EXPR: Record<TrimType, (f: string) => string> = {
  leading: (f) => `op.replace(${f}, /^\\s+/, "")`,
  trailing: (f) => `op.replace(${f}, /\\s+$/, "")`,
  both: (f) => `op.trim(${f})`,
  all: (f) => `op.replace(op.trim(${f}), /\\s+/g, " ")`,
};

const WS = `${SQL_WHITESPACE}+`;
const SQL_EXPR: Record<TrimType, (c: string) => string> = {
  leading: (c) => `regexp_replace(${c}, ${sqlText(`^${WS}`)}, '')`,
  trailing: (c) => `regexp_replace(${c}, ${sqlText(`${WS}$`)}, '')`,
  both: sqlTrim,
  all: (c) => `regexp_replace(${SQL_EXPR.both(c)}, ${sqlText(WS)}, ' ', 'g')`,
};

/** `trim_whitespace` (§4.3): strips (and with `all` collapses) whitespace in string columns. */
export const trimWhitespace: Primitive<TrimParams> = {
  name: 'trim_whitespace',
  title: 'Trim whitespace',
  category: 'format',
  description:
    'Removes leading and/or trailing whitespace from text columns (all string columns when none are listed); "all" also collapses inner runs of spaces, tabs and newlines to one space. A cell trimmed to nothing becomes blank.',
  params: trimParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => (p.columns ?? []).map((c, i) => ({ param: `columns[${i}]`, column: c })),
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const { trimmed, skipped } = targets(p, dt.schema);
    let changed = 0;
    const updates = trimmed.flatMap((name) => {
      const result = rewriteTexts(dt, name, TRIMS[p.trim_type]);
      changed += result.changed;
      return result.changed > 0 ? [{ name, type: result.type, values: result.values }] : [];
    });
    return {
      table: updates.length > 0 ? setColumns(dt, updates) : dt,
      metadata: { columns_trimmed: trimmed.length, columns_skipped: skipped, values_changed: changed },
    };
  },
  render(p, schema) {
    const { trimmed } = targets(p, schema);
    if (trimmed.length === 0) return { js: mdCall('trim_whitespace', p), sql: sqlSelect(schema, {}) };
    const derive = trimmed.map((c) => `${js(c)}: d => ${JS_EXPR[p.trim_type](field(c))} || null`).join(', ');
    const replaced = Object.fromEntries(trimmed.map((c) => [c, `NULLIF(${SQL_EXPR[p.trim_type](ident(c))}, '')`]));
    return { js: `dt = dt.derive({ ${derive} });`, sql: sqlSelect(schema, replaced) };
  },
  summary: (p) =>
    `trim ${p.trim_type === 'all' ? 'and collapse ' : p.trim_type === 'both' ? '' : `${p.trim_type} `}whitespace in ${p.columns === null ? 'every text column' : p.columns.join(', ') || 'no columns'}`,
  examples: [
    { prompt: 'clean up the extra spaces in all text columns', params: { columns: null, trim_type: 'all' } },
    { prompt: 'strip leading and trailing spaces from name and email', params: { columns: ['name', 'email'], trim_type: 'both' } },
    { prompt: 'remove trailing whitespace from the notes column', params: { columns: ['notes'], trim_type: 'trailing' } },
  ],
};
