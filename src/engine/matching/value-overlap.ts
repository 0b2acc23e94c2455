/** Value overlap of API.md §11.4: Jaccard similarity of lower-cased, trimmed sample values (5 per side). */

const SAMPLES = 5;

function sampleSet(values: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  for (const v of values.slice(0, SAMPLES)) {
    if (v === null || v === undefined) continue;
    out.add(String(v).trim().toLowerCase());
  }
  return out;
}

/** 0 when either side has no samples. */
export function valueOverlap(a: readonly unknown[], b: readonly unknown[]): number {
  const x = sampleSet(a);
  const y = sampleSet(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const v of x) if (y.has(v)) shared++;
  return shared / (x.size + y.size - shared);
}
