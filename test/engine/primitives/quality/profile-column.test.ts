import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

const sales = () =>
  table({ price: 'float', qty: 'integer', city: 'string', ok: 'boolean', at: 'datetime' }, [
    [10, 1, 'Oslo', true, new Date(Date.UTC(2024, 0, 1))],
    [20.5, 2, 'Bergen', false, new Date(Date.UTC(2024, 0, 2))],
    [null, 2, 'Oslo', true, null],
    [30, 3, null, null, new Date(Date.UTC(2024, 0, 3))],
    [40, 2, 'Oslo', true, null],
  ]);

const profile = (column: string, extra: Record<string, unknown> = {}) =>
  apply(sales(), 'profile_column', { column, ...extra }).steps[0].metadata.profile as Record<string, unknown>;

describe('profile_column', () => {
  it('profiles a float column with statistics and percentiles', () => {
    expect(profile('price')).toEqual({
      column: 'price',
      dtype: 'float',
      count: 5,
      null_count: 1,
      null_rate: 0.2,
      unique_count: 4,
      unique_rate: 1,
      min: 10,
      max: 40,
      sum: 100.5,
      mean: 25.125,
      std: 12.8477,
      p25: 17.875,
      p50: 25.25,
      p75: 32.5,
      top_values: { '10': 1, '20.5': 1, '30': 1, '40': 1 },
      potential_issues: ['All values are unique (potential ID column)'],
    });
  });

  it('orders top values by count then first appearance and honours top_n; percentiles can be left out', () => {
    const p = profile('qty', { top_n: 2, include_percentiles: false });
    expect(p).toMatchObject({ dtype: 'integer', min: 1, max: 3, sum: 10, mean: 2, std: 0.7071, unique_count: 3, unique_rate: 0.6 });
    expect(p).not.toHaveProperty('p25');
    expect(p.top_values).toEqual({ '2': 3, '1': 1 });
    const cities = profile('city', { top_n: 1 });
    expect(cities.top_values).toEqual({ Oslo: 3 });
    const tie = apply(table({ s: 'string' }, [['b'], ['a'], ['a'], ['b'], ['c']]), 'profile_column', { column: 's' }).steps[0].metadata.profile as Record<string, unknown>;
    expect(Object.entries(tie.top_values as object)).toEqual([
      ['b', 2],
      ['a', 2],
      ['c', 1],
    ]);
  });

  it('gives text lengths for strings, booleans and datetimes (booleans are not numeric)', () => {
    expect(profile('city', { include_top_values: false })).toEqual({
      column: 'city',
      dtype: 'string',
      count: 5,
      null_count: 1,
      null_rate: 0.2,
      unique_count: 2,
      unique_rate: 0.5,
      min_length: 4,
      max_length: 6,
      avg_length: 4.5,
      potential_issues: [],
    });
    expect(profile('ok')).toMatchObject({ dtype: 'boolean', min_length: 4, max_length: 5, avg_length: 4.25, top_values: { true: 3, false: 1 } });
    expect(profile('at')).toMatchObject({ dtype: 'datetime', min_length: 10, max_length: 10, top_values: { '2024-01-01': 1 } });
  });

  it('reports nulls, constants and IDs as potential issues', () => {
    const t = table({ a: 'string', b: 'integer' }, [
      ['x', 1],
      [null, 1],
      [null, null],
    ]);
    const a = apply(t, 'profile_column', { column: 'a' }).steps[0].metadata.profile as Record<string, unknown>;
    expect(a.potential_issues).toEqual(['High null rate (>50%)', 'Only one unique value (constant column)']);
    const b = apply(t, 'profile_column', { column: 'b' }).steps[0].metadata.profile as Record<string, unknown>;
    expect(b).toMatchObject({ std: 0, unique_rate: 0.5, potential_issues: ['Only one unique value (constant column)'] });
  });

  it('handles an all-null numeric column', () => {
    const t = table({ n: 'float' }, [[null], [null]]);
    expect(apply(t, 'profile_column', { column: 'n' }).steps[0].metadata.profile).toMatchObject({
      null_rate: 1,
      unique_count: 0,
      unique_rate: 0,
      min: null,
      max: null,
      mean: null,
      std: null,
      p50: null,
      top_values: {},
      potential_issues: ['High null rate (>50%)'],
    });
  });

  it('leaves the table unchanged, validates params and renders report-only', () => {
    const result = apply(sales(), 'profile_column', { column: 'qty' });
    expect(rows(result.table)).toEqual(rows(sales()));
    expect(result.steps[0].params).toEqual({ column: 'qty', include_percentiles: true, include_top_values: true, top_n: 5 });
    expect(runStep(sales(), 'profile_column', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'column' });
    expect(runStep(sales(), 'profile_column', { column: 'qty', top_n: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'top_n' });
    expect(runStep(sales(), 'profile_column', { column: 'qty', n: 3 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'n' });
    expect(runStep(sales(), 'profile_column', { column: 'Qty' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 'qty' });
    expect(getPrimitive('profile_column')!.render(result.steps[0].params as never, sales().schema)).toEqual({
      js: 'md.profile_column(dt, {"column":"qty","include_percentiles":true,"include_top_values":true,"top_n":5});',
      sql: null,
    });
  });
});
