/**
 * Column type inference at the CSV boundary (PRIMITIVES.md §2.6): over a column's non-null
 * cells, the first rule that holds for every cell wins — integer, float, boolean, datetime,
 * string. Spellings that a conversion would change in meaning stay text: `007`, `+5`, `$29.99`,
 * `N/A`, `01/15/2024`. Number spellings that only normalize (`1.50` → `1.5`) are accepted.
 *
 * One guard beyond the letter of §2.6: a digits-only cell too large for a safe integer is only
 * read as a float when the float prints back to the same digits. Otherwise a 20-digit account
 * number would silently lose its last digits; such a column stays `string`.
 */
import type { CellValue, ColumnType } from '../table.js';
import type { CellSource } from './column-collector.js';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const FLOAT = /^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?|-?\.[0-9]+)$/;
const BOOLEAN = /^(true|false)$/i;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS[month - 1];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A UTC instant for a valid wall-clock date and time, else null. */
export function utcDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (y < 100) date.setUTCFullYear(y, mo - 1, d); // Date.UTC maps years 0–99 to 1900–1999
  return date;
}

/** Digits at s[from, from + n) as a number, or -1. Char-code parsing: this runs once or twice per cell. */
function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `YYYY-MM-DD`, valid as a calendar date. */
function parseDate(s: string): Date | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  return y < 0 || mo < 0 || d < 0 ? null : utcDate(y, mo, d);
}

/** `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD HH:MM:SS.mmm`, valid. */
function parseDatetime(s: string): Date | null {
  if (s.length !== 19 && s.length !== 23) return null;
  if (s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const date = parseDate(s.slice(0, 10));
  if (!date) return null;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  let ms = 0;
  if (s.length === 23) {
    if (s.charCodeAt(19) !== 46) return null;
    ms = digits(s, 20, 3);
  }
  if (h < 0 || mi < 0 || sec < 0 || ms < 0 || h > 23 || mi > 59 || sec > 59) return null;
  date.setUTCHours(h, mi, sec, ms);
  return date;
}

/** A digits-only cell is a safe integer, or a float only when it prints back unchanged. */
function integerCell(s: string): 'integer' | 'float' | 'string' {
  const n = Number(s);
  if (Number.isSafeInteger(n)) return 'integer';
  return String(n) === s ? 'float' : 'string';
}

export function inferColumnType(cells: CellSource): ColumnType {
  let canInt = true;
  let canFloat = true;
  let canBool = true;
  let canDate = true;
  let canDatetime = true;
  let seen = false;
  for (let i = 0; i < cells.length; i++) {
    const s = cells.at(i);
    if (s === null || s === undefined) continue;
    seen = true;
    if (canInt || canFloat) {
      if (INTEGER.test(s)) {
        const kind = integerCell(s);
        if (kind !== 'integer') canInt = false;
        if (kind === 'string') canFloat = false;
      } else {
        canInt = false;
        if (canFloat && !(FLOAT.test(s) && Number.isFinite(Number(s)))) canFloat = false;
      }
    }
    if (canBool && !BOOLEAN.test(s)) canBool = false;
    if (canDate && parseDate(s) === null) canDate = false;
    if (canDatetime && parseDatetime(s) === null) canDatetime = false;
    if (!canInt && !canFloat && !canBool && !canDate && !canDatetime) return 'string';
  }
  if (!seen) return 'string';
  if (canInt) return 'integer';
  if (canFloat) return 'float';
  if (canBool) return 'boolean';
  if (canDate || canDatetime) return 'datetime';
  return 'string';
}

/** Converts raw cells to values of an inferred type (every non-null cell is known to conform). */
export function convertColumn(cells: CellSource, type: ColumnType): CellValue[] {
  const out: CellValue[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const s = cells.at(i);
    if (s === null || s === undefined) {
      out[i] = null;
      continue;
    }
    switch (type) {
      case 'integer':
      case 'float': {
        const n = Number(s);
        out[i] = n === 0 ? 0 : n; // -0 is stored as 0
        break;
      }
      case 'boolean':
        out[i] = s.length === 4; // `true` in any case; `false` has five letters
        break;
      case 'datetime':
        out[i] = parseDate(s) ?? parseDatetime(s);
        break;
      default:
        out[i] = s;
    }
  }
  return out;
}

/** Infers and converts one column of raw cells. */
export function typedColumn(cells: CellSource): { type: ColumnType; values: CellValue[] } {
  const type = inferColumnType(cells);
  return { type, values: convertColumn(cells, type) };
}
