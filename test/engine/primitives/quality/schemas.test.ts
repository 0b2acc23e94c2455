import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

const customers = () =>
  table({ ID: 'integer', Email: 'string', signup: 'datetime', score: 'float', notes: 'string' }, [
    [1, 'a@x.io', new Date(Date.UTC(2024, 0, 1)), 1.5, null],
    [2, null, new Date(Date.UTC(2024, 0, 2)), 2, 'vip'],
  ]);

describe('validate_schema', () => {
  it('reports missing columns, type errors and extra columns as warnings; names compare case-insensitively', () => {
    const result = apply(customers(), 'validate_schema', {
      expected_columns: ['id', 'email', 'phone', 'signup', 'score'],
      expected_types: { id: 'int', signup: 'date', score: 'integer', phone: 'string' },
    });
    expect(result.steps[0].metadata).toEqual({
      is_valid: false,
      errors: ['Missing column: phone', "Column 'score' expected integer, got float"],
      warnings: ['Extra column: notes'],
      column_status: { id: 'present', email: 'present', phone: 'missing', signup: 'present', score: 'present' },
    });
    expect(rows(result.table)).toEqual(rows(customers()));
    expect(result.steps[0].params).toEqual({
      expected_columns: ['id', 'email', 'phone', 'signup', 'score'],
      expected_types: { id: 'int', signup: 'date', score: 'integer', phone: 'string' },
      allow_extra_columns: true,
      case_sensitive: false,
    });
  });

  it('treats extra columns as errors when not allowed and honours case_sensitive', () => {
    const meta = apply(customers(), 'validate_schema', { expected_columns: ['ID', 'email'], allow_extra_columns: false, case_sensitive: true }).steps[0].metadata;
    expect(meta).toEqual({
      is_valid: false,
      errors: ['Missing column: email', 'Unexpected column: Email', 'Unexpected column: signup', 'Unexpected column: score', 'Unexpected column: notes'],
      warnings: [],
      column_status: { ID: 'present', email: 'missing' },
    });
  });

  it('accepts number for integer and float, and is valid with nothing to check', () => {
    expect(apply(customers(), 'validate_schema', { expected_types: { id: 'number', score: 'numeric', notes: 'text' } }).steps[0].metadata).toEqual({
      is_valid: true,
      errors: [],
      warnings: [],
      column_status: {},
    });
  });

  it('rejects unknown type words and wrong parameter types', () => {
    expect(runStep(customers(), 'validate_schema', { expected_types: { id: 'long' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'expected_types.id' });
    expect(runStep(customers(), 'validate_schema', { expected_columns: 'id' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'expected_columns' });
    expect(runStep(customers(), 'validate_schema', { strict: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'strict' });
  });
});

describe('compare_schemas', () => {
  it('reports drift against the expected schema', () => {
    const result = apply(customers(), 'compare_schemas', {
      expected_columns: ['id', 'email', 'phone', 'score'],
      expected_types: { id: 'string', score: 'number' },
      expected_nullable: { email: false, notes: false, id: false },
    });
    expect(result.steps[0].metadata).toEqual({
      missing_columns: ['phone'],
      extra_columns: ['signup', 'notes'],
      type_mismatches: [{ column: 'ID', expected_type: 'string', observed_type: 'integer' }],
      nullability_violations: [
        { column: 'Email', expected_nullable: false, has_nulls: true, null_count: 1 },
        { column: 'notes', expected_nullable: false, has_nulls: true, null_count: 1 },
      ],
      column_mappings: { id: 'ID', email: 'Email', score: 'score' },
      has_drift: true,
      drift_count: 6,
    });
    expect(rows(result.table)).toEqual(rows(customers()));
  });

  it('accepts explicit nulls and reports no drift for a matching schema', () => {
    const meta = apply(customers(), 'compare_schemas', {
      expected_columns: ['ID', 'Email', 'signup', 'score', 'notes'],
      expected_types: null,
      expected_nullable: null,
      case_sensitive: true,
    }).steps[0].metadata;
    expect(meta).toMatchObject({ missing_columns: [], extra_columns: [], has_drift: false, drift_count: 0 });
  });

  it('requires expected_columns and validates type words', () => {
    expect(runStep(customers(), 'compare_schemas', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'expected_columns' });
    expect(runStep(customers(), 'compare_schemas', { expected_columns: ['id'], expected_types: { id: 'varchar' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(customers(), 'compare_schemas', { expected_columns: ['id'], expected_nullable: { id: 'no' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('renders report-only without SQL', () => {
    const p = { expected_columns: ['id'], expected_types: null, expected_nullable: null, case_sensitive: false };
    expect(getPrimitive('compare_schemas')!.render(p, customers().schema)).toEqual({ js: `md.compare_schemas(dt, ${JSON.stringify(p)});`, sql: null });
  });
});

describe('detect_renamed_columns', () => {
  const t = () => table({ cust_id: 'integer', email_address: 'string', Phone: 'string', zzz: 'string' }, [[1, 'a', 'b', 'c']]);

  it('suggests the best extra column for each missing name', () => {
    const result = apply(t(), 'detect_renamed_columns', { expected_columns: ['customer_id', 'email', 'phone', 'country'] });
    expect(result.steps[0].metadata).toEqual({
      missing_columns: ['customer_id', 'email', 'country'],
      extra_columns: ['cust_id', 'email_address', 'zzz'],
      // 4/11 same positions + 0.3 · 4/11 common prefix + 0.3 · 1/2 shared words; email ⊂ email_address: 5/13 + 0.2 < 0.6
      rename_suggestions: [{ expected: 'customer_id', observed: 'cust_id', name_similarity: 0.623, confidence: 'medium', observed_dtype: 'integer' }],
      suggestion_count: 1,
    });
  });

  it('leaves out observed_dtype without type checks and honours the threshold', () => {
    const meta = apply(t(), 'detect_renamed_columns', { expected_columns: ['customer_id', 'email'], similarity_threshold: 0.5, check_type_compatibility: false }).steps[0].metadata;
    expect(meta.rename_suggestions).toEqual([
      { expected: 'customer_id', observed: 'cust_id', name_similarity: 0.623, confidence: 'medium' },
      { expected: 'email', observed: 'email_address', name_similarity: 0.585, confidence: 'low' },
    ]);
    expect(apply(t(), 'detect_renamed_columns', { expected_columns: ['customer_id'], similarity_threshold: 0.7 }).steps[0].metadata.suggestion_count).toBe(0);
  });

  it('caps containment scores at 1 and validates params', () => {
    const meta = apply(table({ id_x: 'integer' }, []), 'detect_renamed_columns', { expected_columns: ['id_xx'] }).steps[0].metadata;
    expect(meta.rename_suggestions).toEqual([{ expected: 'id_xx', observed: 'id_x', name_similarity: 1, confidence: 'high', observed_dtype: 'integer' }]);
    expect(runStep(t(), 'detect_renamed_columns', { expected_columns: ['a'], similarity_threshold: 2 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'similarity_threshold' });
    expect(runStep(t(), 'detect_renamed_columns', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'expected_columns' });
  });
});
