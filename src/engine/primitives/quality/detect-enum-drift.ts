import { z } from 'zod';
import { column, params, scalar } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { columnExists, columnTexts, oneColumn, scalarText } from './shared.js';

const detectEnumDriftParams = params({
  column,
  expected_values: z.array(scalar),
  case_sensitive: z.boolean().default(false),
  add_drift_flag: z.boolean().default(false),
});

type DetectEnumDriftParams = z.infer<typeof detectEnumDriftParams>;

const flagName = (p: DetectEnumDriftParams) => `${p.column}_enum_drift`;

/** `detect_enum_drift` (§4.9): values of a categorical column outside an expected set. */
export const detectEnumDrift: Primitive<DetectEnumDriftParams> = {
  name: 'detect_enum_drift',
  title: 'Detect new category values',
  category: 'quality',
  description:
    'Compares the distinct values of a column with the expected set: reports new values (with counts), expected values never seen and rows with new values; can append a <column>_enum_drift flag.',
  params: detectEnumDriftParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => (p.add_drift_flag ? columnExists('add_drift_flag', flagName(p), schema) : []),
  outputSchema: (p, { schema }) => (p.add_drift_flag ? [...schema, { name: flagName(p), type: 'boolean' }] : schema),
  run(dt, p) {
    const fold = (t: string) => (p.case_sensitive ? t : t.toLowerCase());
    // expected keys (folded) → the value as given, first spelling wins
    const expected = new Map<string, string | number | boolean>();
    for (const v of p.expected_values) {
      const text = scalarText(v);
      if (text !== null && !expected.has(fold(text))) expected.set(fold(text), v!);
    }
    const texts = columnTexts(dt, p.column);
    const observed = new Set<string>();
    const newValues = new Map<string, { spelled: string; count: number }>();
    const flags = texts.map((t) => {
      if (t === null) return false; // nulls are not drift
      const key = fold(t);
      observed.add(key);
      if (expected.has(key)) return false;
      const entry = newValues.get(key);
      if (entry) entry.count++;
      else newValues.set(key, { spelled: t, count: 1 });
      return true;
    });
    const entries = [...newValues.values()];
    return {
      table: p.add_drift_flag ? setColumns(dt, [{ name: flagName(p), type: 'boolean', values: flags }]) : dt,
      metadata: {
        has_drift: entries.length > 0,
        new_values: entries.map((e) => e.spelled),
        new_value_counts: Object.fromEntries(entries.map((e) => [e.spelled, e.count])),
        missing_values: [...expected.entries()].filter(([key]) => !observed.has(key)).map(([, v]) => v),
        expected_count: expected.size,
        observed_count: observed.size,
        rows_with_new_values: flags.filter(Boolean).length,
      },
    };
  },
  render: (p) => ({ js: mdCall('detect_enum_drift', p, !p.add_drift_flag), sql: null }),
  summary: (p) => `check ${p.column} for values outside ${p.expected_values.map((v) => scalarText(v)).join(', ')}`,
  examples: [
    { prompt: 'status should only be active, inactive or pending: are there other values?', params: { column: 'status', expected_values: ['active', 'inactive', 'pending'] } },
    { prompt: 'flag rows whose plan is not free, pro or enterprise', params: { column: 'plan', expected_values: ['free', 'pro', 'enterprise'], add_drift_flag: true } },
  ],
};
