import { describe, expect, it } from 'vitest';
import { apply, runStep, table, values } from '../helpers.js';

const t = table({ c: 'string' }, [['USA'], [' u.s. '], ['United States'], ['united states '], ['Canada'], [null], ['US']]);
const mapping = { 'United States': ['USA', 'U.S.'] };

describe('standardize_values', () => {
  it('maps trimmed, folded variants and the standard itself; others unchanged', () => {
    const r = apply(t, 'standardize_values', { column: 'c', mapping });
    expect(values(r.table, 'c')).toEqual(['United States', 'United States', 'United States', 'United States', 'Canada', null, 'US']);
    expect(r.steps[0].metadata).toEqual({ values_standardized: 4 });
    expect(r.steps[0].params).toEqual({ column: 'c', mapping, case_sensitive: false });
    expect(r.steps[0].warnings).toEqual([]);
  });

  it('case_sensitive compares exact (trimmed) texts', () => {
    const r = apply(t, 'standardize_values', { column: 'c', mapping, case_sensitive: true });
    expect(values(r.table, 'c')).toEqual(['United States', ' u.s. ', 'United States', 'united states ', 'Canada', null, 'US']);
    expect(r.steps[0].metadata).toEqual({ values_standardized: 2 });
  });

  it('matches numbers and booleans by text form and widens a non-string column', () => {
    const n = table({ code: 'integer' }, [[1], [2], [3], [null]]);
    const r = apply(n, 'standardize_values', { column: 'code', mapping: { one: [1, '01'], two: ['2'] } });
    expect(values(r.table, 'code')).toEqual(['one', 'two', '3', null]);
    expect(r.table.schema).toEqual([{ name: 'code', type: 'string' }]);
    expect(r.steps[0].warnings).toEqual([{ code: 'TYPE_WIDENED', column: 'code', message: 'Column "code" changed type from integer to string to hold the new values.' }]);
    const same = apply(n, 'standardize_values', { column: 'code', mapping: { '10': [1] } });
    expect(values(same.table, 'code')).toEqual([10, 2, 3, null]);
    expect(same.table.schema[0].type).toBe('integer');
  });

  it('rejects a variant under two standards, and bad mappings', () => {
    const err = (p: Record<string, unknown>) => runStep(t, 'standardize_values', p).errors.map((e) => [e.code, e.param, e.message]);
    expect(err({ column: 'c', mapping: { A: ['x'], B: ['X '] } })).toEqual([
      ['INVALID_PARAM', 'mapping', 'Step 1 (standardize_values) mapping: "X " is listed under both "A" and "B"'],
    ]);
    expect(err({ column: 'c', mapping: { A: ['b'], B: [] } })[0].slice(0, 2)).toEqual(['INVALID_PARAM', 'mapping']);
    expect(err({ column: 'c', mapping: { A: ['x'], B: ['X'] }, case_sensitive: true })).toEqual([]);
    expect(err({ column: 'c', mapping: {} })[0].slice(0, 2)).toEqual(['INVALID_PARAM', 'mapping']);
    expect(err({ column: 'c', mapping: { A: 'x' } })[0][0]).toBe('INVALID_PARAM');
    expect(err({ column: 'c' })[0].slice(0, 2)).toEqual(['INVALID_PARAM', 'mapping']);
    expect(err({ column: 'z', mapping })[0].slice(0, 2)).toEqual(['COLUMN_NOT_FOUND', 'column']);
  });
});
