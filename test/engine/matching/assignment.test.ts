import { describe, expect, it } from 'vitest';
import { minCostAssignment, optimalAssignment } from '../../../src/engine/matching/index.js';

/** Brute force over every one-to-one assignment: (count, total) maximal. */
function bruteBest(n: number, m: number, score: (c: number, i: number) => number | null): { count: number; total: number } {
  let best = { count: 0, total: 0 };
  const used = new Array(m).fill(false);
  const walk = (c: number, count: number, total: number) => {
    if (c === n) {
      if (count > best.count || (count === best.count && total > best.total + 1e-9)) best = { count, total };
      return;
    }
    walk(c + 1, count, total);
    for (let i = 0; i < m; i++) {
      const s = score(c, i);
      if (used[i] || s === null) continue;
      used[i] = true;
      walk(c + 1, count + 1, total + s);
      used[i] = false;
    }
  };
  walk(0, 0, 0);
  return best;
}

describe('optimal assignment', () => {
  it('solves a small min-cost matrix', () => {
    expect(minCostAssignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])).toEqual([1, 0, 2]);
    expect(minCostAssignment([[1, 9, 9, 0]])).toEqual([3]);
  });

  it('beats greedy: an early weak match does not take a column a later one matches exactly', () => {
    // Greedy in incoming order would give incoming 0 → contract 0 (0.6), leaving incoming 1 (1.0 on contract 0) a
    // 0.45 match on contract 1.
    const s = [
      [0.6, 1.0],
      [0.9, 0.45],
    ];
    const pairs = optimalAssignment(2, 2, (c, i) => s[c][i]);
    expect(pairs).toEqual([{ contract: 0, incoming: 1 }, { contract: 1, incoming: 0 }]);
  });

  it('matches as many contract columns as possible before maximizing the total score', () => {
    const s = [
      [1.0, 0.45],
      [0.5, null],
    ];
    // One pair scores 1.0; two pairs 0.95 in total but match both contract columns.
    expect(optimalAssignment(2, 2, (c, i) => s[c][i])).toEqual([{ contract: 0, incoming: 1 }, { contract: 1, incoming: 0 }]);
  });

  it('breaks ties toward the earlier contract column, then the earlier incoming column', () => {
    expect(optimalAssignment(2, 2, () => 0.8)).toEqual([{ contract: 0, incoming: 0 }, { contract: 1, incoming: 1 }]);
    expect(optimalAssignment(2, 1, () => 0.8)).toEqual([{ contract: 0, incoming: 0 }]);
    expect(optimalAssignment(1, 3, () => 0.8)).toEqual([{ contract: 0, incoming: 0 }]);
  });

  it('finds the brute-force optimum on random matrices, wide and tall', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 60; round++) {
      const n = 1 + Math.floor(rand() * 5);
      const m = 1 + Math.floor(rand() * 5);
      const s = Array.from({ length: n }, () => Array.from({ length: m }, () => (rand() < 0.3 ? null : Math.round((0.41 + rand() * 0.59) * 1e4) / 1e4)));
      const score = (c: number, i: number) => s[c][i];
      const pairs = optimalAssignment(n, m, score);
      expect(new Set(pairs.map((p) => p.incoming)).size).toBe(pairs.length);
      const best = bruteBest(n, m, score);
      expect(pairs.length).toBe(best.count);
      expect(pairs.reduce((t, p) => t + s[p.contract][p.incoming]!, 0)).toBeCloseTo(best.total, 6);
    }
  });

  it('stays fast on wide files', () => {
    const started = performance.now();
    const pairs = optimalAssignment(150, 160, (c, i) => (c === i ? 1 : ((c * 31 + i * 17) % 100) / 200 + 0.41));
    expect(pairs).toHaveLength(150);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
