/** "Did you mean": equal ignoring case, else within edit distance 2 (smallest; ties → first in order). */
export function suggestName(missing: string, existing: readonly string[]): string | undefined {
  const folded = missing.toLowerCase();
  const sameCase = existing.find((name) => name.toLowerCase() === folded);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of existing) {
    const d = editDistance(missing, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}
