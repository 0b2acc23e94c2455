import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { qualityPrimitives } from '../../../../src/engine/primitives/quality/index.js';

const NAMES = [
  'detect_nulls',
  'profile_column',
  'validate_pattern',
  'is_duplicate',
  'detect_header',
  'validate_schema',
  'infer_types',
  'compare_schemas',
  'detect_renamed_columns',
  'detect_enum_drift',
  'detect_format_drift',
  'detect_distribution_drift',
  'normalize_boolean',
  'normalize_enum_values',
  'generate_drift_report',
];

const REPORT_ONLY = ['profile_column', 'validate_schema', 'compare_schemas', 'detect_renamed_columns', 'detect_format_drift', 'detect_distribution_drift', 'generate_drift_report'];

describe('quality catalogue', () => {
  it('registers the 15 quality primitives', () => {
    expect(qualityPrimitives.map((p) => p.name).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(getPrimitive(name)?.category).toBe('quality');
  });

  it('has at least two examples per primitive whose params validate and summarize', () => {
    for (const p of qualityPrimitives) {
      expect(p.examples.length).toBeGreaterThanOrEqual(2);
      for (const example of p.examples) {
        const parsed = p.params.safeParse(example.params);
        expect(parsed.success, `${p.name}: ${example.prompt}`).toBe(true);
        expect(p.summary(parsed.data).length).toBeGreaterThan(0);
      }
    }
  });

  it('renders report-only primitives without reassigning dt', () => {
    for (const name of REPORT_ONLY) {
      const p = getPrimitive(name)!;
      const params = p.params.parse(p.examples[0].params);
      expect(p.render(params, []).js).toBe(`md.${name}(dt, ${JSON.stringify(params)});`);
    }
  });
});
