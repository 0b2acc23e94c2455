/**
 * Helpers shared by the calculate primitives: numeric input (§2.3), output column names (rule D, §2.8) and the
 * SQL pieces for both.
 */
import type { Problem, Schema, Warning } from '../../plan/types.js';
import { ident, INPUT, SQL_WHITESPACE, sqlText, sqlTrim } from '../../plan/render-helpers.js';
import { columnValues, type ColumnType, type DataTable } from '../../table.js';
import { normalizeFloat, num } from '../../values/numbers.js';

const NUMERIC_INPUT: readonly ColumnType[] = ['integer', 'float', 'string'];

export const typeIn = (schema: Schema, name: string): ColumnType | undefined => schema.find((c) => c.name === name)?.type;

/** TYPE_MISMATCH for a boolean or datetime column where a number is needed (§2.3). */
export function numericProblem(schema: Schema, param: string, name: string): Problem[] {
  const type = typeIn(schema, name);
  if (type === undefined || NUMERIC_INPUT.includes(type)) return [];
  return [{ code: 'TYPE_MISMATCH', param, message: `column "${name}" is ${type}; a numeric column (or numeric text) is needed.` }];
}

/** COLUMN_EXISTS unless the name is new or one of the names the block lets the step write in place. */
export function newColumnProblem(schema: Schema, param: string, name: string, inPlace: readonly string[] = []): Problem[] {
  if (inPlace.includes(name) || !schema.some((c) => c.name === name)) return [];
  return [{ code: 'COLUMN_EXISTS', param, message: `column "${name}" already exists.` }];
}

export interface NumericColumn {
  values: readonly (number | null)[];
  /** One VALUES_NULLED warning for the column, or null. */
  warning: Warning | null;
}

/**
 * A column as numbers: integer and float columns as they are (no copy, so 1M rows stay cheap), string columns
 * through num() with one VALUES_NULLED warning (count, up to 5 distinct original texts in row order).
 */
export function numericColumn(dt: DataTable, name: string): NumericColumn {
  const type = typeIn(dt.schema, name);
  const source = columnValues(dt, name);
  if (type !== 'string') return { values: source as readonly (number | null)[], warning: null };
  const values = new Array<number | null>(source.length);
  let count = 0;
  const samples: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const cell = source[i];
    const n = cell === null ? null : num(cell);
    values[i] = n;
    if (n === null && cell !== null) {
      count++;
      if (samples.length < 5 && !samples.includes(String(cell))) samples.push(String(cell));
    }
  }
  return { values, warning: count ? nulledWarning(name, count, samples) : null };
}

export const nulledWarning = (column: string, count: number, samples: string[]): Warning => ({
  code: 'VALUES_NULLED',
  message: `${count} value${count === 1 ? '' : 's'} in "${column}" ${count === 1 ? 'is' : 'are'} not a number and became null.`,
  column,
  count,
  samples,
});

export const warnings = (...list: (Warning | null)[]): Warning[] => list.filter((w): w is Warning => w !== null);

/**
 * The type of a column of computed numbers, normalizing them in place: `integer` when the operands were integer
 * and every result is a safe integer; otherwise `float` (§2.1: a result outside the safe range makes the column
 * float) with every result cut to 15 significant digits (§2.5), whatever its row. `-0` becomes 0.
 */
export function computedColumn(out: (number | null)[], integerOperands: boolean): 'integer' | 'float' {
  let integer = integerOperands;
  if (integer) {
    for (const r of out) {
      if (r !== null && !Number.isSafeInteger(r)) {
        integer = false;
        break;
      }
    }
  }
  for (let i = 0; i < out.length; i++) {
    const r = out[i];
    if (r === null) continue;
    if (r === 0) out[i] = 0;
    // Whole results of up to 15 digits are already normal; only the rest pays for toPrecision.
    else if (!integer && !(Number.isInteger(r) && r < 1e15 && r > -1e15)) out[i] = normalizeFloat(r);
  }
  return integer ? 'integer' : 'float';
}

// ---- SQL ----

/** Halfway between the largest double and 2^1024, and half the smallest subnormal: JavaScript's rounding limits. */
const DOUBLE_OVERFLOW = '1.797693134862315807937289714053e308';
const DOUBLE_UNDERFLOW = '2.4703282292062327208828439643e-324';

/**
 * num() in PostgreSQL: numeric columns as they are, text parsed when it is a plain decimal number. Number(text)
 * gives Infinity (→ null) or 0 outside the double range where a float8 cast would fail the whole query, so the
 * text's magnitude is checked first (as numeric: `"m"` the mantissa, `"e"` the exponent).
 */
export function sqlNum(schema: Schema, name: string): string {
  const col = ident(name);
  if (typeIn(schema, name) !== 'string') return col;
  const number = `^${SQL_WHITESPACE}*[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?${SQL_WHITESPACE}*$`;
  const magnitude = `"e" + FLOOR(LOG(ABS("m")))`;
  const parsed =
    `(SELECT CASE WHEN "m" = 0 OR ${magnitude} < -325 THEN 0::float8 WHEN ${magnitude} > 309 THEN NULL ` +
    `WHEN ABS("t"::numeric) >= ${DOUBLE_OVERFLOW} THEN NULL WHEN ABS("t"::numeric) <= ${DOUBLE_UNDERFLOW} THEN 0::float8 ELSE "t"::float8 END ` +
    `FROM (SELECT ${sqlTrim(col)} AS "t") AS "_t", ` +
    `LATERAL (SELECT REGEXP_REPLACE("t", '[eE].*$', '')::numeric AS "m", COALESCE(SUBSTRING("t" FROM '[eE]([+-]?[0-9]+)$')::numeric, 0) AS "e") AS "_n")`;
  return `(CASE WHEN ${col} ~ ${sqlText(number)} THEN ${parsed} END)`;
}

/** A computed float cut to 15 significant digits (float8 → numeric keeps 15 digits), as normalizeFloat. */
export const sqlNormalize = (expr: string): string => `(${expr})::numeric::float8`;

/**
 * computedColumn in PostgreSQL for integer operands: exact (numeric) while every result of the step is a safe
 * integer, else every result normalized as a float. Numeric prints as the engine's text below 1e21.
 */
export const sqlComputedInteger = (expr: string): string =>
  `(CASE WHEN BOOL_AND(ABS(${expr}) <= 9007199254740991) OVER () THEN ${expr} ELSE (${expr})::float8::numeric END)`;

/** `SELECT <columns, `name` replaced in place or appended>, "_row" FROM {input} ORDER BY "_row"`. */
export function sqlWithColumn(schema: Schema, name: string, expr: string): string {
  const exists = schema.some((c) => c.name === name);
  const list = schema.map((c) => (c.name === name ? `${expr} AS ${ident(name)}` : ident(c.name)));
  if (!exists) list.push(`${expr} AS ${ident(name)}`);
  return `SELECT ${list.join(', ')}, "_row" FROM ${INPUT} ORDER BY "_row"`;
}


