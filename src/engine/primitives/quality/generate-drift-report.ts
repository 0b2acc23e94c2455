import { z } from 'zod';
import { params, scalar } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues, rowCount, type ColumnSchema, type DataTable } from '../../table.js';
import { normalizeFloat, roundDecimal } from '../../values/numbers.js';
import { observedStats } from './detect-distribution-drift.js';
import { columnTexts, expectedTypes, findColumn, scalarText, typeSatisfies } from './shared.js';

const generateDriftReportParams = params({
  expected_columns: z.array(z.string()).nullable().default(null),
  expected_types: expectedTypes,
  enum_columns: z.record(z.string(), z.array(scalar)).nullable().default(null),
  baseline_stats: z
    .record(z.string(), z.strictObject({ mean: z.number().optional(), std: z.number().optional() }))
    .nullable()
    .default(null),
  include_recommendations: z.boolean().default(true),
});

type GenerateDriftReportParams = z.infer<typeof generateDriftReportParams>;

/** Name similarity of the drift report: containment → shorter/longer, else Jaccard of character sets; 2 d.p. */
export function reportSimilarity(first: string, second: string): number {
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  const la = [...a].length;
  const lb = [...b].length;
  if (la === 0 || lb === 0) return a === b ? 1 : 0;
  if (a.includes(b) || b.includes(a)) return roundDecimal(Math.min(la, lb) / Math.max(la, lb), 2);
  const sa = new Set(a);
  const sb = new Set(b);
  const common = [...sa].filter((c) => sb.has(c)).length;
  return roundDecimal(common / (sa.size + sb.size - common), 2);
}

function columnDrift(dt: DataTable, expected: string[] | null) {
  if (expected === null) return { missing: [], extra: [], renamed_candidates: [] };
  const missing = expected.filter((e) => !findColumn(dt.schema, e, false));
  const wanted = new Set(expected.map((e) => e.toLowerCase()));
  const extra = dt.schema.filter((c) => !wanted.has(c.name.toLowerCase())).map((c) => c.name);
  const pairs: { expected: string; observed: string; similarity: number; at: number }[] = [];
  missing.forEach((m) =>
    extra.forEach((x, at) => {
      const similarity = reportSimilarity(m, x);
      if (similarity > 0.6) pairs.push({ expected: m, observed: x, similarity, at });
    }),
  );
  // best first, then table order of the observed column (stable for the rest)
  pairs.sort((p, q) => q.similarity - p.similarity || p.at - q.at);
  return { missing, extra, renamed_candidates: pairs.map(({ expected: e, observed, similarity }) => ({ expected: e, observed, similarity })) };
}

function enumDrift(dt: DataTable, enums: Record<string, (string | number | boolean | null)[]>) {
  const out: { column: string; new_values: string[]; missing_values: string[] }[] = [];
  for (const [name, values] of Object.entries(enums)) {
    const found = findColumn(dt.schema, name, false);
    if (!found) continue;
    const expected = [...new Set(values.map(scalarText).filter((t): t is string => t !== null).map((t) => t.toLowerCase()))];
    const observed = [...new Set(columnTexts(dt, found.name).filter((t): t is string => t !== null).map((t) => t.toLowerCase()))];
    const expectedSet = new Set(expected);
    const observedSet = new Set(observed);
    const newValues = observed.filter((v) => !expectedSet.has(v));
    const missingValues = expected.filter((v) => !observedSet.has(v));
    if (newValues.length > 0 || missingValues.length > 0) out.push({ column: found.name, new_values: newValues, missing_values: missingValues });
  }
  return out;
}

function distributionDrift(dt: DataTable, baselines: Record<string, { mean?: number; std?: number }>) {
  const out: { column: string; drifted_metrics: string[] }[] = [];
  for (const [name, baseline] of Object.entries(baselines)) {
    const found: ColumnSchema | undefined = findColumn(dt.schema, name, false);
    if (!found || (found.type !== 'integer' && found.type !== 'float')) continue;
    const observed = observedStats(columnValues(dt, found.name).filter((v): v is number => typeof v === 'number'));
    const drifted: string[] = [];
    for (const metric of ['mean', 'std'] as const) {
      const base = baseline[metric];
      const value = observed[metric];
      if (base === undefined || base === 0 || value === null) continue;
      if (Math.abs(value - base) / Math.abs(base) > 0.1) drifted.push(`${metric} (${normalizeFloat(base)} -> ${roundDecimal(value, 2)})`);
    }
    if (drifted.length > 0) out.push({ column: found.name, drifted_metrics: drifted });
  }
  return out;
}

/** `generate_drift_report` (§4.9): column, type, enum and distribution drift in one report, with a severity. */
export const generateDriftReport: Primitive<GenerateDriftReportParams> = {
  name: 'generate_drift_report',
  title: 'Drift report',
  category: 'quality',
  description:
    'One report of how the table drifted from expectations: missing, extra and probably renamed columns, type changes, new category values and shifted mean/std, with a severity and recommended fixes. The table is unchanged.',
  params: generateDriftReportParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const columns = columnDrift(dt, p.expected_columns);
    const typeDrift: { column: string; expected: string; observed: string }[] = [];
    for (const [name, word] of Object.entries(p.expected_types ?? {})) {
      const found = findColumn(dt.schema, name, false);
      if (found && !typeSatisfies(word, found.type)) typeDrift.push({ column: found.name, expected: word, observed: found.type });
    }
    const enums = enumDrift(dt, p.enum_columns ?? {});
    const distributions = distributionDrift(dt, p.baseline_stats ?? {});
    const total = columns.missing.length + typeDrift.length + enums.length + distributions.length;
    const severity =
      total === 0 ? 'none' : columns.missing.length > 0 ? 'critical' : typeDrift.length > 0 ? 'high' : total > 3 ? 'medium' : 'low';
    const metadata: Record<string, unknown> = {
      summary: {
        dataset_rows: rowCount(dt),
        dataset_columns: dt.schema.length,
        expected_columns: p.expected_columns?.length ?? 0,
        total_drifts: total,
        severity,
      },
      column_drift: columns,
      type_drift: typeDrift,
      enum_drift: enums,
      distribution_drift: distributions,
    };
    if (p.include_recommendations) {
      metadata.recommendations = [
        ...columns.missing.map((c) => ({ type: 'MISSING_COLUMN', column: c, action: `Add column '${c}' or rename the matching column` })),
        ...typeDrift.map((t) => ({ type: 'TYPE_MISMATCH', column: t.column, action: `Convert '${t.column}' to ${t.expected}` })),
        ...enums
          .filter((e) => e.new_values.length > 0)
          .map((e) => ({ type: 'ENUM_DRIFT', column: e.column, action: `Map new values in '${e.column}': ${e.new_values.join(', ')}` })),
      ];
    }
    return { table: dt, metadata };
  },
  render: (p) => ({ js: mdCall('generate_drift_report', p, true), sql: null }),
  summary: () => 'report drift from the expected schema, values and statistics',
  examples: [
    {
      prompt: 'full drift check: expect id, email, plan (free/pro) and amount around mean 40',
      params: {
        expected_columns: ['id', 'email', 'plan', 'amount'],
        expected_types: { id: 'integer', amount: 'number' },
        enum_columns: { plan: ['free', 'pro'] },
        baseline_stats: { amount: { mean: 40 } },
      },
    },
    { prompt: 'did this month\'s export drift from the columns order_id, sku, qty?', params: { expected_columns: ['order_id', 'sku', 'qty'] } },
  ],
};
