/**
 * Writing values into columns (PRIMITIVES.md §2.4): exact conversion to a column's type, type unification, and the
 * `TYPE_WIDENED` warning. Used wherever a primitive writes a value into an existing column (fill values, defaults,
 * added rows, mapped standards) or combines columns into one (union, coalesce, unpivot, merged join keys).
 */
import type { Warning } from '../plan/types.js';
import { datetimeFormOf, textOf, type CellValue, type ColumnSchema, type ColumnType, type DatetimeForm } from '../table.js';
import { num } from './numbers.js';

/** `null` stands for "no value / no type yet": null + T → T. */
export type MaybeType = ColumnType | null;

/** The type a value has on its own: whole safe numbers integer, other numbers float; null → null. */
export function valueType(value: CellValue): MaybeType {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'integer' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'datetime';
  return 'string';
}

/** The type of a list of supplied values (a new column's type): their types unified; null when all are null. */
export function typeOfValues(values: Iterable<CellValue>): MaybeType {
  let type: MaybeType = null;
  for (const v of values) type = unifyTypes(type, valueType(v));
  return type;
}

/** §2.4 rule 2: same → same; integer + float → float; null + T → T; any other pair → string. */
export function unifyTypes(a: MaybeType, b: MaybeType): MaybeType {
  if (a === null) return b;
  if (b === null || a === b) return a;
  if ((a === 'integer' && b === 'float') || (a === 'float' && b === 'integer')) return 'float';
  return 'string';
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/;

/** `YYYY-MM-DD[ HH:MM:SS[.mmm]]` (the engine's own text form) as a UTC instant, or null when not a valid instant. */
function isoDatetime(text: string): Date | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  // A day that does not exist in the month rolls over; reject it.
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/**
 * §2.4 rule 1: the value converted to `type` when the conversion is exact, else `undefined`. Null converts to null.
 * A datetime written into a string column prints with `form` (the form of the column it comes from) when given.
 */
export function convertValue(value: CellValue, type: ColumnType, form?: DatetimeForm): CellValue | undefined {
  if (value === null) return null;
  switch (type) {
    case 'integer': {
      const n = typeof value === 'number' || typeof value === 'string' ? num(value) : null;
      return n !== null && Number.isSafeInteger(n) ? (Object.is(n, -0) ? 0 : n) : undefined;
    }
    case 'float': {
      const n = typeof value === 'number' || typeof value === 'string' ? num(value) : null;
      return n ?? undefined;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const t = typeof value === 'string' ? value.trim().toLowerCase() : '';
      return t === 'true' ? true : t === 'false' ? false : undefined;
    }
    case 'datetime':
      if (value instanceof Date) return value;
      return typeof value === 'string' ? (isoDatetime(value.trim()) ?? undefined) : undefined;
    case 'string':
      return textOf(value, valueType(value)!, form);
  }
}

/**
 * The narrowest type that holds both the column's current values and `value`: the column's type when the value
 * converts exactly; a number (or numeric text) that is not a whole safe integer turns `integer` into `float`;
 * otherwise the types unify.
 */
export function typeToHold(type: MaybeType, value: CellValue): MaybeType {
  if (value === null) return type;
  if (type === null) return valueType(value);
  if (convertValue(value, type) !== undefined) return type;
  if (type === 'integer' && (typeof value === 'number' || typeof value === 'string') && num(value) !== null) return 'float';
  return unifyTypes(type, valueType(value));
}

/**
 * A column's cells converted to a wider type (`to` = unifyTypes(from, …)): integer → float keeps the numbers;
 * → string uses text() with the column's datetime form (§2.2); from `null` (an untyped, all-null column) nulls.
 */
export function castColumn(values: readonly CellValue[], from: MaybeType, to: ColumnType): CellValue[] {
  if (from === to || from === null || (from === 'integer' && to === 'float')) return [...values];
  if (to === 'string') {
    const form = from === 'datetime' ? datetimeFormOf(values) : undefined;
    return values.map((v) => textOf(v, from, form));
  }
  return values.map((v) => convertValue(v, to) ?? null);
}

/** Converts values already known to fit `type` (via typeToHold); datetimes into text share one form. */
export function convertValues(values: readonly CellValue[], type: ColumnType): CellValue[] {
  const form = type === 'string' ? datetimeFormOf(values) : undefined;
  return values.map((v) => convertValue(v, type, form) ?? null);
}

/** `TYPE_WIDENED` when a column's type changes other than integer → float (§2.4 rule 3); else null. */
export function typeWidenedWarning(column: string, from: MaybeType, to: MaybeType): Warning | null {
  if (from === null || to === null || from === to || (from === 'integer' && to === 'float')) return null;
  return { code: 'TYPE_WIDENED', column, message: `Column "${column}" changed type from ${from} to ${to} to hold the new values.` };
}

export interface WriteResult {
  /** The column's type after the write. */
  type: ColumnType;
  /** The column's existing cells, converted to `type`. */
  existing: CellValue[];
  /** The written values, converted to `type` (same order as given). */
  values: CellValue[];
  warning: Warning | null;
}

/**
 * Writes `values` into an existing column (§2.4): finds the type that holds the column and every value, converts the
 * existing cells and the values to it, and says whether the change deserves a `TYPE_WIDENED` warning. The caller
 * places the converted values (fills nulls, appends rows, …).
 */
export function writeValues(column: ColumnSchema, existing: readonly CellValue[], values: readonly CellValue[]): WriteResult {
  let type: MaybeType = column.type;
  for (const v of values) type = typeToHold(type, v);
  const to = type ?? column.type;
  return {
    type: to,
    existing: castColumn(existing, column.type, to),
    values: convertValues(values, to),
    warning: typeWidenedWarning(column.name, column.type, to),
  };
}

/**
 * Combines typed columns into one (coalesce, union, unpivot, merged keys): their types unify (a `null` type counts
 * for nothing) and each column's cells are converted with its own datetime form. An all-null result is `string`.
 */
export function unifyColumns(columns: readonly { type: MaybeType; values: readonly CellValue[] }[]): { type: ColumnType; columns: CellValue[][] } {
  const type = columns.reduce<MaybeType>((acc, c) => unifyTypes(acc, c.type), null) ?? 'string';
  return { type, columns: columns.map((c) => castColumn(c.values, c.type, type)) };
}
