import { describe, expect, it } from 'vitest';
import { apply, rows, runStep, table, values } from '../helpers.js';

const statuses = () => table({ status: 'string', code: 'integer' }, [['Active'], ['pending '], [null], ['ACTIVE'], ['closed'], ['Closed']].map((r, i) => [...r, i]));

describe('detect_enum_drift', () => {
  it('reports new and missing values, folded by default; nulls are not drift', () => {
    const result = apply(statuses(), 'detect_enum_drift', { column: 'status', expected_values: ['active', 'inactive', 'Pending '] });
    expect(result.steps[0].metadata).toEqual({
      has_drift: true,
      new_values: ['closed'],
      new_value_counts: { closed: 2 },
      missing_values: ['inactive'],
      expected_count: 3,
      observed_count: 3,
      rows_with_new_values: 2,
    });
    expect(rows(result.table)).toEqual(rows(statuses()));
  });

  it('is case-sensitive when asked and adds the flag column (nulls false)', () => {
    const result = apply(statuses(), 'detect_enum_drift', { column: 'status', expected_values: ['Active', 'closed'], case_sensitive: true, add_drift_flag: true });
    expect(values(result.table, 'status_enum_drift')).toEqual([false, true, false, true, false, true]);
    expect(result.steps[0].metadata).toMatchObject({ new_values: ['pending ', 'ACTIVE', 'Closed'], missing_values: [], rows_with_new_values: 3 });
  });

  it('compares numbers by text form', () => {
    const meta = apply(statuses(), 'detect_enum_drift', { column: 'code', expected_values: [0, 1, '2', 3, 4, 5, 9] }).steps[0].metadata;
    expect(meta).toMatchObject({ has_drift: false, new_values: [], missing_values: [9] });
  });

  it('validates parameters', () => {
    expect(runStep(statuses(), 'detect_enum_drift', { column: 'status' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'expected_values' });
    expect(runStep(statuses(), 'detect_enum_drift', { column: 'state', expected_values: ['a'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    const flagged = apply(statuses(), 'detect_enum_drift', { column: 'status', expected_values: ['a'], add_drift_flag: true }).table;
    expect(runStep(flagged, 'detect_enum_drift', { column: 'status', expected_values: ['a'], add_drift_flag: true }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
  });
});

describe('detect_format_drift', () => {
  const dates = () => table({ d: 'string' }, [['2024-01-05'], ['01/05/2024'], [null], ['5.1.2024'], ['2024-02-01'], ['01/05/2024'], ['soon']]);

  it('reports the match rate, non-matching samples and alternative built-in formats', () => {
    const result = apply(dates(), 'detect_format_drift', { column: 'd', format_type: 'date_iso' });
    expect(result.steps[0].metadata).toEqual({
      has_drift: true,
      expected_format: 'date_iso',
      match_rate: 0.3333,
      match_count: 2,
      non_match_count: 4,
      non_matching_samples: ['01/05/2024', '5.1.2024', 'soon'],
      detected_alternative_formats: [
        { format: 'date_us', match_count: 2 },
        { format: 'date_eu', match_count: 1 },
      ],
    });
    expect(result.steps[0].params).toEqual({ column: 'd', expected_format: null, format_type: 'date_iso', sample_size: 1000 });
  });

  it('needs a full, case-insensitive match of a custom format and samples the first values', () => {
    const t = table({ sku: 'string' }, [['ab-1234'], ['AB-1234x'], ['CD-0001']]);
    expect(apply(t, 'detect_format_drift', { column: 'sku', expected_format: '[A-Z]{2}-\\d{4}', format_type: 'uuid' }).steps[0].metadata).toMatchObject({
      expected_format: 'custom',
      match_count: 2,
      non_matching_samples: ['AB-1234x'],
    });
    expect(apply(t, 'detect_format_drift', { column: 'sku', expected_format: '[A-Z]{2}-\\d{4}', sample_size: 1 }).steps[0].metadata).toMatchObject({
      has_drift: false,
      match_rate: 1,
    });
  });

  it('has a match rate of 1 without values and validates params', () => {
    expect(apply(table({ d: 'string' }, [[null]]), 'detect_format_drift', { column: 'd', format_type: 'email' }).steps[0].metadata).toMatchObject({ has_drift: false, match_rate: 1, match_count: 0 });
    expect(runStep(dates(), 'detect_format_drift', { column: 'd' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', message: "Step 1 (detect_format_drift): Must specify either 'expected_format' or 'format_type'" });
    expect(runStep(dates(), 'detect_format_drift', { column: 'd', expected_format: '[' }).errors[0]).toMatchObject({ code: 'INVALID_REGEX' });
    expect(runStep(dates(), 'detect_format_drift', { column: 'd', format_type: 'date_iso', sample_size: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'sample_size' });
  });
});

describe('detect_distribution_drift', () => {
  const amounts = () => table({ amount: 'integer', channel: 'string' }, [[10, 'web'], [20, 'web'], [30, 'store'], [40, null], [null, 'phone']]);

  it('compares numeric statistics by relative difference', () => {
    const meta = apply(amounts(), 'detect_distribution_drift', { column: 'amount', baseline_stats: { mean: 20, std: 13, max: 0, p50: 25, median: 3 } }).steps[0].metadata;
    expect(meta).toEqual({
      column: 'amount',
      is_numeric: true,
      has_drift: true,
      drift_score: 0.0856,
      drifted_metrics: ['mean'],
      observed_stats: { mean: 25, std: 12.9099444873581, min: 10, max: 40, p25: 17.5, p50: 25, p75: 32.5 },
      comparisons: [
        { metric: 'mean', baseline: 20, observed: 25, difference: 0.25 },
        { metric: 'std', baseline: 13, observed: 12.9099444873581, difference: 0.0069 },
        { metric: 'p50', baseline: 25, observed: 25, difference: 0 },
      ],
    });
  });

  it('compares value shares over the union of keys', () => {
    const meta = apply(amounts(), 'detect_distribution_drift', { column: 'channel', baseline_distribution: { web: 0.6, store: 0.4 }, drift_threshold: 0.2 }).steps[0].metadata;
    expect(meta).toEqual({
      column: 'channel',
      is_numeric: false,
      has_drift: true,
      drift_score: 0.1667,
      drifted_metrics: ['phone'],
      observed_distribution: { web: 0.5, store: 0.25, phone: 0.25 },
      comparisons: [
        { metric: 'web', baseline: 0.6, observed: 0.5, difference: 0.1 },
        { metric: 'store', baseline: 0.4, observed: 0.25, difference: 0.15 },
        { metric: 'phone', baseline: 0, observed: 0.25, difference: 0.25 },
      ],
    });
  });

  it('reports observed statistics only without a baseline', () => {
    expect(apply(amounts(), 'detect_distribution_drift', { column: 'amount' }).steps[0].metadata).toEqual({
      column: 'amount',
      is_numeric: true,
      has_drift: false,
      drift_score: 0,
      drifted_metrics: [],
      observed_stats: { mean: 25, std: 12.9099444873581, min: 10, max: 40 },
      comparisons: [],
    });
    expect(apply(amounts(), 'detect_distribution_drift', { column: 'channel' }).steps[0].metadata).toMatchObject({
      is_numeric: false,
      observed_distribution: { web: 0.5, store: 0.25, phone: 0.25 },
    });
  });

  it('validates parameters', () => {
    expect(runStep(amounts(), 'detect_distribution_drift', { column: 'amount', drift_threshold: -1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'drift_threshold' });
    expect(runStep(amounts(), 'detect_distribution_drift', { column: 'amount', baseline_stats: { mean: 'x' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(amounts(), 'detect_distribution_drift', { column: 'amt' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND' });
  });
});

describe('generate_drift_report', () => {
  const data = () =>
    table({ Customer_ID: 'integer', mail: 'string', plan: 'string', amount: 'float', extra: 'string' }, [
      [1, 'a', 'Free', 10, null],
      [2, 'b', 'PRO', 20, null],
      [3, 'c', 'Gold', 30.25, null],
    ]);

  it('combines column, type, enum and distribution drift with a severity and recommendations', () => {
    const meta = apply(data(), 'generate_drift_report', {
      expected_columns: ['customer_id', 'email', 'plan', 'amount'],
      expected_types: { customer_id: 'string', amount: 'number' },
      enum_columns: { Plan: ['free', 'pro', 'basic'] },
      baseline_stats: { amount: { mean: 10, std: 10.2 } },
    }).steps[0].metadata;
    expect(meta).toEqual({
      summary: { dataset_rows: 3, dataset_columns: 5, expected_columns: 4, total_drifts: 4, severity: 'critical' },
      column_drift: { missing: ['email'], extra: ['mail', 'extra'], renamed_candidates: [{ expected: 'email', observed: 'mail', similarity: 0.8 }] },
      type_drift: [{ column: 'Customer_ID', expected: 'string', observed: 'integer' }],
      enum_drift: [{ column: 'plan', new_values: ['gold'], missing_values: ['basic'] }],
      distribution_drift: [{ column: 'amount', drifted_metrics: ['mean (10 -> 20.08)'] }],
      recommendations: [
        { type: 'MISSING_COLUMN', column: 'email', action: "Add column 'email' or rename the matching column" },
        { type: 'TYPE_MISMATCH', column: 'Customer_ID', action: "Convert 'Customer_ID' to string" },
        { type: 'ENUM_DRIFT', column: 'plan', action: "Map new values in 'plan': gold" },
      ],
    });
  });

  it('grades severity and treats explicit nulls as not given', () => {
    const none = apply(data(), 'generate_drift_report', { expected_columns: null, expected_types: null, enum_columns: null, baseline_stats: null, include_recommendations: false });
    expect(none.steps[0].metadata).toEqual({
      summary: { dataset_rows: 3, dataset_columns: 5, expected_columns: 0, total_drifts: 0, severity: 'none' },
      column_drift: { missing: [], extra: [], renamed_candidates: [] },
      type_drift: [],
      enum_drift: [],
      distribution_drift: [],
    });
    expect(rows(none.table)).toEqual(rows(data()));
    const severity = (params: Record<string, unknown>) => (apply(data(), 'generate_drift_report', params).steps[0].metadata.summary as { severity: string }).severity;
    expect(severity({ expected_types: { mail: 'int' } })).toBe('high');
    expect(severity({ enum_columns: { plan: ['free'] } })).toBe('low');
    expect(severity({ enum_columns: { plan: ['x'], mail: ['x'], extra: ['x'] }, baseline_stats: { amount: { std: 1 } } })).toBe('medium');
  });

  it('validates parameters', () => {
    expect(runStep(data(), 'generate_drift_report', { baseline_stats: { amount: { median: 3 } } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(data(), 'generate_drift_report', { expected_types: { amount: 'money' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(data(), 'generate_drift_report', { enum_columns: { plan: 'free' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
  });
});
