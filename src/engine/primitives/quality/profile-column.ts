import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { scanColumn } from '../../profile/column-scan.js';
import { numericStatistics } from '../../profile/numeric-stats.js';
import { columnValues, rowCount } from '../../table.js';
import { typeOf } from '../../table-ops.js';
import { normalizeFloat, roundDecimal } from '../../values/numbers.js';
import { columnTexts, countsByFrequency, oneColumn, rate } from './shared.js';

const profileColumnParams = params({
  column,
  include_percentiles: z.boolean().default(true),
  include_top_values: z.boolean().default(true),
  top_n: z.number().int().min(1).default(5),
});

type ProfileColumnParams = z.infer<typeof profileColumnParams>;

const round = (x: number | null, decimals: number) => (x === null ? null : roundDecimal(x, decimals));

function numericFacts(values: number[], percentiles: boolean): Record<string, number | null> {
  let sum = 0;
  for (const v of values) sum += v; // row order (§1.5)
  const stats = numericStatistics(Float64Array.from(values));
  const facts: Record<string, number | null> = {
    min: values.length ? values.reduce((a, b) => (b < a ? b : a)) : null,
    max: values.length ? values.reduce((a, b) => (b > a ? b : a)) : null,
    sum: normalizeFloat(sum) ?? 0,
    mean: round(stats?.mean ?? null, 4),
    std: round(stats?.std ?? null, 4),
  };
  if (percentiles) Object.assign(facts, { p25: stats?.q1 ?? null, p50: stats?.median ?? null, p75: stats?.q3 ?? null });
  return facts;
}

function textFacts(texts: string[]): Record<string, number | null> {
  const lengths = texts.map((t) => [...t].length);
  if (lengths.length === 0) return { min_length: null, max_length: null, avg_length: null };
  let total = 0;
  let min = Infinity;
  let max = 0;
  for (const n of lengths) {
    total += n;
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return { min_length: min, max_length: max, avg_length: roundDecimal(total / lengths.length, 2) };
}

/** `profile_column` (§4.9): a report on one column; the table is unchanged. */
export const profileColumn: Primitive<ProfileColumnParams> = {
  name: 'profile_column',
  title: 'Profile a column',
  category: 'quality',
  description:
    'Reports statistics of one column: nulls, distinct values, min/max/mean/std and percentiles for numbers, text lengths otherwise, the most frequent values and potential issues. The table is unchanged.',
  params: profileColumnParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const type = typeOf(dt, p.column)!;
    const values = columnValues(dt, p.column);
    const scan = scanColumn(p.column, type, values);
    const rows = rowCount(dt);
    const nonNull = rows - scan.nullCount;
    const unique = scan.distinct.length;
    const profile: Record<string, unknown> = {
      column: p.column,
      dtype: type,
      count: rows,
      null_count: scan.nullCount,
      null_rate: rate(scan.nullCount, rows),
      unique_count: unique,
      unique_rate: rate(unique, nonNull),
    };
    const texts = columnTexts(dt, p.column).filter((t): t is string => t !== null);
    if (type === 'integer' || type === 'float') {
      Object.assign(profile, numericFacts(values.filter((v): v is number => typeof v === 'number'), p.include_percentiles));
    } else {
      Object.assign(profile, textFacts(texts));
    }
    if (p.include_top_values) {
      profile.top_values = Object.fromEntries(countsByFrequency(texts).slice(0, p.top_n));
    }
    const issues: string[] = [];
    if (rows > 0 && scan.nullCount / rows > 0.5) issues.push('High null rate (>50%)');
    if (nonNull > 1 && unique === nonNull) issues.push('All values are unique (potential ID column)');
    if (unique === 1) issues.push('Only one unique value (constant column)');
    profile.potential_issues = issues;
    return { table: dt, metadata: { profile } };
  },
  render: (p) => ({ js: mdCall('profile_column', p, true), sql: null }),
  summary: (p) => `profile column ${p.column}`,
  examples: [
    { prompt: 'give me a summary of the price column', params: { column: 'price' } },
    { prompt: 'what are the 10 most common values in country?', params: { column: 'country', top_n: 10, include_percentiles: false } },
  ],
};
