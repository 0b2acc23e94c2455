import { z } from 'zod';
import { column, finiteNumber, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { numericStatistics } from '../../profile/numeric-stats.js';
import { columnValues } from '../../table.js';
import { typeOf } from '../../table-ops.js';
import { normalizeFloat, roundDecimal } from '../../values/numbers.js';
import { columnTexts, countsByFrequency, oneColumn } from './shared.js';

const detectDistributionDriftParams = params({
  column,
  baseline_stats: z.record(z.string(), finiteNumber).nullable().default(null),
  baseline_distribution: z.record(z.string(), finiteNumber).nullable().default(null),
  drift_threshold: z.number().min(0).default(0.1),
});

type DetectDistributionDriftParams = z.infer<typeof detectDistributionDriftParams>;

interface Comparison {
  metric: string;
  baseline: number;
  observed: number | null;
  difference: number;
}

const r4 = (x: number) => roundDecimal(x, 4);

/** Observed statistics of a numeric column, in the order baseline keys are compared. */
export function observedStats(values: number[]): Record<string, number | null> {
  const stats = numericStatistics(Float64Array.from(values));
  let min: number | null = null;
  let max: number | null = null;
  for (const v of values) {
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
  }
  return { mean: stats?.mean ?? null, std: stats?.std ?? null, min, max, p25: stats?.q1 ?? null, p50: stats?.median ?? null, p75: stats?.q3 ?? null };
}

function shares(texts: string[]): [string, number][] {
  return countsByFrequency(texts).map(([t, n]) => [t, r4(n / texts.length)]);
}

/** `detect_distribution_drift` (§4.9): a column's statistics or value shares against a baseline. */
export const detectDistributionDrift: Primitive<DetectDistributionDriftParams> = {
  name: 'detect_distribution_drift',
  title: 'Detect distribution drift',
  category: 'quality',
  description:
    'Compares a column with a baseline: numeric statistics (mean, std, min, max, percentiles) by relative difference, or value shares by absolute difference; reports drifted metrics and a drift score. The table is unchanged.',
  params: detectDistributionDriftParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const type = typeOf(dt, p.column)!;
    const isNumeric = type === 'integer' || type === 'float';
    const comparisons: Comparison[] = [];
    const findings: Record<string, unknown> = {};
    if (isNumeric && p.baseline_stats) {
      const observed = observedStats(columnValues(dt, p.column).filter((v): v is number => typeof v === 'number'));
      for (const [metric, value] of Object.entries(observed)) {
        const base = Object.hasOwn(p.baseline_stats, metric) ? p.baseline_stats[metric] : undefined;
        if (base === undefined || base === 0 || value === null) continue;
        comparisons.push({ metric, baseline: base, observed: value, difference: Math.abs(value - base) / Math.abs(base) });
      }
      findings.observed_stats = observed;
    } else {
      const texts = columnTexts(dt, p.column).filter((t): t is string => t !== null);
      const observed = shares(texts);
      if (p.baseline_distribution) {
        const obs = new Map(observed);
        const baseline = new Map(Object.entries(p.baseline_distribution));
        const keys = [...baseline.keys(), ...observed.map(([t]) => t).filter((t) => !baseline.has(t))];
        for (const key of keys) {
          const base = baseline.get(key) ?? 0;
          const value = obs.get(key) ?? 0;
          comparisons.push({ metric: key, baseline: base, observed: value, difference: Math.abs(value - base) });
        }
        findings.observed_distribution = Object.fromEntries(observed);
      } else if (isNumeric) {
        const { mean, std, min, max } = observedStats(columnValues(dt, p.column).filter((v): v is number => typeof v === 'number'));
        findings.observed_stats = { mean, std, min, max };
      } else {
        findings.observed_distribution = Object.fromEntries(observed.slice(0, 10));
      }
    }
    const drifted = comparisons.filter((c) => c.difference > p.drift_threshold).map((c) => c.metric);
    const score = comparisons.length === 0 ? 0 : comparisons.reduce((s, c) => s + c.difference, 0) / comparisons.length;
    return {
      table: dt,
      metadata: {
        column: p.column,
        is_numeric: isNumeric,
        has_drift: drifted.length > 0,
        drift_score: r4(normalizeFloat(score) ?? 0),
        drifted_metrics: drifted,
        ...findings,
        comparisons: comparisons.map((c) => ({ ...c, difference: r4(normalizeFloat(c.difference) ?? 0) })),
      },
    };
  },
  render: (p) => ({ js: mdCall('detect_distribution_drift', p, true), sql: null }),
  summary: (p) => `compare the distribution of ${p.column} with a baseline`,
  examples: [
    { prompt: 'has the order amount drifted from last month (mean 52.3, std 12.1)?', params: { column: 'amount', baseline_stats: { mean: 52.3, std: 12.1 } } },
    {
      prompt: 'compare the channel mix with 60% web, 30% store, 10% phone; flag changes over 5 points',
      params: { column: 'channel', baseline_distribution: { web: 0.6, store: 0.3, phone: 0.1 }, drift_threshold: 0.05 },
    },
  ],
};
