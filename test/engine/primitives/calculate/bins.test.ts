import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { normalizeFloat, normalizeFloatViaText } from '../../../../src/engine/values/numbers.js';
import { apply, runStep, table, values } from '../helpers.js';

describe('bin_values', () => {
  const t = () => table({ x: 'integer', s: 'string', d: 'datetime' }, [[0], [10], [15], [100], [null], [-1], [101]].map((r) => [r[0], r[0] === null ? null : String(r[0]), null]));

  it('bins into right-closed intervals from explicit edges, first closed', () => {
    const result = apply(t(), 'bin_values', { column: 'x', bins: [0, 10, 20, 100] });
    expect(values(result.table, 'x_bin')).toEqual(['[0, 10]', '[0, 10]', '(10, 20]', '(20, 100]', null, null, null]);
    expect(result.table.schema.at(-1)).toEqual({ name: 'x_bin', type: 'string' });
    expect(result.steps[0].metadata).toEqual({ bin_counts: { '[0, 10]': 2, '(10, 20]': 1, '(20, 100]': 1 } });
    expect(result.steps[0].params).toEqual({ column: 'x', new_column: null, bins: [0, 10, 20, 100], labels: null, include_lowest: true });
  });

  it('uses labels, infinite edges and include_lowest: false', () => {
    const result = apply(t(), 'bin_values', { column: 'x', bins: ['-inf', 0, 50, 'inf'], labels: ['neg', 'low', 'high'], include_lowest: false, new_column: 'band' });
    expect(values(result.table, 'band')).toEqual(['neg', 'low', 'low', 'high', null, 'neg', 'high']);
    expect(result.steps[0].metadata).toEqual({ bin_counts: { neg: 2, low: 2, high: 2 } });
    const open = apply(t(), 'bin_values', { column: 'x', bins: [0, 10, 100], include_lowest: false });
    expect(values(open.table, 'x_bin').slice(0, 2)).toEqual([null, '(0, 10]']);
    const unnamed = apply(t(), 'bin_values', { column: 'x', bins: ['-inf', 0, 'inf'] });
    expect(values(unnamed.table, 'x_bin').slice(0, 2)).toEqual(['[-inf, 0]', '(0, inf]']);
  });

  it('makes k equal-width bins over [min, max], edges rounded to 3 decimals (more when needed)', () => {
    const five = table({ v: 'integer' }, [[5], [30], [13], [14], [22], [null]]);
    const result = apply(five, 'bin_values', { column: 'v', bins: 3, include_lowest: false });
    expect(values(result.table, 'v_bin')).toEqual(['[5, 13.333]', '(21.667, 30]', '[5, 13.333]', '(13.333, 21.667]', '(21.667, 30]', null]);
    expect(result.steps[0].metadata).toEqual({ bin_counts: { '[5, 13.333]': 2, '(13.333, 21.667]': 1, '(21.667, 30]': 2 } });
    const same = apply(table({ v: 'float' }, [[2], [2]]), 'bin_values', { column: 'v', bins: 2 });
    expect(values(same.table, 'v_bin')).toEqual(['[1.5, 2]', '[1.5, 2]']);
    const fine = apply(table({ v: 'float' }, [[1], [1.0004]]), 'bin_values', { column: 'v', bins: 2 });
    expect(values(fine.table, 'v_bin')).toEqual(['[1, 1.0002]', '(1.0002, 1.0004]']);
    const none = apply(table({ v: 'float' }, [[null]]), 'bin_values', { column: 'v', bins: 2 });
    expect(values(none.table, 'v_bin')).toEqual([null]);
    expect(none.steps[0].metadata).toEqual({ bin_counts: {} });
  });

  it('coerces text and validates', () => {
    const result = apply(table({ s: 'string' }, [['5'], ['abc'], ['15']]), 'bin_values', { column: 's', bins: [0, 10, 20] });
    expect(values(result.table, 's_bin')).toEqual(['[0, 10]', null, '(10, 20]']);
    expect(result.steps[0].warnings).toMatchObject([{ code: 'VALUES_NULLED', count: 1, samples: ['abc'] }]);
    expect(runStep(t(), 'bin_values', { column: 'x', bins: [0, 10], labels: ['a', 'b'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'labels' });
    expect(runStep(t(), 'bin_values', { column: 'x', bins: 3, labels: ['a'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'labels' });
    expect(runStep(t(), 'bin_values', { column: 'x', bins: [10, 0] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'bins' });
    expect(runStep(t(), 'bin_values', { column: 'x', bins: [10] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'bins' });
    expect(runStep(t(), 'bin_values', { column: 'x', bins: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'bins' });
    expect(runStep(t(), 'bin_values', { column: 'x', bins: [0, 'infinity'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(t(), 'bin_values', { column: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'bins' });
    expect(runStep(t(), 'bin_values', { column: 'd', bins: 2 }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH' });
    expect(runStep(t(), 'bin_values', { column: 'x', bins: 2, new_column: 's' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
  });

  it('renders SQL for explicit edges only', () => {
    const p = getPrimitive('bin_values')!;
    expect(p.render({ column: 'x', new_column: null, bins: [0, 10, 'inf'], labels: null, include_lowest: true }, t().schema).sql).toBe(
      `SELECT "x", "s", "d", (CASE WHEN "x" IS NULL THEN NULL WHEN "x" >= 0 AND "x" <= 10 THEN '[0, 10]' WHEN "x" > 10 THEN '(10, inf]' END) AS "x_bin", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(p.render({ column: 'x', new_column: null, bins: 3, labels: null, include_lowest: true }, t().schema).sql).toBeNull();
  });
});

describe('is_between', () => {
  const t = () =>
    table({ n: 'float', s: 'string', d: 'datetime', b: 'boolean' }, [
      [1, '1', new Date(Date.UTC(2024, 0, 1)), true],
      [5, 'x', new Date(Date.UTC(2024, 1, 15)), false],
      [10, '10', new Date(Date.UTC(2024, 3, 1)), null],
      [null, null, null, null],
    ]);

  it('appends a boolean column with counts; null cells are false', () => {
    const result = apply(t(), 'is_between', { column: 'n', min_value: 1, max_value: 5 });
    expect(values(result.table, 'n_in_range')).toEqual([true, true, false, false]);
    expect(result.table.schema.at(-1)).toEqual({ name: 'n_in_range', type: 'boolean' });
    expect(result.steps[0].metadata).toEqual({ in_range_count: 2, out_of_range_count: 2 });
    expect(result.steps[0].params).toEqual({ column: 'n', min_value: 1, max_value: 5, new_column: null, inclusive: 'both' });
    expect(values(apply(t(), 'is_between', { column: 'n', min_value: 1, max_value: 10, inclusive: 'neither', new_column: 'in' }).table, 'in')).toEqual([false, true, false, false]);
    expect(values(apply(t(), 'is_between', { column: 'n', min_value: 1, max_value: 10, inclusive: 'left', new_column: 'in' }).table, 'in')).toEqual([true, true, false, false]);
    expect(values(apply(t(), 'is_between', { column: 'n', min_value: '1', max_value: '10', inclusive: 'right', new_column: 'in' }).table, 'in')).toEqual([false, true, true, false]);
  });

  it('compares coerced text as numbers and datetimes as dates', () => {
    const text = apply(t(), 'is_between', { column: 's', min_value: 0, max_value: 5 });
    expect(values(text.table, 's_in_range')).toEqual([true, false, false, false]);
    expect(text.steps[0].warnings).toMatchObject([{ code: 'VALUES_NULLED', count: 1, samples: ['x'] }]);
    const dates = apply(t(), 'is_between', { column: 'd', min_value: '2024-01-15', max_value: 'March 31, 2024' });
    expect(values(dates.table, 'd_in_range')).toEqual([false, true, false, false]);
  });

  it('validates bounds and types', () => {
    expect(runStep(t(), 'is_between', { column: 'n', min_value: 5, max_value: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(t(), 'is_between', { column: 'n', min_value: '5', max_value: '1' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'min_value' });
    expect(runStep(t(), 'is_between', { column: 'n', min_value: 'low', max_value: 1 }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'min_value' });
    expect(runStep(t(), 'is_between', { column: 'd', min_value: 5, max_value: '2024-01-01' }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'min_value' });
    expect(runStep(t(), 'is_between', { column: 'b', min_value: 0, max_value: 1 }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'column' });
    expect(runStep(t(), 'is_between', { column: 'n', min_value: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'max_value' });
    expect(runStep(t(), 'is_between', { column: 'n', min_value: 0, max_value: 1, inclusive: 'all' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'inclusive' });
    expect(runStep(t(), 'is_between', { column: 'n', min_value: 0, max_value: 1, new_column: 's' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
  });

  it('renders SQL', () => {
    const p = getPrimitive('is_between')!;
    expect(p.render({ column: 'n', min_value: 1, max_value: 5, new_column: null, inclusive: 'left' }, t().schema).sql).toBe(
      'SELECT "n", "s", "d", "b", COALESCE("n" >= 1 AND "n" < 5, false) AS "n_in_range", "_row" FROM {input} ORDER BY "_row"',
    );
    expect(p.render({ column: 'd', min_value: '2024-01-15', max_value: '2024-03-31', new_column: 'q1', inclusive: 'both' }, t().schema).sql).toBe(
      `SELECT "n", "s", "d", "b", COALESCE("d" >= TIMESTAMP '2024-01-15 00:00:00.000' AND "d" <= TIMESTAMP '2024-03-31 00:00:00.000', false) AS "q1", "_row" FROM {input} ORDER BY "_row"`,
    );
  });
});

describe('normalizeFloat', () => {
  it('equals the text definition Number(x.toPrecision(15))', () => {
    const samples = [0.1 + 0.2, 12.34 * 3, 1 / 3, -2 / 3, 9999999.99999999, 999999999.9999992, 9.99999999999999e-7, 1e-9 / 3, 123456789012345.6, 1e300 / 7, -0, 5, 0.30000000000000004];
    let seed = 7;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 16807) % 2147483647;
      samples.push((seed / 2147483647) * 10 ** ((seed % 40) - 20) * (seed % 2 ? -1 : 1));
    }
    for (const x of samples) expect(normalizeFloat(x)).toBe(normalizeFloatViaText(x));
  });
});
