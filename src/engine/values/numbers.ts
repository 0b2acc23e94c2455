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

function viaText(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const n = Number(x.toPrecision(15));
  return Object.is(n, -0) ? 0 : n;
}

const POW10 = Array.from({ length: 22 }, (_, k) => 10 ** k);

/**
 * Every float produced by arithmetic is cut to 15 significant digits (§2.5); NaN and ±Infinity become null.
 * Equal to Number(x.toPrecision(15)) without the string round trip, which dominated hot loops: the 15 digits D are
 * round(|x| · 10^k), and D / 10^k is one correctly rounded division of exact operands. Where the scaled value is
 * out of range or within 0.1 of a rounding tie (its product may be off by half an ulp), the text route decides.
 */
export function normalizeFloat(x: number): number | null {
  if (x === 0) return 0;
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-7 && ax < 1e15) {
    const k = 14 - Math.floor(Math.log10(ax)); // log10 may be off by one: the range check below catches it
    const s = POW10[k];
    const p = ax * s;
    const f = p - Math.floor(p);
    if (s !== undefined && p >= 1e14 && p < 999999999999999 && (f < 0.4 || f > 0.6)) {
      const y = Math.round(p) / s;
      return x < 0 ? -y : y;
    }
  }
  return viaText(x);
}

/** The reference definition, kept for tests of the fast path. */
export const normalizeFloatViaText = viaText;

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
