import { describe, expect, it } from 'vitest';
import { utcDate } from '../../../../src/engine/values/index.js';
import { apply, csv, runStep, table, values } from '../helpers.js';

const d = (y: number, m: number, day: number, h = 0, mi = 0) => utcDate(y, m, day, h, mi);
const t = table({ id: 'integer', when: 'datetime' }, [[1, d(2024, 1, 31)], [2, d(2024, 2, 29)], [3, null], [4, d(2023, 12, 31, 22, 30)]]);
const add = (amount: number, unit: string, extra: Record<string, unknown> = {}) => apply(t, 'date_add', { column: 'when', amount, unit, ...extra });

describe('date_add', () => {
  it('adds days in place by default', () => {
    const r = apply(t, 'date_add', { column: 'when', amount: 3 });
    expect(values(r.table, 'when')).toEqual([d(2024, 2, 3), d(2024, 3, 3), null, d(2024, 1, 3, 22, 30)]);
    expect(r.table.schema).toEqual(t.schema);
    expect(r.steps[0].metadata).toEqual({ amount_added: 3, unit: 'days', valid_operations: 3, invalid_operations: 1 });
    expect(r.steps[0].params).toEqual({ column: 'when', amount: 3, unit: 'days', new_column: null, day_first: null });
  });

  it('clamps months and years to the month end', () => {
    expect(values(add(1, 'months').table, 'when')).toEqual([d(2024, 2, 29), d(2024, 3, 29), null, d(2024, 1, 31, 22, 30)]);
    expect(values(add(1, 'years').table, 'when')).toEqual([d(2025, 1, 31), d(2025, 2, 28), null, d(2024, 12, 31, 22, 30)]);
    expect(values(add(-13, 'months').table, 'when')).toEqual([d(2022, 12, 31), d(2023, 1, 29), null, d(2022, 11, 30, 22, 30)]);
  });

  it('adds exact weeks, hours and minutes', () => {
    expect(values(add(-2, 'weeks').table, 'when')[0]).toEqual(d(2024, 1, 17));
    expect(values(add(2, 'hours').table, 'when')[3]).toEqual(d(2024, 1, 1, 0, 30));
    expect(values(add(-30, 'minutes').table, 'when')[3]).toEqual(d(2023, 12, 31, 22));
  });

  it('appends new_column and prints date-only columns as dates', () => {
    const r = add(1, 'days', { new_column: 'next' });
    expect(r.table.schema).toEqual([...t.schema, { name: 'next', type: 'datetime' }]);
    const dates = table({ when: 'string' }, [['2024-01-31'], ['31/12/2024'], ['soon']]);
    const out = apply(dates, 'date_add', { column: 'when', amount: 1, unit: 'months' });
    expect(out.table.schema).toEqual([{ name: 'when', type: 'datetime' }]);
    expect(csv(out.table)).toBe('when\n2024-02-29\n2025-01-31\n""\n');
    expect(out.steps[0].warnings[0]).toMatchObject({ code: 'DATES_UNPARSED', column: 'when', count: 1, samples: ['soon'] });
  });

  it('validates parameters', () => {
    const err = (p: Record<string, unknown>) => runStep(t, 'date_add', p).errors.map((e) => [e.code, e.param]);
    expect(err({ column: 'when' })).toEqual([['INVALID_PARAM', 'amount']]);
    expect(err({ column: 'when', amount: 1.5 })).toEqual([['INVALID_PARAM', 'amount']]);
    expect(err({ column: 'when', amount: '1' })).toEqual([['INVALID_PARAM', 'amount']]);
    expect(err({ column: 'when', amount: 1, unit: 'seconds' })).toEqual([['INVALID_PARAM', 'unit']]);
    expect(err({ column: 'wen', amount: 1 })).toEqual([['COLUMN_NOT_FOUND', 'column']]);
    expect(err({ column: 'when', amount: 1, new_column: 'id' })).toEqual([['COLUMN_EXISTS', 'new_column']]);
    expect(err({ column: 'when', amount: 1, new_column: 'when' })).toEqual([]);
  });
});
