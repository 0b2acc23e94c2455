import { minCostAssignment } from './hungarian.js';

/** Score resolution of the assignment: column scores are compared to 4 decimals. */
const RESOLUTION = 10_000;
/** Above this (pairs × tie-break range) the tie-break term would lose integer precision; it is then left out. */
const TIE_BREAK_LIMIT = 4_000_000;

export interface Pair {
  contract: number;
  incoming: number;
}

/**
 * The optimal one-to-one assignment of API.md §11.4 over eligible pairs (`score` returns null for an ineligible
 * one): first as many contract columns matched as possible, then the highest total score, then ties to the earlier
 * contract column and the earlier incoming column. The three goals are folded into one integer weight per pair —
 * count ≫ score ≫ tie-break — and solved as one maximum-weight assignment (Hungarian algorithm). The tie-break term
 * (n − c)·(m − i) rewards pairing earlier columns with earlier columns, and an unmatched later contract column over
 * an unmatched earlier one.
 */
export function optimalAssignment(n: number, m: number, score: (contract: number, incoming: number) => number | null): Pair[] {
  if (n === 0 || m === 0) return [];
  const k = Math.min(n, m);
  const tieRange = k * n * m <= TIE_BREAK_LIMIT ? k * n * m : 0;
  const scoreUnit = tieRange + 1;
  const countUnit = RESOLUTION * k * scoreUnit + tieRange + 1;
  const weight: number[][] = [];
  let maxWeight = 0;
  for (let c = 0; c < n; c++) {
    const row: number[] = [];
    for (let i = 0; i < m; i++) {
      const s = score(c, i);
      const w = s === null ? 0 : countUnit + Math.round(s * RESOLUTION) * scoreUnit + (tieRange > 0 ? (n - c) * (m - i) : 0);
      row.push(w);
      if (w > maxWeight) maxWeight = w;
    }
    weight.push(row);
  }
  // The solver wants rows ≤ columns and minimal cost: transpose when needed, cost = max − weight.
  const transpose = n > m;
  const rows = transpose ? m : n;
  const cols = transpose ? n : m;
  const cost = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, col) => maxWeight - (transpose ? weight[col][r] : weight[r][col])));
  const assigned = minCostAssignment(cost);
  const pairs: Pair[] = [];
  assigned.forEach((col, r) => {
    const pair = transpose ? { contract: col, incoming: r } : { contract: r, incoming: col };
    if (weight[pair.contract][pair.incoming] > 0) pairs.push(pair);
  });
  return pairs.sort((a, b) => a.contract - b.contract);
}
