import type { CellValue } from '../table.js';

/** Text order by Unicode code point (not UTF-16 unit), case-sensitive. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    if (x.value !== y.value) return x.value.codePointAt(0)! - y.value.codePointAt(0)!;
  }
}

const rank = (v: CellValue) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : v instanceof Date ? 3 : 4);

/** Typed order (§2.9): numbers numerically, text by code point, false < true, datetimes chronologically. Nulls last. */
export function compareValues(a: CellValue, b: CellValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return compareText(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  return (a as Date).getTime() - (b as Date).getTime();
}

/** A string key under which typed-equal values meet (§2.9): `1` equals `1.0`, text exact, null equals null. */
export function keyOf(value: CellValue): string {
  if (value === null) return '\u0000null';
  if (typeof value === 'number') return `n${value}`;
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'boolean') return value ? 'btrue' : 'bfalse';
  return `d${value.getTime()}`;
}

/** Several cells as one key; each part is length-prefixed so no text can imitate a column boundary. */
export function keyOfRow(values: readonly CellValue[]): string {
  if (values.length === 1) return keyOf(values[0]);
  let key = '';
  for (const v of values) {
    const part = keyOf(v);
    key += `${part.length}:${part}`;
  }
  return key;
}
