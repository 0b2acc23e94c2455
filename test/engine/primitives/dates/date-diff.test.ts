import { describe, expect, it } from 'vitest';
import { utcDate } from '../../../../src/engine/values/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const d = (y: number, m: number, day: number, h = 0, mi = 0, s = 0) => utcDate(y, m, day, h, mi, s);
const t = table({ s: 'datetime', e: 'datetime' }, [
  [d(2024, 1, 31), d(2024, 2, 28)],
  [d(2024, 1, 15), d(2024, 3, 15)],
  [d(2024, 1, 1, 12), d(2024, 1, 1)],
  [d(2024, 3, 15), d(2024, 1, 15)],
  [d(2020, 2, 29), d(2024, 2, 28, 23, 59)],
  [d(2024, 1, 1), d(2024, 1, 11, 0, 0, 20)],
  [null, d(2024, 1, 1)],
]);
const diff = (unit: string, extra: Record<string, unknown> = {}) => {
  const r = apply(t, 'date_diff', { start_column: 's', end_column: 'e', unit, ...extra });
  return { r, v: values(r.table, (extra.new_column as string) ?? `date_diff_${unit}`) };
};

describe('date_diff', () => {
  it('days: whole days toward zero, integer', () => {
    const { r, v } = diff('days');
    expect(v).toEqual([28, 60, 0, -60, 1460, 10, null]);
    expect(r.table.schema.at(-1)).toEqual({ name: 'date_diff_days', type: 'integer' });
    expect(r.steps[0].metadata).toEqual({ unit: 'days', valid_calculations: 6, invalid_calculations: 1 });
    expect(r.steps[0].params).toEqual({ start_column: 's', end_column: 'e', unit: 'days', new_column: null, absolute: false, day_first: null });
  });

  it('weeks: days / 7 to 2 decimals, float', () => {
    const { r, v } = diff('weeks');
    expect(v).toEqual([4, 8.57, 0, -8.57, 208.57, 1.43, null]);
    expect(r.table.schema.at(-1)!.type).toBe('float');
  });

  it('months and years: complete calendar periods as DATEDIF, negated backwards', () => {
    expect(diff('months').v).toEqual([0, 2, 0, -2, 47, 0, null]);
    expect(diff('years').v).toEqual([0, 0, 0, 0, 3, 0, null]);
    const leap = table({ s: 'datetime', e: 'datetime' }, [[d(2020, 2, 29), d(2021, 2, 28)], [d(2020, 2, 29), d(2021, 3, 1)], [d(2025, 6, 1), d(2020, 6, 1)]]);
    expect(values(apply(leap, 'date_diff', { start_column: 's', end_column: 'e', unit: 'years' }).table, 'date_diff_years')).toEqual([0, 1, -5]);
  });

  it('hours, minutes, seconds: exact durations', () => {
    expect(diff('hours').v).toEqual([672, 1440, -12, -1440, 35063.9833333333, 240.005555555556, null]);
    expect(diff('minutes').v.slice(2, 3)).toEqual([-720]);
    expect(diff('seconds').v.slice(5, 6)).toEqual([864020]);
  });

  it('absolute and new_column', () => {
    const { r, v } = diff('days', { absolute: true, new_column: 'gap' });
    expect(v).toEqual([28, 60, 0, 60, 1460, 10, null]);
    expect(r.table.schema.map((c) => c.name)).toEqual(['s', 'e', 'gap']);
  });

  it('parses text columns each with its own order and warns per column', () => {
    const texts = table({ a: 'string', b: 'string' }, [['24/01/2024', '01/31/2024'], ['nope', '2024-02-01'], ['01/02/2024', 'bad']]);
    const r = apply(texts, 'date_diff', { start_column: 'a', end_column: 'b' });
    expect(values(r.table, 'date_diff_days')).toEqual([7, null, null]);
    expect(r.steps[0].warnings.map((w) => [w.column, w.count, w.samples])).toEqual([['a', 1, ['nope']], ['b', 1, ['bad']]]);
    expect(r.steps[0].metadata).toEqual({ unit: 'days', valid_calculations: 1, invalid_calculations: 2 });
    const forced = apply(texts, 'date_diff', { start_column: 'a', end_column: 'b', day_first: true });
    expect(values(forced.table, 'date_diff_days')).toEqual([null, null, null]);
  });

  it('validates parameters and the output name', () => {
    const err = (p: Record<string, unknown>) => runStep(t, 'date_diff', p).errors.map((e) => [e.code, e.param]);
    expect(err({ start_column: 's' })).toEqual([['INVALID_PARAM', 'end_column']]);
    expect(err({ start_column: 's', end_column: 'e', unit: 'fortnights' })).toEqual([['INVALID_PARAM', 'unit']]);
    expect(err({ start_column: 's', end_column: 'e', absolute: 'yes' })).toEqual([['INVALID_PARAM', 'absolute']]);
    expect(err({ start_column: 's', end_column: 'x' })).toEqual([['COLUMN_NOT_FOUND', 'end_column']]);
    expect(err({ start_column: 's', end_column: 'e', new_column: 's' })).toEqual([['COLUMN_EXISTS', 'new_column']]);
  });
});
