/** Numeric rules shared by primitives (PRIMITIVES.md §2.3, §2.5). */

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** `num(v)`: numbers as they are; text trimmed and parsed when it is a plain decimal number; else null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!NUMERIC_TEXT.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** True when num() would read this text as a whole safe integer written without `.` or exponent. */
export function isIntegerText(value: string): boolean {
  const text = value.trim();
  return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text));
}

/** Every float produced by arithmetic is cut to 15 significant digits; NaN and ±Infinity become null. */
export function normalizeFloat(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const n = Number(x.toPrecision(15));
  return Object.is(n, -0) ? 0 : n;
}

/** Decimal rounding of the shortest round-trip text, half away from zero; `decimals` may be negative. */
export function roundDecimal(x: number, decimals: number, mode: 'round' | 'floor' | 'ceil' = 'round'): number {
  if (!Number.isFinite(x)) return x;
  const [mantissa, exponent] = x.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  // value = 0.<digits> × 10^(exp + 1); shift so that `decimals` digits stay after the point
  const pointAt = Number(exponent) + 1 + decimals;
  const kept = pointAt <= 0 ? '0' : digits.slice(0, pointAt).padEnd(pointAt, '0');
  const rest = pointAt <= 0 ? digits : digits.slice(pointAt);
  let whole = BigInt(kept || '0');
  const hasRest = /[1-9]/.test(rest);
  if (mode === 'round') {
    if (pointAt >= 0 && rest.length > 0 && rest[0] >= '5') whole += 1n; // below that the value is < half a unit
  } else if (hasRest && ((mode === 'floor' && negative) || (mode === 'ceil' && !negative))) {
    whole += 1n;
  }
  const result = Number(`${negative ? '-' : ''}${whole}e${-decimals}`);
  return Object.is(result, -0) ? 0 : result;
}
