import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { mdCall, sqlText } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { floatText } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { normalizeFloat, roundDecimal } from '../../values/numbers.js';
import { newColumnProblem, numericColumn, numericProblem, sqlNum, sqlWithColumn, warnings } from './numeric.js';

const edge = z.union([z.number().refine(Number.isFinite, { message: 'must be a finite number, "-inf" or "inf"' }), z.enum(['-inf', 'inf'])]);
const edgeNumber = (e: number | '-inf' | 'inf') => (e === '-inf' ? -Infinity : e === 'inf' ? Infinity : e);

const binParams = params({
  column,
  new_column: newColumn.nullable().default(null),
  bins: z.union([z.number().int().min(1), z.array(edge).min(2, 'must list at least 2 edges')]),
  labels: z.array(z.string()).nullable().default(null),
  include_lowest: z.boolean().default(true),
}).superRefine((p, ctx) => {
  if (Array.isArray(p.bins)) {
    const edges = p.bins.map(edgeNumber);
    if (edges.some((e, i) => i > 0 && !(e > edges[i - 1]))) ctx.addIssue({ code: 'custom', path: ['bins'], message: 'edges must be strictly increasing' });
  }
  const count = Array.isArray(p.bins) ? p.bins.length - 1 : p.bins;
  if (p.labels !== null && p.labels.length !== count) {
    ctx.addIssue({ code: 'custom', path: ['labels'], message: `needs one label per bin (${count}), got ${p.labels.length}` });
  }
});

type BinParams = z.infer<typeof binParams>;

const target = (p: BinParams) => p.new_column ?? `${p.column}_bin`;

/** `k` equal-width edges over [min, max] (the last exactly max); min = max widens to [min − 0.5, max + 0.5]. */
function equalWidthEdges(values: readonly (number | null)[], k: number): number[] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) if (v !== null) { if (v < min) min = v; if (v > max) max = v; }
  if (min > max) return null;
  const [lo, hi] = min === max ? [min - 0.5, max + 0.5] : [min, max];
  return Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : normalizeFloat(lo + (i * (hi - lo)) / k)!));
}

/** Interval names: edges rounded half away to 3 decimals, more (up to 15) until adjacent edges differ. */
export function intervalLabels(edges: readonly number[], firstClosed: boolean): string[] {
  const shown = (d: number) => edges.map((e) => (Number.isFinite(e) ? floatText(roundDecimal(e, d)) : e > 0 ? 'inf' : '-inf'));
  let d = 3;
  let texts = shown(d);
  while (d < 15 && texts.some((t, i) => i > 0 && t === texts[i - 1])) texts = shown(++d);
  return texts.slice(1).map((hi, i) => `${i === 0 && firstClosed ? '[' : '('}${texts[i]}, ${hi}]`);
}

/** The interval index of x: edges[i] < x ≤ edges[i + 1], the first also x = edges[0] when closed; else −1. */
function binOf(x: number, edges: readonly number[], firstClosed: boolean): number {
  if (x < edges[0] || x > edges[edges.length - 1]) return -1;
  if (x === edges[0]) return firstClosed ? 0 : -1;
  let lo = 0;
  let hi = edges.length - 1; // invariant: edges[lo] < x ≤ edges[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** `bin_values` (§4.5): right-closed intervals from explicit edges or k equal widths; a string column of labels. */
export const binValues: Primitive<BinParams> = {
  name: 'bin_values',
  title: 'Bin values',
  category: 'calculate',
  description: 'Groups numbers into intervals (explicit edges or a number of equal-width bins), writing a label per row.',
  params: binParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }],
  check: (p, { schema }) => [...numericProblem(schema, 'column', p.column), ...newColumnProblem(schema, 'new_column', target(p))],
  outputSchema: (p, { schema }) => [...schema, { name: target(p), type: 'string' }],
  run(dt, p) {
    const { values, warning } = numericColumn(dt, p.column);
    const edges = Array.isArray(p.bins) ? p.bins.map(edgeNumber) : equalWidthEdges(values, p.bins);
    // Equal-width bins always include the minimum.
    const firstClosed = p.include_lowest || !Array.isArray(p.bins);
    const labels = p.labels ?? (edges ? intervalLabels(edges, firstClosed) : []);
    const counts = labels.map(() => 0);
    const out = values.map((x) => {
      if (x === null || edges === null) return null;
      const bin = binOf(x, edges, firstClosed);
      if (bin < 0) return null;
      counts[bin]++;
      return labels[bin] === '' ? null : labels[bin];
    });
    const binCounts: Record<string, number> = {};
    labels.forEach((label, i) => (binCounts[label] = (binCounts[label] ?? 0) + counts[i]));
    return { table: setColumns(dt, [{ name: target(p), type: 'string', values: out }]), warnings: warnings(warning), metadata: { bin_counts: binCounts } };
  },
  render(p, schema) {
    if (!Array.isArray(p.bins)) return { js: mdCall('bin_values', p), sql: null }; // edges depend on the data
    const edges = p.bins.map(edgeNumber);
    const labels = p.labels ?? intervalLabels(edges, p.include_lowest);
    const x = sqlNum(schema, p.column);
    const whens = labels.map((label, i) => {
      const [a, b] = [edges[i], edges[i + 1]];
      const tests = [
        ...(Number.isFinite(a) ? [`${x} ${i === 0 && p.include_lowest ? '>=' : '>'} ${a}`] : []),
        ...(Number.isFinite(b) ? [`${x} <= ${b}`] : []),
      ];
      return `WHEN ${tests.join(' AND ') || 'TRUE'} THEN ${label === '' ? 'NULL' : sqlText(label)}`;
    });
    const expr = `(CASE WHEN ${x} IS NULL THEN NULL ${whens.join(' ')} END)`;
    return { js: mdCall('bin_values', p), sql: sqlWithColumn(schema, target(p), expr) };
  },
  summary: (p) => `${target(p)} = ${p.column} in ${Array.isArray(p.bins) ? `${p.bins.length - 1} bins` : `${p.bins} equal-width bins`}`,
  examples: [
    { prompt: 'group ages into 0-17, 18-64 and 65+', params: { column: 'age', bins: [0, 17, 64, 'inf'], labels: ['child', 'adult', 'senior'], new_column: 'age_group' } },
    { prompt: 'split order values into 5 equal-width bands', params: { column: 'order_value', bins: 5 } },
  ],
};
