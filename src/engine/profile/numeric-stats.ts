/**
 * Summary statistics of a numeric column (API.md §8 `statistics`): mean, median, sample standard
 * deviation, quartiles by linear interpolation, adjusted Fisher–Pearson skewness, and outliers by
 * the 1.5 × IQR rule. Results are normalized to 15 significant digits (PRIMITIVES.md §2.5) so
 * binary noise never shows, and anything undefined is null rather than NaN.
 */
import type { CellValue } from '../table.js';
import type { ColumnScan } from './column-scan.js';
import type { ColumnStatistics } from './types.js';

export function normalize(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const n = Number(x.toPrecision(15));
  return n === 0 ? 0 : n;
}

/** Every row's number (nulls and unreadable values left out), read through `toNumber`. */
export function numericValues(scan: ColumnScan, toNumber: (v: CellValue) => number | null): Float64Array {
  const perCode = scan.distinct.map(toNumber);
  const out = new Float64Array(scan.rows - scan.nullCount);
  let n = 0;
  for (let r = 0; r < scan.rows; r++) {
    const code = scan.codes[r];
    if (code < 0) continue;
    const v = perCode[code];
    if (v !== null) out[n++] = v;
  }
  return out.subarray(0, n);
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Kahan summation: sums of a million floats stay stable to the last printed digit. */
function sum(values: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i] - c;
    const t = s + y;
    c = t - s - y;
    s = t;
  }
  return s;
}

export function numericStatistics(values: Float64Array): ColumnStatistics | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mean = sum(values) / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : null;
  let skewness: number | null = null;
  if (n > 2 && m2 > 0) {
    const g1 = m3 / n / Math.pow(m2 / n, 1.5);
    skewness = (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  }
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const lower = q1 - 1.5 * iqr;
  const upper = q3 + 1.5 * iqr;
  let outliers = 0;
  for (let i = 0; i < n; i++) if (sorted[i] < lower || sorted[i] > upper) outliers++;
  return {
    mean: normalize(mean),
    median: normalize(quantile(sorted, 0.5)),
    std: std === null ? null : normalize(std),
    q1: normalize(q1),
    q3: normalize(q3),
    skewness: skewness === null ? null : normalize(skewness),
    outlier_count: outliers,
    outlier_bounds: [normalize(lower) ?? 0, normalize(upper) ?? 0],
  };
}

export function minMax(values: Float64Array): [number, number] | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return [min === 0 ? 0 : min, max === 0 ? 0 : max];
}
