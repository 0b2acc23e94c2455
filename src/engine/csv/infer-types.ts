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

/*
 * Span-based inference and conversion: the same rules as `inferColumnType` / `convertColumn`, read
 * straight from the char codes of the decoded text, so a numeric, boolean or date cell never
 * becomes a string. Only string columns slice their cells.
 */

/** The texts spans point into, and the first row of each (ascending; a text may hold no rows). */
export interface TextSegments {
  readonly texts: string[];
  readonly rowStarts: number[];
}

/**
 * Raw cells of one column as spans of the segment texts; `ends[i] === STRING_CELL` marks a cell kept as
 * `strings[starts[i]]`. Rows are read in order, so the current text changes at each segment's first row.
 */
export interface SpanCells {
  readonly length: number;
  readonly segments: TextSegments;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly strings: readonly string[];
}

export const STRING_CELL = -1;

const NOT_NUMBER = 0;
const INT_SPELLING = 1;
const FLOAT_SPELLING = 2;
const MAX_EXACT = 9007199254740991;
const POW10 = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

/** The value of the last cell `scanNumber` accepted (a module slot: no allocation per cell). */
let scanned = 0;

/**
 * Classifies s[a, b) against INTEGER and FLOAT and leaves its value in `scanned`. Values are
 * computed exactly (Clinger's fast path: an exact mantissa times or over an exact power of ten is
 * correctly rounded); anything outside that range goes through Number() on a slice.
 */
function scanNumber(s: string, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  if (i >= b) return NOT_NUMBER;
  let m = 0;
  let c = s.charCodeAt(i);
  let fracDigits = 0;
  let kind = INT_SPELLING;
  if (c === 46) {
    // -?\.[0-9]+ — no exponent in this alternative
    i++;
    if (i >= b) return NOT_NUMBER;
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NOT_NUMBER;
      m = m * 10 + d;
      fracDigits++;
    }
    scanned = finish(s, a, b, m, -fracDigits, neg);
    return FLOAT_SPELLING;
  }
  if (c === 48) {
    i++;
  } else if (c >= 49 && c <= 57) {
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
    }
  } else {
    return NOT_NUMBER;
  }
  if (i < b && s.charCodeAt(i) === 46) {
    kind = FLOAT_SPELLING;
    i++;
    const from = i;
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
    }
    fracDigits = i - from;
    if (fracDigits === 0) return NOT_NUMBER;
  }
  let exp = 0;
  if (i < b) {
    c = s.charCodeAt(i);
    if (c !== 101 && c !== 69) return NOT_NUMBER;
    kind = FLOAT_SPELLING;
    i++;
    let expNeg = false;
    if (i < b) {
      c = s.charCodeAt(i);
      if (c === 43 || c === 45) {
        expNeg = c === 45;
        i++;
      }
    }
    const from = i;
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NOT_NUMBER;
      if (exp < 100000) exp = exp * 10 + d;
    }
    if (i === from) return NOT_NUMBER;
    if (expNeg) exp = -exp;
  }
  scanned = finish(s, a, b, m, exp - fracDigits, neg);
  return kind;
}

function finish(s: string, a: number, b: number, m: number, pow: number, neg: boolean): number {
  if (m > MAX_EXACT || pow > 22 || pow < -22) return Number(s.slice(a, b));
  const v = pow >= 0 ? m * POW10[pow] : m / POW10[-pow];
  return neg ? -v : v;
}

function lower(s: string, i: number): number {
  return s.charCodeAt(i) | 0x20;
}

/** `true` or `false` in any case. */
function isBooleanSpan(s: string, a: number, b: number): boolean {
  const n = b - a;
  if (n === 4) return lower(s, a) === 116 && lower(s, a + 1) === 114 && lower(s, a + 2) === 117 && lower(s, a + 3) === 101;
  if (n === 5) {
    return (
      lower(s, a) === 102 && lower(s, a + 1) === 97 && lower(s, a + 2) === 108 && lower(s, a + 3) === 115 && lower(s, a + 4) === 101
    );
  }
  return false;
}

