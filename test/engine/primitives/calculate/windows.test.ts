import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const sales = () =>
  table({ store: 'string', month: 'integer', amount: 'float', name: 'string' }, [
    ['a', 3, 10, 'x'],
    ['b', 1, 5, 'y'],
    ['a', 1, null, 'z'],
    [null, 2, 2.5, 'w'],
    ['a', 2, 0.2, null],
    [null, 1, 1, 'v'],
  ]);

describe('running_total', () => {
  it('sums in row order, shows the total so far on null cells, restarts per group (null keys included)', () => {
    const input = sales();
    const flat = apply(input, 'running_total', { column: 'amount', new_column: 'cum' });
    expect(input.schema.map((c) => c.name)).toEqual(['store', 'month', 'amount', 'name']); // input untouched
    expect(values(flat.table, 'cum')).toEqual([10, 15, 15, 17.5, 17.7, 18.7]);
    expect(flat.steps[0].params).toEqual({ column: 'amount', new_column: 'cum', group_by: null });
    const grouped = apply(sales(), 'running_total', { column: 'amount', new_column: 'cum', group_by: 'store' });
    expect(values(grouped.table, 'cum')).toEqual([10, 5, 10, 2.5, 10.2, 3.5]);
    expect(grouped.steps[0].params.group_by).toEqual(['store']);
    const leadingNull = apply(table({ g: 'string', x: 'integer' }, [['a', null], ['a', 2], ['a', 3]]), 'running_total', { column: 'x', new_column: 'c', group_by: ['g'] });
    expect(values(leadingNull.table, 'c')).toEqual([null, 2, 5]);
    expect(leadingNull.table.schema.at(-1)!.type).toBe('integer');
  });

  it('validates and renders', () => {
    expect(runStep(sales(), 'running_total', { column: 'name', new_column: 'c' }).steps[0].warnings).toMatchObject([{ code: 'VALUES_NULLED', count: 5 }]);
    expect(runStep(sales(), 'running_total', { column: 'amount', new_column: 'store' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(sales(), 'running_total', { column: 'amount', new_column: 'c', group_by: ['shop'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'group_by[0]' });
    expect(runStep(sales(), 'running_total', { column: 'amount', new_column: 'c', group_by: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'group_by' });
    expect(getPrimitive('running_total')!.render({ column: 'month', new_column: 'c', group_by: ['store'] }, sales().schema).sql).toBe(
      'SELECT "store", "month", "amount", "name", SUM("month") OVER (PARTITION BY "store" ORDER BY "_row" ROWS UNBOUNDED PRECEDING) AS "c", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});

describe('rank', () => {
  const t = () => table({ x: 'integer', g: 'string', d: 'datetime' }, [[3, 'a', null], [1, 'a', null], [3, 'b', null], [null, 'a', null], [2, 'b', null]]);
  const rankOf = (params: Record<string, unknown>) => values(apply(t(), 'rank', { column: 'x', new_column: 'r', ...params }).table, 'r');

  it('ranks with every tie method; nulls get null and are not counted', () => {
    expect(rankOf({})).toEqual([3, 1, 3, null, 2]);
    expect(rankOf({ method: 'min' })).toEqual([3, 1, 3, null, 2]);
    expect(rankOf({ method: 'min', ascending: false })).toEqual([1, 4, 1, null, 3]);
    expect(rankOf({ method: 'max', ascending: false })).toEqual([2, 4, 2, null, 3]);
    expect(rankOf({ method: 'first', ascending: false })).toEqual([1, 4, 2, null, 3]);
    expect(rankOf({ method: 'first' })).toEqual([3, 1, 4, null, 2]);
    expect(rankOf({ method: 'average', ascending: false })).toEqual([1.5, 4, 1.5, null, 3]);
    expect(rankOf({ group_by: 'g' })).toEqual([2, 1, 2, null, 1]);
    const avg = apply(t(), 'rank', { column: 'x', new_column: 'r', method: 'average' });
    expect(avg.table.schema.at(-1)).toEqual({ name: 'r', type: 'float' });
    expect(apply(t(), 'rank', { column: 'x', new_column: 'r' }).steps[0].params).toEqual({ column: 'x', new_column: 'r', ascending: true, method: 'dense', group_by: null });
  });

  it('ranks text by code point and validates', () => {
    const words = table({ w: 'string' }, [['b'], ['Z'], ['a'], [null]]);
    expect(values(apply(words, 'rank', { column: 'w', new_column: 'r' }).table, 'r')).toEqual([3, 1, 2, null]);
    expect(runStep(t(), 'rank', { column: 'x', new_column: 'r', method: 'ordinal' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'method' });
    expect(runStep(t(), 'rank', { column: 'x', new_column: 'g' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
    expect(runStep(t(), 'rank', { column: 'y', new_column: 'r' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    expect(runStep(t(), 'rank', { column: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_column' });
  });

  it('renders SQL that keeps nulls out of the ranking', () => {
    expect(getPrimitive('rank')!.render({ column: 'x', new_column: 'r', ascending: false, method: 'first', group_by: ['g'] }, t().schema).sql).toBe(
      'SELECT "x", "g", "d", (CASE WHEN "x" IS NULL THEN NULL ELSE ROW_NUMBER() OVER (PARTITION BY "g", ("x" IS NULL) ORDER BY "x" DESC, "_row") END) AS "r", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});

describe('dense_rank and percent_rank', () => {
  it('dense ranks per partition with metadata', () => {
    const result = apply(sales(), 'dense_rank', { column: 'month', partition_by: 'store', ascending: false });
    expect(values(result.table, 'month_dense_rank')).toEqual([1, 1, 3, 1, 2, 2]);
    expect(result.steps[0].metadata).toEqual({ unique_ranks: 3, partitioned: true });
    const flat = apply(sales(), 'dense_rank', { column: 'amount', new_column: 'dr' });
    expect(values(flat.table, 'dr')).toEqual([5, 4, null, 3, 1, 2]);
    expect(flat.steps[0].metadata).toEqual({ unique_ranks: 5, partitioned: false });
    expect(runStep(sales(), 'dense_rank', { column: 'amount', new_column: 'name' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
  });

  it('percent rank: (r − 1) / (m − 1), lowest 0, highest 1, m = 1 → 0', () => {
    const t = table({ x: 'integer', g: 'string' }, [[10, 'a'], [30, 'a'], [20, 'a'], [20, 'a'], [null, 'a'], [5, 'a'], [7, 'b']]);
    const result = apply(t, 'percent_rank', { column: 'x', partition_by: 'g' });
    expect(values(result.table, 'x_pct_rank')).toEqual([0.25, 1, 0.5, 0.5, null, 0, 0]);
    expect(result.steps[0].metadata).toEqual({ min_percentile: 0, max_percentile: 1 });
    const thirds = apply(table({ x: 'integer' }, [[1], [2], [3], [4]]), 'percent_rank', { column: 'x', ascending: false, new_column: 'p' });
    expect(values(thirds.table, 'p')).toEqual([1, 0.666666666666667, 0.333333333333333, 0]);
    const empty = apply(table({ x: 'integer' }, [[null]]), 'percent_rank', { column: 'x' });
    expect(empty.steps[0].metadata).toEqual({ min_percentile: null, max_percentile: null });
    expect(runStep(t, 'percent_rank', { column: 'x', partition_by: 'h' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'partition_by[0]' });
  });
});

describe('ntile', () => {
  it('fills buckets like SQL NTILE: first m mod n buckets one larger, nulls null', () => {
    const t = table({ x: 'integer' }, [[5], [1], [9], [3], [null], [7], [2], [8], [4], [6], [10]]);
    const result = apply(t, 'ntile', { n: 4, order_by: 'x' });
    expect(values(result.table, 'ntile_4')).toEqual([2, 1, 4, 1, null, 3, 1, 3, 2, 2, 4]);
    expect(result.steps[0].metadata).toEqual({ buckets: 4, bucket_counts: { '1': 3, '2': 3, '3': 2, '4': 2 } });
    expect(result.steps[0].params).toEqual({ n: 4, order_by: 'x', new_column: null, ascending: true, partition_by: null });
  });

  it('gives 1…m when n > m, counting per partition', () => {
    const t = table({ x: 'integer', g: 'string' }, [[1, 'a'], [2, 'a'], [3, 'b'], [3, 'b'], [5, 'a'], [6, 'a']]);
    const result = apply(t, 'ntile', { n: 10, order_by: 'x', partition_by: 'g', ascending: false, new_column: 'b' });
    expect(values(result.table, 'b')).toEqual([4, 3, 1, 2, 2, 1]);
    expect(result.steps[0].metadata).toMatchObject({ bucket_counts: { '1': 2, '2': 2, '3': 1, '4': 1, '5': 0, '10': 0 } });
    expect(runStep(t, 'ntile', { n: 0, order_by: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'n' });
    expect(runStep(t, 'ntile', { order_by: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'n' });
    expect(runStep(t, 'ntile', { n: 2, order_by: 'y' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'order_by' });
    expect(getPrimitive('ntile')!.render({ n: 4, order_by: 'x', new_column: null, ascending: true, partition_by: null }, t.schema).sql).toBe(
      'SELECT "x", "g", (CASE WHEN "x" IS NULL THEN NULL ELSE NTILE(4) OVER (PARTITION BY ("x" IS NULL) ORDER BY "x", "_row") END) AS "ntile_4", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});

describe('lag and lead', () => {
  it('takes the value offset rows before/after within partitions; nulls in the source stay null', () => {
    const lag = apply(sales(), 'lag', { column: 'amount', partition_by: 'store', default: 0 });
    expect(values(lag.table, 'amount_lag_1')).toEqual([0, 0, 10, 0, null, 2.5]);
    expect(lag.steps[0].metadata).toEqual({ offset: 1, null_values: 1 });
    expect(lag.steps[0].params).toEqual({ column: 'amount', new_column: null, offset: 1, default: 0, partition_by: ['store'], order_by: null });
    const lead = apply(sales(), 'lead', { column: 'amount', offset: 2 });
    expect(values(lead.table, 'amount_lead_2')).toEqual([null, 2.5, 0.2, 1, null, null]);
    const back = apply(sales(), 'lag', { column: 'amount', offset: -1, new_column: 'next' });
    expect(values(back.table, 'next')).toEqual([5, null, 2.5, 0.2, 1, null]);
  });

  it('orders by order_by (nulls last, stable) without moving rows', () => {
    const result = apply(sales(), 'lag', { column: 'amount', partition_by: 'store', order_by: 'month', new_column: 'prev' });
    expect(values(result.table, 'prev')).toEqual([0.2, null, null, 1, null, null]);
    expect(values(result.table, 'store')).toEqual(['a', 'b', 'a', null, 'a', null]);
  });

  it('unifies the column type with the default', () => {
    const text = apply(sales(), 'lag', { column: 'month', default: 'none' });
    expect(values(text.table, 'month_lag_1')).toEqual(['none', '3', '1', '1', '2', '2']);
    expect(text.table.schema.at(-1)!.type).toBe('string');
    const num = apply(sales(), 'lead', { column: 'month', default: '0' });
    expect(values(num.table, 'month_lead_1')).toEqual([1, 1, 2, 2, 1, 0]);
    expect(num.table.schema.at(-1)!.type).toBe('integer');
  });

  it('validates and renders', () => {
    expect(runStep(sales(), 'lag', { column: 'amount', offset: 1.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'offset' });
    expect(runStep(sales(), 'lag', { column: 'amount', default: [1] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'default' });
    expect(runStep(sales(), 'lead', { column: 'amount', order_by: 'day' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'order_by' });
    expect(runStep(sales(), 'lead', { column: 'amount', new_column: 'month' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
    expect(getPrimitive('lead')!.render({ column: 'amount', new_column: null, offset: 1, default: null, partition_by: ['store'], order_by: 'name' }, sales().schema).sql).toBe(
      'SELECT "store", "month", "amount", "name", LEAD("amount", 1, NULL) OVER (PARTITION BY "store" ORDER BY "name" COLLATE "C" NULLS LAST, "_row") AS "amount_lead_1", "_row" FROM {input} ORDER BY "_row"',
    );
    expect(getPrimitive('lag')!.render({ column: 'month', new_column: null, offset: 1, default: 'none', partition_by: null, order_by: null }, sales().schema).sql).toBe(
      `SELECT "store", "month", "amount", "name", LAG("month"::text, 1, 'none') OVER (ORDER BY "_row") AS "month_lag_1", "_row" FROM {input} ORDER BY "_row"`,
    );
  });
});

describe('moving_average', () => {
  const t = () => table({ x: 'integer', g: 'string' }, [[1, 'a'], [2, 'a'], [null, 'a'], [4, 'a'], [10, 'b'], [20, 'b']]);

  it('averages the trailing frame of non-null values', () => {
    const result = apply(t(), 'moving_average', { column: 'x', window: 3 });
    expect(values(result.table, 'x_ma_3')).toEqual([1, 1.5, 1.5, 3, 7, 11.333333333333300]);
    expect(result.table.schema.at(-1)!.type).toBe('float');
    expect(result.steps[0].metadata).toEqual({ window: 3, min_periods: 1 });
    expect(result.steps[0].params).toEqual({ column: 'x', window: 3, new_column: null, min_periods: 1, center: false, partition_by: null });
  });

  it('respects min_periods, centring and partitions', () => {
    expect(values(apply(t(), 'moving_average', { column: 'x', window: 2, min_periods: 2, partition_by: 'g', new_column: 'm' }).table, 'm')).toEqual([null, 1.5, null, null, null, 15]);
    expect(values(apply(t(), 'moving_average', { column: 'x', window: 3, center: true, partition_by: 'g', new_column: 'm' }).table, 'm')).toEqual([1.5, 1.5, 3, 4, 15, 15]);
    // w = 2 centred equals trailing
    expect(values(apply(t(), 'moving_average', { column: 'x', window: 2, center: true, new_column: 'm' }).table, 'm')).toEqual([1, 1.5, 2, 4, 7, 15]);
  });

  it('validates and renders', () => {
    expect(runStep(t(), 'moving_average', { column: 'x', window: 2, min_periods: 3 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'min_periods' });
    expect(runStep(t(), 'moving_average', { column: 'x', window: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'window' });
    expect(runStep(t(), 'moving_average', { column: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'window' });
    expect(runStep(table({ b: 'boolean' }, [[true]]), 'moving_average', { column: 'b', window: 2 }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH' });
    expect(getPrimitive('moving_average')!.render({ column: 'x', window: 3, new_column: null, min_periods: 2, center: true, partition_by: null }, t().schema).sql).toBe(
      'SELECT "x", "g", (CASE WHEN COUNT("x") OVER (ORDER BY "_row" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) >= 2 THEN (AVG("x"::float8) OVER (ORDER BY "_row" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING))::numeric::float8 END) AS "x_ma_3", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});

describe('first_value', () => {
  it('gives each row its partition’s first value, possibly null, or the first non-null', () => {
    const result = apply(sales(), 'first_value', { column: 'name', partition_by: 'store' });
    expect(values(result.table, 'name_first')).toEqual(['x', 'y', 'x', 'w', 'x', 'w']);
    expect(result.steps[0].metadata).toEqual({ unique_first_values: 3 });
    expect(result.steps[0].params).toEqual({ column: 'name', new_column: null, partition_by: ['store'], order_by: null, ascending: true, ignore_nulls: false });
    const sorted = apply(sales(), 'first_value', { column: 'amount', partition_by: 'store', order_by: 'month', new_column: 'f' });
    expect(values(sorted.table, 'f')).toEqual([null, 5, null, 1, null, 1]);
    const skip = apply(sales(), 'first_value', { column: 'amount', partition_by: 'store', order_by: 'month', new_column: 'f', ignore_nulls: true });
    expect(values(skip.table, 'f')).toEqual([0.2, 5, 0.2, 1, 0.2, 1]);
    const desc = apply(sales(), 'first_value', { column: 'amount', partition_by: 'store', order_by: 'month', ascending: false, new_column: 'f' });
    expect(values(desc.table, 'f')).toEqual([10, 5, 10, 2.5, 10, 2.5]);
  });

  it('requires partition_by and validates', () => {
    expect(runStep(sales(), 'first_value', { column: 'name' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'partition_by' });
    expect(runStep(sales(), 'first_value', { column: 'name', partition_by: 'store', new_column: 'month' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
    expect(getPrimitive('first_value')!.render({ column: 'amount', new_column: 'f', partition_by: ['store'], order_by: 'month', ascending: false, ignore_nulls: true }, sales().schema).sql).toBe(
      'SELECT "store", "month", "amount", "name", FIRST_VALUE("amount") OVER (PARTITION BY "store" ORDER BY ("amount" IS NULL), "month" DESC NULLS LAST, "_row" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "f", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});
