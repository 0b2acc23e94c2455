import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const orders = () =>
  table({ country: 'string', amount: 'float', qty: 'integer', signup: 'datetime', name: 'string' }, [
    ['NO', 10.5, 1, d('2024-01-02'), 'a'],
    ['SE', 0.1, 2, d('2024-03-01'), 'b'],
    [null, 5, null, null, 'c'],
    ['NO', 0.2, 3, d('2024-02-01'), null],
    ['DK', null, 4, d('2023-01-01'), 'e'],
    ['SE', 0.2, null, null, 'f'],
    [null, 1, 7, d('2024-05-05'), 'g'],
  ]);

describe('aggregate', () => {
  it('groups by key, sorted ascending with the null key last', () => {
    const result = apply(orders(), 'aggregate', { group_by: ['country'], aggregations: { name: 'count', amount: 'sum', qty: 'mean', signup: 'max' } });
    expect(result.table.schema).toEqual([
      { name: 'country', type: 'string' },
      { name: 'name', type: 'integer' },
      { name: 'amount', type: 'float' },
      { name: 'qty', type: 'float' },
      { name: 'signup', type: 'datetime' },
    ]);
    expect(rows(result.table)).toEqual([
      ['DK', 1, 0, 4, d('2023-01-01')],
      ['NO', 1, 10.7, 2, d('2024-02-01')],
      ['SE', 2, 0.3, 2, d('2024-03-01')],
      [null, 2, 6, 7, d('2024-05-05')],
    ]);
    expect(result.steps[0].metadata).toEqual({ groups_created: 4 });
  });

  it('a list of functions gives <column>_<function> spelled as given; a single avg is normalized to mean', () => {
    const result = apply(orders(), 'aggregate', { group_by: ['country'], aggregations: { qty: ['sum', 'avg', 'size', 'nunique'], amount: 'avg' } });
    expect(result.table.schema.map((c) => c.name)).toEqual(['country', 'qty_sum', 'qty_avg', 'qty_size', 'qty_nunique', 'amount']);
    expect(result.steps[0].params).toEqual({ group_by: ['country'], aggregations: { qty: ['sum', 'avg', 'size', 'nunique'], amount: 'mean' }, reset_index: true });
    expect(rows(result.table)[0]).toEqual(['DK', 4, 4, 1, 1, null]);
    expect(rows(result.table)[2]).toEqual(['SE', 2, 2, 2, 1, 0.15]);
  });

  it('group_by [] gives exactly one row, also for an empty input', () => {
    const all = apply(orders(), 'aggregate', { group_by: [], aggregations: { qty: ['sum', 'count', 'median', 'std'], name: ['first', 'last', 'concat', 'min'] } });
    expect(rows(all.table)).toEqual([[17, 5, 3, 2.30217288664427, 'a', 'g', 'a, b, c, e, f, g', 'a']]);
    const empty = table({ amount: 'float', k: 'string' }, []);
    const out = apply(empty, 'aggregate', { group_by: [], aggregations: { amount: ['sum', 'count', 'mean'] } });
    expect(rows(out.table)).toEqual([[0, 0, null]]);
    expect(out.steps[0].metadata).toEqual({ groups_created: 1 });
    expect(rows(apply(empty, 'aggregate', { group_by: ['k'], aggregations: { amount: 'sum' } }).table)).toEqual([]);
  });

  it('groups by several keys with typed order (numbers, booleans) and null keys last', () => {
    const t = table({ a: 'integer', b: 'boolean', v: 'integer' }, [
      [2, true, 1],
      [1, null, 2],
      [1, false, 3],
      [null, true, 4],
      [1, false, 5],
      [1, true, 6],
    ]);
    expect(rows(apply(t, 'aggregate', { group_by: ['a', 'b'], aggregations: { v: 'sum' } }).table)).toEqual([
      [1, false, 8],
      [1, true, 6],
      [1, null, 2],
      [2, true, 1],
      [null, true, 4],
    ]);
  });

  it('sorts text keys by code point (case-sensitive)', () => {
    const t = table({ k: 'string', v: 'integer' }, [['b', 1], ['a', 1], ['B', 1], ['a', 1]]);
    expect(rows(apply(t, 'aggregate', { group_by: ['k'], aggregations: { v: 'count' } }).table)).toEqual([['B', 1], ['a', 2], ['b', 1]]);
  });

  it('rejects numeric functions on text, boolean and datetime columns (TYPE_MISMATCH)', () => {
    const bad = runStep(orders(), 'aggregate', { group_by: ['country'], aggregations: { name: 'sum', signup: ['max', 'mean'] } });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => [e.code, e.param])).toEqual([
      ['TYPE_MISMATCH', 'aggregations.name'],
      ['TYPE_MISMATCH', 'aggregations.signup[1]'],
    ]);
    expect(bad.errors[0].message).toBe('Step 1 (aggregate) aggregations.name: sum needs an integer or float column, but column "name" is string.');
  });

  it('validates parameters, columns and output names', () => {
    const unknownFn = runStep(orders(), 'aggregate', { group_by: ['country'], aggregations: { amount: 'total' } });
    expect(unknownFn.errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(unknownFn.errors[0].message).toContain('Allowed: sum, mean, avg, median, min, max, count, size, nunique, first, last, std, var, concat.');
    expect(runStep(orders(), 'aggregate', { group_by: ['country'], aggregations: {} }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'aggregations' });
    expect(runStep(orders(), 'aggregate', { group_by: ['country'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'aggregations' });
    expect(runStep(orders(), 'aggregate', { aggregations: { amount: 'sum' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'group_by' });
    expect(runStep(orders(), 'aggregate', { group_by: 'country', aggregations: { amount: 'sum' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'group_by' });
    expect(runStep(orders(), 'aggregate', { group_by: ['country'], aggregations: { amount: 'sum' }, by: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'by' });
    expect(runStep(orders(), 'aggregate', { group_by: ['country'], aggregations: { amount: [] } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(orders(), 'aggregate', { group_by: ['country'], aggregations: { amount: 'sum' }, reset_index: 'no' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'reset_index' });
    const missing = runStep(orders(), 'aggregate', { group_by: ['Country'], aggregations: { amont: 'sum' } });
    expect(missing.errors.map((e) => [e.code, e.param, e.suggestion])).toEqual([
      ['COLUMN_NOT_FOUND', 'group_by[0]', 'country'],
      ['COLUMN_NOT_FOUND', 'aggregations.amont', 'amount'],
    ]);
    const clash = runStep(orders(), 'aggregate', { group_by: ['country'], aggregations: { country: 'count' } });
    expect(clash.errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'aggregations.country', message: 'Step 1 (aggregate) aggregations.country: column "country" already exists.' });
    expect(runStep(orders(), 'aggregate', { group_by: [], aggregations: { qty: ['sum', 'sum'] } }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'aggregations.qty[1]' });
  });

  it('renders the md call and a GROUP BY with null keys last', () => {
    const p = getPrimitive('aggregate')!;
    const params = { group_by: ['country'], aggregations: { qty: 'sum', name: 'count' }, reset_index: true };
    const r = p.render(params, orders().schema);
    expect(r.js).toBe('dt = md.aggregate(dt, {"group_by":["country"],"aggregations":{"qty":"sum","name":"count"},"reset_index":true});');
    expect(r.sql).toBe(
      'SELECT "country", COALESCE(SUM("qty"), 0) AS "qty", COUNT("name") AS "name", ROW_NUMBER() OVER (ORDER BY "country" COLLATE "C" NULLS LAST) AS "_row" FROM {input} GROUP BY "country" ORDER BY "_row"',
    );
    expect(p.render({ group_by: [], aggregations: { qty: 'size' }, reset_index: true }, orders().schema).sql).toBe('SELECT COUNT(*) AS "qty", 1 AS "_row" FROM {input} ORDER BY "_row"');
    expect(p.render({ group_by: [], aggregations: { signup: 'concat' }, reset_index: true }, orders().schema).sql).toBeNull();
  });

  it('aggregates 200k rows quickly', () => {
    const n = 200_000;
    const countries = ['NO', 'SE', 'DK', 'FI', 'IS', null];
    const rowsIn = Array.from({ length: n }, (_, i) => [countries[i % 6], (i % 1000) / 10, i % 97, new Date(Date.UTC(2020, 0, 1 + (i % 1500)))]);
    const big = table({ country: 'string', total: 'float', amount: 'integer', signup_date: 'datetime' }, rowsIn);
    const started = performance.now();
    const out = apply(big, 'aggregate', { group_by: ['country'], aggregations: { amount: ['count', 'mean'], total: 'sum', signup_date: 'max' } });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(out.table.schema.map((c) => c.name)).toEqual(['country', 'amount_count', 'amount_mean', 'total', 'signup_date']);
    expect(out.steps[0].metadata).toEqual({ groups_created: 6 });
  });
});
