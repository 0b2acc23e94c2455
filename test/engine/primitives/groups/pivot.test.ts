import { describe, expect, it } from 'vitest';
import { getPrimitive, validatePlan } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

const sales = () =>
  table({ region: 'string', year: 'integer', sales: 'float', units: 'integer', rep: 'string' }, [
    ['North', 2023, 10, 1, 'ann'],
    ['South', 2024, 5.5, 2, 'bob'],
    ['North', 2024, 2, 3, null],
    ['North', 2023, 0.1, 4, 'cat'],
    [null, 2023, 1, 5, 'dan'],
    ['South', null, 3, 6, 'eve'],
    ['North', 2023, 0.2, null, 'fay'],
  ]);

describe('pivot', () => {
  it('one row per index value (sorted, null last), one column per pivot value (sorted, null as (blank))', () => {
    const result = apply(sales(), 'pivot', { index: 'region', columns: 'year', values: 'sales' });
    expect(result.table.schema).toEqual([
      { name: 'region', type: 'string' },
      { name: '2023', type: 'float' },
      { name: '2024', type: 'float' },
      { name: '(blank)', type: 'float' },
    ]);
    expect(rows(result.table)).toEqual([
      ['North', 10.3, 2, 0],
      ['South', 0, 5.5, 3],
      [null, 1, 0, 0],
    ]);
    expect(result.steps[0].metadata).toEqual({ columns_created: 3 });
    expect(result.steps[0].params).toEqual({ index: ['region'], columns: 'year', values: 'sales', aggfunc: 'sum', fill_value: 0 });
  });

  it('a list of values names columns <value>_<p>, even a list of one', () => {
    const one = apply(sales(), 'pivot', { index: ['region'], columns: 'year', values: ['units'], aggfunc: 'count' });
    expect(one.table.schema.map((c) => c.name)).toEqual(['region', 'units_2023', 'units_2024', 'units_(blank)']);
    expect(one.steps[0].params.values).toEqual(['units']);
    expect(rows(one.table)).toEqual([
      ['North', 2, 1, 0],
      ['South', 0, 1, 1],
      [null, 1, 0, 0],
    ]);
    const two = apply(sales(), 'pivot', { index: 'region', columns: 'year', values: ['units', 'rep'], aggfunc: 'first', fill_value: null });
    expect(two.table.schema.map((c) => c.name)).toEqual(['region', 'units_2023', 'units_2024', 'units_(blank)', 'rep_2023', 'rep_2024', 'rep_(blank)']);
    expect(rows(two.table)[0]).toEqual(['North', 1, 3, null, 'ann', null, null]);
  });

  it('fill_value null leaves cells null; a fill value that does not fit widens the column', () => {
    const nulls = apply(sales(), 'pivot', { index: 'region', columns: 'year', values: 'sales', aggfunc: 'mean', fill_value: null });
    expect(rows(nulls.table)).toEqual([
      ['North', 3.43333333333333, 2, null],
      ['South', null, 5.5, 3],
      [null, 1, null, null],
    ]);
    const text = apply(sales(), 'pivot', { index: 'region', columns: 'year', values: 'units', aggfunc: 'max', fill_value: '-' });
    expect(text.table.schema.map((c) => c.type)).toEqual(['string', 'string', 'string', 'string']);
    expect(rows(text.table)[0]).toEqual(['North', '4', '3', '-']);
  });

  it('pivot values print as text(p): whole floats without .0, datetimes in the column form', () => {
    const t = table({ k: 'string', p: 'float', d: 'datetime', v: 'integer' }, [
      ['a', 2023.0, new Date('2024-01-05T00:00:00Z'), 1],
      ['a', 1.5, new Date('2024-01-06T00:00:00Z'), 2],
    ]);
    expect(apply(t, 'pivot', { index: 'k', columns: 'p', values: 'v' }).table.schema.map((c) => c.name)).toEqual(['k', '1.5', '2023']);
    expect(apply(t, 'pivot', { index: 'k', columns: 'd', values: 'v' }).table.schema.map((c) => c.name)).toEqual(['k', '2024-01-05', '2024-01-06']);
  });

  it('has a dynamic output schema; later steps are checked when they run', () => {
    expect(validatePlan([{ op: 'pivot', params: { index: 'region', columns: 'year', values: 'sales' } }], sales().schema).schema).toBe('dynamic');
    const later = runStep(sales(), 'pivot', { index: 'region', columns: 'year', values: 'sales' });
    expect(later.ok).toBe(true);
  });

  it('fails when generated names collide with an index column (COLUMN_EXISTS at run time)', () => {
    const t = table({ k: 'string', p: 'string', v: 'integer' }, [['x', 'k', 1]]);
    const result = runStep(t, 'pivot', { index: 'k', columns: 'p', values: 'v' });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'COLUMN_EXISTS', message: 'Step 1 (pivot) columns: column "k" already exists.' });
    expect(result.steps[0].ok).toBe(false);
  });

  it('validates types, params and columns', () => {
    expect(runStep(sales(), 'pivot', { index: 'region', columns: 'year', values: 'rep', aggfunc: 'sum' }).errors[0]).toMatchObject({
      code: 'TYPE_MISMATCH',
      param: 'values',
      message: 'Step 1 (pivot) values: sum needs an integer or float column, but column "rep" is string.',
    });
    expect(runStep(sales(), 'pivot', { index: 'region', columns: 'year', values: ['units', 'rep'], aggfunc: 'mean' }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'values[1]' });
    expect(apply(sales(), 'pivot', { index: 'region', columns: 'year', values: 'rep', aggfunc: 'min' }).ok).toBe(true);
    const badAgg = runStep(sales(), 'pivot', { index: 'region', columns: 'year', values: 'sales', aggfunc: 'median' });
    expect(badAgg.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'aggfunc', message: 'Step 1 (pivot) aggfunc: unknown aggregate function "median". Allowed: sum, mean, count, min, max, first.' });
    expect(runStep(sales(), 'pivot', { index: 'region', values: 'sales' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(sales(), 'pivot', { index: 'region', columns: 'year', values: 'sales', fill: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'fill' });
    expect(runStep(sales(), 'pivot', { index: 'region', columns: 'year', values: 'sales', fill_value: [0] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'fill_value' });
    expect(runStep(sales(), 'pivot', { index: 'region', columns: 'yaer', values: 'sales' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'columns', suggestion: 'year' });
  });

  it('renders the md call and no SQL', () => {
    const p = { index: ['region'], columns: 'year', values: 'sales', aggfunc: 'sum', fill_value: 0 };
    expect(getPrimitive('pivot')!.render(p, sales().schema)).toEqual({ js: `dt = md.pivot(dt, ${JSON.stringify(p)});`, sql: null });
  });
});