/** `YYYY-MM-DD` at s[a, a + 10), valid as a calendar date. */
function isDateAt(s: string, a: number): boolean {
  if (s.charCodeAt(a + 4) !== 45 || s.charCodeAt(a + 7) !== 45) return false;
  const y = digits(s, a, 4);
  const mo = digits(s, a + 5, 2);
  const d = digits(s, a + 8, 2);
  return y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function isDateSpan(s: string, a: number, b: number): boolean {
  return b - a === 10 && isDateAt(s, a);
}

function isDatetimeSpan(s: string, a: number, b: number): boolean {
  const n = b - a;
  if (n !== 19 && n !== 23) return false;
  if (s.charCodeAt(a + 10) !== 32 || s.charCodeAt(a + 13) !== 58 || s.charCodeAt(a + 16) !== 58) return false;
  if (!isDateAt(s, a)) return false;
  const h = digits(s, a + 11, 2);
  const mi = digits(s, a + 14, 2);
  const sec = digits(s, a + 17, 2);
  let ms = 0;
  if (n === 23) {
    if (s.charCodeAt(a + 19) !== 46) return false;
    ms = digits(s, a + 20, 3);
  }
  return h >= 0 && mi >= 0 && sec >= 0 && ms >= 0 && h <= 23 && mi <= 59 && sec <= 59;
}

/**
 * The instant of a date or datetime span already known to be valid. Midnight of each day is
 * computed once per column (`days`); a time of day adds to it exactly, as UTC has no offsets.
 */
function spanTime(s: string, a: number, b: number, days: Map<number, number>): number {
  const y = digits(s, a, 4);
  const mo = digits(s, a + 5, 2);
  const d = digits(s, a + 8, 2);
  const key = y * 10000 + mo * 100 + d;
  let t = days.get(key);
  if (t === undefined) {
    t = utcDate(y, mo, d)!.getTime();
    if (days.size < 100000) days.set(key, t);
  }
  if (b - a === 10) return t;
  const ms = b - a === 23 ? digits(s, a + 20, 3) : 0;
  return t + digits(s, a + 11, 2) * 3600000 + digits(s, a + 14, 2) * 60000 + digits(s, a + 17, 2) * 1000 + ms;
}

/**
 * Shares one string among equal cells of a low-cardinality column (country, status): a hit costs
 * a hash of the span and no allocation. A column whose values are mostly distinct turns it off.
 */
class Interner {
  private table: (string | undefined)[] = new Array(1024);
  private hashes = new Int32Array(1024);
  private size = 0;
  private seen = 0;
  private on = true;

  get(text: string, a: number, b: number): string {
    if (!this.on || b - a > 64) return text.slice(a, b);
    this.seen++;
    let h = 0x811c9dc5 | 0;
    for (let i = a; i < b; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    const table = this.table;
    const mask = table.length - 1;
    let idx = h & mask;
    for (;;) {
      const s = table[idx];
      if (s === undefined) break;
      if (this.hashes[idx] === h && s.length === b - a && sameChars(s, text, a)) return s;
      idx = (idx + 1) & mask;
    }
    const value = text.slice(a, b);
    table[idx] = value;
    this.hashes[idx] = h;
    this.size++;
    if (this.size > 65536 || (this.seen >= 32768 && this.size * 2 > this.seen)) {
      this.on = false;
      this.table = [];
    } else if (this.size * 2 > table.length) {
      this.rehash();
    }
    return value;
  }

  private rehash(): void {
    const old = this.table;
    const oldHashes = this.hashes;
    const table: (string | undefined)[] = new Array(old.length * 2);
    const hashes = new Int32Array(old.length * 2);
    const mask = table.length - 1;
    for (let j = 0; j < old.length; j++) {
      const s = old[j];
      if (s === undefined) continue;
      let idx = oldHashes[j] & mask;
      while (table[idx] !== undefined) idx = (idx + 1) & mask;
      table[idx] = s;
      hashes[idx] = oldHashes[j];
    }
    this.table = table;
    this.hashes = hashes;
  }
}

function sameChars(s: string, text: string, a: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== text.charCodeAt(a + i)) return false;
  return true;
}

/** Infers a span column's type; numeric cells' values are left in `nums` when it is numeric. */
function inferSpans(cells: SpanCells, nums: Float64Array): ColumnType {
  const { starts, ends, strings, length } = cells;
  const { texts, rowStarts } = cells.segments;
  let segment = 0;
  let text = texts[0] ?? '';
  let nextSegmentRow = rowStarts[1] ?? Infinity;
  let canInt = true;
  let canFloat = true;
  let canBool = true;
  let canDate = true;
  let canDatetime = true;
  let seen = false;
  for (let i = 0; i < length; i++) {
    while (i >= nextSegmentRow) {
      text = texts[++segment];
      nextSegmentRow = rowStarts[segment + 1] ?? Infinity;
    }
    let s = text;
    let a = starts[i];
    let b = ends[i];
    if (b === STRING_CELL) {
      s = strings[a];
      a = 0;
      b = s.length;
    } else if (a === b) {
      continue;
    }
    seen = true;
    if (canInt || canFloat) {
      const kind = scanNumber(s, a, b);
      if (kind === INT_SPELLING) {
        const n = scanned;
        if (!Number.isSafeInteger(n)) {
          canInt = false;
          if (String(n) !== s.slice(a, b)) canFloat = false;
        }
      } else {
        canInt = false;
        if (canFloat && !(kind === FLOAT_SPELLING && Number.isFinite(scanned))) canFloat = false;
      }
      nums[i] = scanned;
    }
    if (canBool && !isBooleanSpan(s, a, b)) canBool = false;
    if (canDate && !isDateSpan(s, a, b)) canDate = false;
    if (canDatetime && !isDatetimeSpan(s, a, b)) canDatetime = false;
    if (!canInt && !canFloat && !canBool && !canDate && !canDatetime) return 'string';
  }
  if (!seen) return 'string';
  if (canInt) return 'integer';
  if (canFloat) return 'float';
  if (canBool) return 'boolean';
  if (canDate || canDatetime) return 'datetime';
  return 'string';
}

/** `typedColumn` for a column of spans: the same types and values, without a string per cell. */
export function typedSpanColumn(cells: SpanCells): { type: ColumnType; values: CellValue[] } {
  const { starts, ends, strings, length } = cells;
  const { texts, rowStarts } = cells.segments;
  let segment = 0;
  let text = texts[0] ?? '';
  let nextSegmentRow = rowStarts[1] ?? Infinity;
  const nums = new Float64Array(length);
  const type = inferSpans(cells, nums);
  const interner = new Interner();
  const days = new Map<number, number>();
  const instants = new Map<number, Date>();
  const out: CellValue[] = new Array(length);
  for (let i = 0; i < length; i++) {
    while (i >= nextSegmentRow) {
      text = texts[++segment];
      nextSegmentRow = rowStarts[segment + 1] ?? Infinity;
    }
    const b = ends[i];
    const a = starts[i];
    if (b !== STRING_CELL && a === b) {
      out[i] = null;
      continue;
    }
    switch (type) {
      case 'integer':
      case 'float': {
        const n = nums[i];
        out[i] = n === 0 ? 0 : n; // -0 is stored as 0
        break;
      }
      case 'boolean':
        out[i] = (b === STRING_CELL ? strings[a].length : b - a) === 4;
        break;
      case 'datetime': {
        const time = b === STRING_CELL ? spanTime(strings[a], 0, strings[a].length, days) : spanTime(text, a, b, days);
        // Equal instants share one Date: cells are never mutated (primitives build new tables), and a date column
        // has far fewer distinct values than rows.
        let date = instants.get(time);
        if (date === undefined) {
          date = new Date(time);
          if (instants.size < 1 << 16) instants.set(time, date);
        }
        out[i] = date;
        break;
      }
      default:
        out[i] = b === STRING_CELL ? strings[a] : interner.get(text, a, b);
    }
  }
  return { type, values: out };
}
