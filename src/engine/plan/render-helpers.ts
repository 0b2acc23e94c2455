/** Small helpers for rendering steps as Arquero JS and PostgreSQL (§1.6). */
export const js = (value: unknown): string => JSON.stringify(value);

/** `d["name"]` */
export const field = (name: string): string => `d[${JSON.stringify(name)}]`;

/** A double-quoted SQL identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A single-quoted SQL string literal. */
export const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The whole-step call `dt = md.<op>(dt, params);`, used when no Arquero verb renders the step faithfully. */
export const mdCall = (op: string, params: unknown, reportOnly = false): string =>
  `${reportOnly ? '' : 'dt = '}md.${op}(dt, ${JSON.stringify(params)});`;

/** Every column of the input except "_row", for a SELECT that renumbers "_row". */
export const selectList = (schema: readonly { name: string }[]): string => schema.map((c) => ident(c.name)).join(', ');

/**
 * SQL renderings use the token `{input}` for the step's input relation; the chain renderer replaces it with
 * `"s<index>"` and wraps the steps as `WITH s0 AS (...), s1 AS (...) SELECT * FROM s<n>`.
 */
export const INPUT = '{input}';

/** PostgreSQL regex class for JavaScript's `\s` (§2.7; PostgreSQL's own `\s` depends on the locale). */
export const SQL_WHITESPACE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

/** JavaScript's `String#trim` in PostgreSQL. */
export const sqlTrim = (expr: string): string => `regexp_replace(${expr}, ${sqlText(`^${SQL_WHITESPACE}+|${SQL_WHITESPACE}+$`)}, '', 'g')`;

/*
 * Case mapping. JavaScript's toLowerCase/toUpperCase (§2.7) apply Unicode's full mappings; PostgreSQL's LOWER/UPPER
 * map one character to one (with the database's locale). The differences are made explicit here: İ lower-cases to
 * "i̇", a final capital sigma to "ς", and about a hundred characters upper-case to several ("ß" → "SS", "ﬁ" → "FI").
 * What stays outside: databases whose locale does not case-map beyond ASCII (LC_CTYPE "C"), characters newer than
 * the server's Unicode tables, and the rarer case-ignorable characters around a final sigma.
 */
const CASE_IGNORABLE = "['.:\\u00b7\\u00ad\\u2018\\u2019\\u0300-\\u036f]";
const CASED = '[[:upper:][:lower:]]';
const FINAL_SIGMA = `(?<=${CASED}${CASE_IGNORABLE}*)Σ(?!${CASE_IGNORABLE}*${CASED})`;

/**
 * JavaScript's toLowerCase in PostgreSQL. For a folded text compared with (or searched for) JavaScript-folded
 * `literals` only, a difference matters when a literal holds one of the differing characters, so the fixes are
 * included only then: `LOWER("status") = 'done'` stays plain.
 */
export function sqlLower(expr: string, literals?: readonly string[]): string {
  const any = (chars: RegExp) => literals === undefined || literals.some((t) => chars.test(t));
  let x = expr;
  if (any(/[i\u0307]/)) x = `REPLACE(${x}, ${sqlText('\u0130')}, ${sqlText('i\u0307')})`;
  if (any(/[σς]/)) x = `REGEXP_REPLACE(${x}, ${sqlText(FINAL_SIGMA)}, 'ς', 'g')`;
  return `LOWER(${x})`;
}

let specialUpper: [string, string][] | null = null;

/** The characters whose upper case is more than one code point, from the runtime's own tables (all in the BMP). */
function specialUpperCases(): [string, string][] {
  if (specialUpper) return specialUpper;
  specialUpper = [];
  for (let cp = 0x80; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCharCode(cp);
    const upper = c.toUpperCase();
    if ([...upper].length > 1) specialUpper.push([c, upper]);
  }
  return specialUpper;
}

/** JavaScript's toUpperCase in PostgreSQL: the several-character mappings first, then UPPER. */
export const sqlUpper = (expr: string): string =>
  `UPPER(${specialUpperCases().reduce((acc, [c, u]) => `REPLACE(${acc}, ${sqlText(c)}, ${sqlText(u)})`, expr)})`;
