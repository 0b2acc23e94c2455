import { describe, expect, it } from 'vitest';
import {
  AGG_NAMES,
  aggFunction,
  aggregateColumn,
  aggregateGroups,
  aggResultType,
  aggSpelling,
  aggSubset,
  aggSuits,
  aggTypeProblem,
  assignGroups,
  resolveAgg,
} from '../../src/engine/values/index.js';

const d = (s: string) => new Date(`${s}Z`);

describe('aggregate functions (§2.11)', () => {
  it('names: alias avg → mean, unknown names listed', () => {
    expect(resolveAgg('avg')).toBe('mean');
    expect(resolveAgg('sum')).toBe('sum');
    expect(resolveAgg('total')).toBeNull();
    expect(resolveAgg('toString')).toBeNull();
    expect(aggFunction.parse('avg')).toBe('mean');
    expect(aggSpelling.parse('avg')).toBe('avg');
    const bad = aggFunction.safeParse('average');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toBe(
      'unknown aggregate function "average". Allowed: sum, mean, avg, median, min, max, count, size, nunique, first, last, std, var, concat.',
    );
    expect(AGG_NAMES).toContain('avg');
    const pivotAgg = aggSubset(['sum', 'mean', 'count', 'min', 'max', 'first']);
    expect(pivotAgg.parse('min')).toBe('min');
    expect(pivotAgg.safeParse('median').error!.issues[0].message).toBe('unknown aggregate function "median". Allowed: sum, mean, count, min, max, first.');
  });

  it('types: numeric functions need integer/float; result types', () => {
    expect(aggSuits('sum', 'string')).toBe(false);
    expect(aggSuits('max', 'string')).toBe(true);
    expect(aggSuits('std', 'boolean')).toBe(false);
    expect(aggSuits('median', 'datetime')).toBe(false);
    expect(aggSuits('concat', 'datetime')).toBe(true);
    expect(aggTypeProblem('sum', 'name', 'string', 'aggregations.name')).toEqual({
      code: 'TYPE_MISMATCH',
      param: 'aggregations.name',
      message: 'sum needs an integer or float column, but column "name" is string.',
    });
    expect(aggTypeProblem('avg', 'x', 'float', null)).toBeNull();
    expect(aggResultType('sum', 'integer')).toBe('integer');
    expect(aggResultType('mean', 'integer')).toBe('float');
    expect(aggResultType('median', 'integer')).toBe('float');
    expect(aggResultType('max', 'datetime')).toBe('datetime');
    expect(aggResultType('count', 'string')).toBe('integer');
    expect(aggResultType('size', 'string')).toBe('integer');
    expect(aggResultType('nunique', 'float')).toBe('integer');
    expect(aggResultType('concat', 'integer')).toBe('string');
    expect(aggResultType('var', 'integer')).toBe('float');
  });

  it('assigns group ids in first-appearance order with null as its own key and 1 = 1.0', () => {
    const g = assignGroups([['b', 'a', null, 'b', null]], 5);
    expect([...g.ids]).toEqual([0, 1, 2, 0, 2]);
    expect(g.count).toBe(3);
    expect([...g.firstRow]).toEqual([0, 1, 2]);
    const multi = assignGroups([[1, 1.0, 1, null], ['x', 'x', 'y', null]], 4);
    expect([...multi.ids]).toEqual([0, 0, 1, 2]);
    const dates = assignGroups([[d('2024-01-01T00:00:00'), d('2024-01-01T00:00:00'), null]], 3);
    expect([...dates.ids]).toEqual([0, 0, 1]);
    expect(assignGroups([], 0)).toEqual({ ids: new Int32Array(0), count: 1, firstRow: Int32Array.of(0) });
    // text "1" and number 1 are different keys across columns
    expect([...assignGroups([['1', 1 as never], ['a', 'a']], 2).ids]).toEqual([0, 1]);
  });

  it('computes every function per group, nulls skipped', () => {
    const ids = Int32Array.from([0, 1, 0, 1, 0, 2]);
    const v = [1, 10, null, 20, 4, null];
    const run = (fn: Parameters<typeof aggregateGroups>[0], values: unknown[] = v, type: Parameters<typeof aggregateGroups>[2] = 'integer') =>
      aggregateGroups(fn, values as never, type, ids, 3);
    expect(run('sum')).toEqual([5, 30, 0]);
    expect(run('mean')).toEqual([2.5, 15, null]);
    expect(run('median')).toEqual([2.5, 15, null]);
    expect(run('min')).toEqual([1, 10, null]);
    expect(run('max')).toEqual([4, 20, null]);
    expect(run('count')).toEqual([2, 2, 0]);
    expect(run('size')).toEqual([3, 2, 1]);
    expect(run('nunique')).toEqual([2, 2, 0]);
    expect(run('first')).toEqual([1, 10, null]);
    expect(run('last')).toEqual([4, 20, null]);
    expect(run('var')).toEqual([4.5, 50, null]);
    expect(run('std')).toEqual([2.12132034355964, 7.07106781186548, null]);
    expect(run('concat')).toEqual(['1, 4', '10, 20', null]);
  });

  it('normalizes computed floats and sums in row order', () => {
    expect(aggregateColumn('sum', [0.1, 0.2], 'float')).toBe(0.3);
    expect(aggregateColumn('mean', [1, 1, 2], 'integer')).toBe(1.33333333333333);
    expect(aggregateColumn('median', [3, 1, 2, 10], 'integer')).toBe(2.5);
    expect(aggregateColumn('median', [3, 1, 2], 'integer')).toBe(2);
    expect(aggregateColumn('std', [5], 'integer')).toBeNull();
    expect(aggregateColumn('var', [], 'float')).toBeNull();
    expect(aggregateColumn('sum', [], 'float')).toBe(0);
    expect(aggregateColumn('sum', [null, null], 'integer')).toBe(0);
    expect(aggregateColumn('size', [null, null], 'integer')).toBe(2);
    expect(aggregateColumn('count', [], 'integer')).toBe(0);
    expect(aggregateColumn('mean', [], 'integer')).toBeNull();
  });

  it('min/max use typed order for text, booleans and datetimes', () => {
    expect(aggregateColumn('min', ['b', 'Z', 'a'], 'string')).toBe('Z');
    expect(aggregateColumn('max', ['b', 'Z', 'a'], 'string')).toBe('b');
    // code points, not UTF-16 units: U+1F600 sorts after U+FF5E
    expect(aggregateColumn('max', ['\uff5e', '\u{1F600}'], 'string')).toBe('\u{1F600}');
    expect(aggregateColumn('min', [true, null, false], 'boolean')).toBe(false);
    expect(aggregateColumn('max', [false, true], 'boolean')).toBe(true);
    const dates = [d('2024-03-01T00:00:00'), null, d('2023-12-31T00:00:00')];
    expect(aggregateColumn('max', dates, 'datetime')).toEqual(d('2024-03-01T00:00:00'));
    expect(aggregateColumn('min', dates, 'datetime')).toEqual(d('2023-12-31T00:00:00'));
    expect(aggregateColumn('min', [null], 'string')).toBeNull();
  });

  it('first/last take non-null values; nunique uses key equality; concat uses text()', () => {
    expect(aggregateColumn('first', [null, 'x', 'y', null], 'string')).toBe('x');
    expect(aggregateColumn('last', [null, 'x', 'y', null], 'string')).toBe('y');
    expect(aggregateColumn('nunique', ['a', 'A', 'a', null], 'string')).toBe(2);
    expect(aggregateColumn('nunique', [d('2024-01-01T00:00:00'), d('2024-01-01T00:00:00')], 'datetime')).toBe(1);
    expect(aggregateColumn('concat', [1.5, null, 3], 'float')).toBe('1.5, 3');
    expect(aggregateColumn('concat', [true, false], 'boolean')).toBe('true, false');
    expect(aggregateColumn('concat', [d('2024-01-01T00:00:00'), d('2024-01-02T00:00:00')], 'datetime')).toBe('2024-01-01, 2024-01-02');
    // the datetime form is the column's: one value with a time gives every value a time
    expect(aggregateGroups('concat', [d('2024-01-01T00:00:00'), d('2024-01-02T10:30:00')], 'datetime', Int32Array.from([0, 1]), 2)).toEqual([
      '2024-01-01 00:00:00',
      '2024-01-02 10:30:00',
    ]);
    expect(aggregateColumn('concat', [null], 'string')).toBeNull();
  });

  it('handles a million rows quickly', () => {
    const n = 1_000_000;
    const key = Array.from({ length: n }, (_, i) => `c${i % 50}`);
    const amount = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i % 100));
    const started = performance.now();
    const g = assignGroups([key], n);
    const sums = aggregateGroups('sum', amount, 'integer', g.ids, g.count);
    const means = aggregateGroups('mean', amount, 'integer', g.ids, g.count);
    expect(g.count).toBe(50);
    expect(sums.length).toBe(50);
    expect(means.length).toBe(50);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
