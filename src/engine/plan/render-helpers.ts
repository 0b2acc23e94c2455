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
