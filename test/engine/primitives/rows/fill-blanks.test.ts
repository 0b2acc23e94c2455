import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const dt = () =>
  table({ city: 'string', age: 'integer', price: 'float', ok: 'boolean' }, [
    ['Oslo', 30, 1.5, true],
    [null, null, null, null],
    ['  ', 20, 2.5, false],
    ['Bergen', 25, null, true],
    ['Oslo', null, 4, null],
  ]);
const fill = (params: Record<string, unknown>) => apply(dt(), 'fill_blanks', params);

describe('fill_blanks', () => {
  it('fills nulls and whitespace-only text with a value and reports counts', () => {
    const result = fill({ column: 'city', method: 'value', value: 'Unknown' });
    expect(values(result.table, 'city')).toEqual(['Oslo', 'Unknown', 'Unknown', 'Bergen', 'Oslo']);
    expect(result.steps[0].metadata).toEqual({ blanks_filled: 2, blanks_remaining: 0 });
    expect(result.steps[0].params).toEqual({ column: 'city', method: 'value', value: 'Unknown' });
  });
  it('converts the value to the column type, or widens with TYPE_WIDENED', () => {
    const numeric = fill({ column: 'age', method: 'value', value: '0' });
    expect(values(numeric.table, 'age')).toEqual([30, 0, 20, 25, 0]);
    expect(numeric.table.schema[1]).toEqual({ name: 'age', type: 'integer' });
    const fractional = fill({ column: 'age', method: 'value', value: 0.5 });
    expect(fractional.table.schema[1].type).toBe('float');
    expect(fractional.steps[0].warnings).toEqual([]);
    const text = fill({ column: 'age', method: 'value', value: 'n/a' });
    expect(values(text.table, 'age')).toEqual(['30', 'n/a', '20', '25', 'n/a']);
    expect(text.table.schema[1].type).toBe('string');
    expect(text.steps[0].warnings).toMatchObject([{ code: 'TYPE_WIDENED', column: 'age' }]);
    expect(values(fill({ column: 'ok', method: 'value', value: 'FALSE' }).table, 'ok')).toEqual([true, false, false, true, false]);
  });
  it('fills the mean and median of numeric columns; an integer column becomes float for a fractional result', () => {
    const mean = fill({ column: 'age', method: 'mean' });
    expect(values(mean.table, 'age')).toEqual([30, 25, 20, 25, 25]);
    expect(mean.table.schema[1].type).toBe('integer');
    const median = fill({ column: 'price', method: 'median' });
    expect(values(median.table, 'price')).toEqual([1.5, 2.5, 2.5, 2.5, 4]);
    const frac = apply(table({ n: 'integer' }, [[1], [2], [null]]), 'fill_blanks', { column: 'n', method: 'mean' });
    expect(values(frac.table, 'n')).toEqual([1, 2, 1.5]);
    expect(frac.table.schema[0].type).toBe('float');
    const none = apply(table({ n: 'float' }, [[null], [null]]), 'fill_blanks', { column: 'n', method: 'median' });
    expect(none.steps[0].metadata).toEqual({ blanks_filled: 0, blanks_remaining: 2 });
  });
  it('fills the mode, ties to the smallest value', () => {
    expect(values(fill({ column: 'city', method: 'mode' }).table, 'city')).toEqual(['Oslo', 'Oslo', 'Oslo', 'Bergen', 'Oslo']);
    const tie = apply(table({ n: 'integer' }, [[3], [1], [null], [3], [1]]), 'fill_blanks', { column: 'n', method: 'mode' });
    expect(values(tie.table, 'n')).toEqual([3, 1, 1, 3, 1]);
  });
  it('fills forward and backward, leaving leading / trailing blanks', () => {
    const forward = apply(table({ s: 'string' }, [[null], ['a'], [' '], [null], ['b']]), 'fill_blanks', { column: 's', method: 'forward' });
    expect(values(forward.table, 's')).toEqual([null, 'a', 'a', 'a', 'b']);
    expect(forward.steps[0].metadata).toEqual({ blanks_filled: 2, blanks_remaining: 1 });
    const backward = apply(table({ s: 'integer' }, [[null], [1], [null], [2], [null]]), 'fill_blanks', { column: 's', method: 'backward' });
    expect(values(backward.table, 's')).toEqual([1, 1, 2, 2, null]);
    expect(backward.steps[0].metadata).toEqual({ blanks_filled: 2, blanks_remaining: 1 });
  });
  it('validates params and types', () => {
    expect(runStep(dt(), 'fill_blanks', { column: 'city', method: 'value' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value' });
    expect(runStep(dt(), 'fill_blanks', { column: 'city', method: 'value', value: '' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value' });
    expect(runStep(dt(), 'fill_blanks', { column: 'city', method: 'interpolate' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'method' });
    expect(runStep(dt(), 'fill_blanks', { column: 'city' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'method' });
    expect(runStep(dt(), 'fill_blanks', { column: 'town', method: 'mode' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column' });
    expect(runStep(dt(), 'fill_blanks', { column: 'city', method: 'mode', fill: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'fill' });
    const mismatch = runStep(dt(), 'fill_blanks', { column: 'city', method: 'mean' });
    expect(mismatch.errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'column', message: 'Step 1 (fill_blanks) column: mean needs an integer or float column, but column "city" is string.' });
    expect(runStep(dt(), 'fill_blanks', { column: 'ok', method: 'median' }).errors[0].code).toBe('TYPE_MISMATCH');
  });
  it('renders SQL for value, mean and median only', () => {
    const p = getPrimitive('fill_blanks')!;
    const r = (raw: object) => p.render(p.params.parse(raw), dt().schema);
    expect(r({ column: 'city', method: 'value', value: "it's" }).sql).toBe(
      `SELECT CASE WHEN ("city" IS NULL OR "city" !~ '\\S') THEN 'it''s' ELSE "city" END AS "city", "age", "price", "ok", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(r({ column: 'age', method: 'mean' }).sql).toContain('CASE WHEN "age" IS NULL THEN (SELECT ');
    expect(r({ column: 'age', method: 'value', value: 'x' }).sql).toBeNull();
    expect(r({ column: 'age', method: 'forward' }).sql).toBeNull();
    expect(r({ column: 'age', method: 'forward' }).js).toBe('dt = md.fill_blanks(dt, {"column":"age","method":"forward","value":null});');
  });
});
