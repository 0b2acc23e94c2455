import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const at = (s: string) => new Date(`${s}Z`);

describe('change_column_type', () => {
  const t = () =>
    table({ s: 'string', n: 'integer', f: 'float', b: 'boolean', d: 'datetime' }, [
      [' 42 ', 1, 2.5, true, at('2024-01-02T00:00:00')],
      ['1.5', null, -2.5, false, at('2024-03-04T00:00:00')],
      ['abc', 3, null, null, null],
      [null, 0, 3, true, null],
    ]);

  it('to string: text forms, nulls stay null', () => {
    const r = apply(t(), 'change_column_type', { column: 'f', to_type: 'string' });
    expect(r.table.schema[2]).toEqual({ name: 'f', type: 'string' });
    expect(values(r.table, 'f')).toEqual(['2.5', '-2.5', null, '3']);
    expect(values(apply(t(), 'change_column_type', { column: 'd', to_type: 'string' }).table, 'd')).toEqual(['2024-01-02', '2024-03-04', null, null]);
    expect(values(apply(t(), 'change_column_type', { column: 'b', to_type: 'string' }).table, 'b')).toEqual(['true', 'false', null, 'true']);
    expect(r.steps[0].metadata).toEqual({ converted_count: 3, failed_count: 0 });
    expect(r.steps[0].params).toEqual({ column: 'f', to_type: 'string', date_format: null, errors: 'coerce', day_first: null });
  });

  it('to float: num() for text, booleans 1/0; failures nulled with VALUES_NULLED', () => {
    const r = apply(t(), 'change_column_type', { column: 's', to_type: 'float' });
    expect(values(r.table, 's')).toEqual([42, 1.5, null, null]);
    expect(r.table.schema[0]).toEqual({ name: 's', type: 'float' });
    expect(r.steps[0].warnings).toEqual([{ code: 'VALUES_NULLED', message: '1 value in "s" could not be converted to float and became null', column: 's', count: 1, samples: ['abc'] }]);
    expect(r.steps[0].metadata).toEqual({ converted_count: 2, failed_count: 1 });
    expect(values(apply(t(), 'change_column_type', { column: 'b', to_type: 'float' }).table, 'b')).toEqual([1, 0, null, 1]);
    const dates = apply(t(), 'change_column_type', { column: 'd', to_type: 'float' });
    expect(values(dates.table, 'd')).toEqual([null, null, null, null]);
    expect(dates.steps[0].warnings[0]).toMatchObject({ code: 'VALUES_NULLED', count: 2, samples: ['2024-01-02', '2024-03-04'] });
  });

  it('to integer: rounds half away from zero with VALUES_ROUNDED', () => {
    const r = apply(t(), 'change_column_type', { column: 'f', to_type: 'integer' });
    expect(values(r.table, 'f')).toEqual([3, -3, null, 3]);
    expect(r.steps[0].warnings).toEqual([{ code: 'VALUES_ROUNDED', message: '2 values in "f" had a fraction and were rounded to a whole number', column: 'f', count: 2, samples: ['2.5', '-2.5'] }]);
    const s = apply(t(), 'change_column_type', { column: 's', to_type: 'integer' });
    expect(values(s.table, 's')).toEqual([42, 2, null, null]);
    expect(s.steps[0].warnings.map((w) => w.code)).toEqual(['VALUES_NULLED', 'VALUES_ROUNDED']);
    const big = table({ s: 'string' }, [['1e20'], ['7']]);
    expect(values(apply(big, 'change_column_type', { column: 's', to_type: 'integer' }).table, 's')).toEqual([null, 7]);
  });

  it('to boolean: words and 1/0; everything else fails', () => {
    const w = table({ s: 'string', n: 'integer' }, [[' Yes ', 1], ['off', 0], ['T', 2], ['maybe', null]]);
    const r = apply(w, 'change_column_type', { column: 's', to_type: 'boolean' });
    expect(values(r.table, 's')).toEqual([true, false, true, null]);
    expect(r.steps[0].warnings[0]).toMatchObject({ code: 'VALUES_NULLED', count: 1, samples: ['maybe'] });
    expect(values(apply(w, 'change_column_type', { column: 'n', to_type: 'boolean' }).table, 'n')).toEqual([true, false, null, null]);
  });

  it('to datetime: the §2.10 parser, day-first decided per column, DATES_UNPARSED', () => {
    const d = table({ s: 'string' }, [['24/01/2024'], ['02/03/2024'], ['2024-05-06 10:00:00'], ['soon'], [null]]);
    const r = apply(d, 'change_column_type', { column: 's', to_type: 'datetime' });
    expect(r.table.schema[0]).toEqual({ name: 's', type: 'datetime' });
    expect(values(r.table, 's')).toEqual([at('2024-01-24T00:00:00'), at('2024-03-02T00:00:00'), at('2024-05-06T10:00:00'), null, null]);
    expect(r.steps[0].warnings).toMatchObject([{ code: 'DATES_UNPARSED', column: 's', count: 1, samples: ['soon'] }]);
    expect(r.steps[0].metadata).toEqual({ converted_count: 3, failed_count: 1 });
    const monthFirst = apply(d, 'change_column_type', { column: 's', to_type: 'datetime', day_first: false });
    expect(values(monthFirst.table, 's').slice(0, 2)).toEqual([null, at('2024-02-03T00:00:00')]);
    const fmt = apply(table({ s: 'string' }, [['2024|01|31'], ['x']]), 'change_column_type', { column: 's', to_type: 'datetime', date_format: '%Y|%m|%d' });
    expect(values(fmt.table, 's')).toEqual([at('2024-01-31T00:00:00'), null]);
    const nums = apply(t(), 'change_column_type', { column: 'n', to_type: 'datetime' });
    expect(values(nums.table, 'n')).toEqual([null, null, null, null]);
    expect(nums.steps[0].metadata).toEqual({ converted_count: 0, failed_count: 3 });
  });

  it('raise fails the step; ignore leaves the column unchanged', () => {
    const raised = runStep(t(), 'change_column_type', { column: 's', to_type: 'integer', errors: 'raise' });
    expect(raised.ok).toBe(false);
    expect(raised.errors[0]).toMatchObject({ code: 'STEP_FAILED', message: 'Step 1 (change_column_type): 1 value in "s" could not be converted to integer: "abc".' });
    expect(rows(raised.table)).toEqual(rows(t()));
    const ignored = apply(t(), 'change_column_type', { column: 's', to_type: 'integer', errors: 'ignore' });
    expect(ignored.table.schema[0]).toEqual({ name: 's', type: 'string' });
    expect(values(ignored.table, 's')).toEqual([' 42 ', '1.5', 'abc', null]);
    expect(ignored.steps[0].warnings).toEqual([]);
    expect(ignored.steps[0].metadata).toEqual({ converted_count: 0, failed_count: 1 });
    const clean = apply(t(), 'change_column_type', { column: 'n', to_type: 'float', errors: 'raise' });
    expect(clean.table.schema[1]).toEqual({ name: 'n', type: 'float' });
  });

  it('validates', () => {
    expect(runStep(t(), 'change_column_type', { column: 's', to_type: 'number' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'to_type' });
    expect(runStep(t(), 'change_column_type', { column: 's', to_type: 'datetime', date_format: '%Q' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'date_format' });
    expect(runStep(t(), 'change_column_type', { column: 's', to_type: 'float', errors: 'skip' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'errors' });
    expect(runStep(t(), 'change_column_type', { column: 'S', to_type: 'float' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 's' });
    expect(runStep(t(), 'change_column_type', { column: 's' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'to_type' });
  });

  it('renders as the md call, no SQL', () => {
    const p = getPrimitive('change_column_type')!;
    expect(p.render(p.params.parse({ column: 's', to_type: 'float' }), t().schema)).toEqual({
      js: 'dt = md.change_column_type(dt, {"column":"s","to_type":"float","date_format":null,"errors":"coerce","day_first":null});',
      sql: null,
    });
  });
});

describe('generate_uuid', () => {
  const t = () => table({ a: 'integer' }, [[1], [2]]);
  it('uuid4 from the seed (test vector)', () => {
    const r = apply(t(), 'generate_uuid', { seed: 42 });
    expect(r.table.schema.at(-1)).toEqual({ name: 'uuid', type: 'string' });
    expect(values(r.table, 'uuid')).toEqual(['9972daab-2c86-459f-9d78-3fe1be4e3280', 'af9c0078-d60d-4708-840f-2fc887062cd7']);
    expect(r.steps[0].metadata).toEqual({ format: 'uuid4', uuids_generated: 2 });
    expect(r.steps[0].params).toEqual({ new_column: 'uuid', format: 'uuid4', prefix: '', seed: 42 });
    expect(values(apply(t(), 'generate_uuid', { seed: 42 }).table, 'uuid')).toEqual(values(r.table, 'uuid'));
  });
  it('short ids and prefixes', () => {
    const r = apply(t(), 'generate_uuid', { seed: 42, format: 'short', prefix: 'ID-', new_column: 'ref' });
    expect(values(r.table, 'ref')).toEqual(['ID-9972daab', 'ID-af9c0078']);
  });
  it('uuid1 from ctx.now plus the row index, clock sequence and multicast node drawn once', () => {
    const r = apply(t(), 'generate_uuid', { seed: 42, format: 'uuid1' }, { now: '2024-01-01T00:00:00Z' });
    expect(values(r.table, 'uuid')).toEqual(['b4cc8000-a838-11ee-9972-dbab2c86459f', 'b4cc8001-a838-11ee-9972-dbab2c86459f']);
    expect(runStep(t(), 'generate_uuid', { seed: 42, format: 'uuid1' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'format' });
  });
  it('validates', () => {
    expect(runStep(t(), 'generate_uuid', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(runStep(t(), 'generate_uuid', { seed: -1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(runStep(t(), 'generate_uuid', { seed: 4294967296 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(runStep(t(), 'generate_uuid', { seed: 1.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(runStep(t(), 'generate_uuid', { seed: 1, format: 'uuid7' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'format' });
    expect(runStep(t(), 'generate_uuid', { seed: 1, new_column: 'a' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(getPrimitive('generate_uuid')!.needsSeed).toBe(true);
  });
  it('an empty table gets an empty column', () => {
    const r = apply(table({ a: 'integer' }, []), 'generate_uuid', { seed: 1 });
    expect(r.table.schema.at(-1)).toEqual({ name: 'uuid', type: 'string' });
    expect(r.steps[0].metadata).toEqual({ format: 'uuid4', uuids_generated: 0 });
  });
});

describe('fill_forward / fill_backward', () => {
  const t = () =>
    table({ g: 'string', v: 'integer', s: 'string' }, [
      ['a', 1, 'x'],
      ['a', null, null],
      ['b', null, null],
      [null, 5, 'y'],
      ['a', null, null],
      [null, null, null],
      ['b', 7, null],
    ]);
  it('fills down every column in row order', () => {
    const r = apply(t(), 'fill_forward', {});
    expect(values(r.table, 'v')).toEqual([1, 1, 1, 5, 5, 5, 7]);
    expect(values(r.table, 'g')).toEqual(['a', 'a', 'b', 'b', 'a', 'a', 'b']);
    expect(r.steps[0].metadata).toEqual({ nulls_filled: 11, nulls_remaining: 0 });
    expect(r.steps[0].params).toEqual({ columns: null, limit: null, group_by: null });
  });
  it('fills within groups; null keys form their own group; keys are never filled', () => {
    const r = apply(t(), 'fill_forward', { group_by: 'g' });
    expect(r.steps[0].params).toEqual({ columns: null, limit: null, group_by: ['g'] });
    expect(values(r.table, 'g')).toEqual(['a', 'a', 'b', null, 'a', null, 'b']);
    expect(values(r.table, 'v')).toEqual([1, 1, null, 5, 1, 5, 7]);
    expect(values(r.table, 's')).toEqual(['x', 'x', null, 'y', 'x', 'y', null]);
    expect(r.steps[0].metadata).toEqual({ nulls_filled: 6, nulls_remaining: 3 });
    expect(r.table.table.numRows()).toBe(7);
  });
  it('limits consecutive fills', () => {
    const r = apply(t(), 'fill_forward', { columns: ['s'], limit: 1 });
    expect(values(r.table, 's')).toEqual(['x', 'x', null, 'y', 'y', null, null]);
    expect(r.steps[0].metadata).toEqual({ nulls_filled: 2, nulls_remaining: 3 });
  });
  it('fills up from the following value', () => {
    const r = apply(t(), 'fill_backward', { columns: ['v', 's'] });
    expect(values(r.table, 'v')).toEqual([1, 5, 5, 5, 7, 7, 7]);
    expect(values(r.table, 's')).toEqual(['x', 'y', 'y', 'y', null, null, null]);
    expect(r.steps[0].metadata).toEqual({ nulls_filled: 6, nulls_remaining: 3 });
    const limited = apply(t(), 'fill_backward', { columns: ['v'], limit: 1, group_by: ['g'] });
    expect(values(limited.table, 'v')).toEqual([1, null, 7, 5, null, null, 7]);
    expect(values(limited.table, 'g')).toEqual(values(t(), 'g'));
  });
  it('keeps types and validates', () => {
    expect(apply(t(), 'fill_forward', { columns: ['v'] }).table.schema).toEqual(t().schema);
    expect(runStep(t(), 'fill_forward', { columns: ['v'], limit: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'limit' });
    expect(runStep(t(), 'fill_backward', { columns: 'v' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(t(), 'fill_forward', { group_by: ['gg'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'group_by[0]', suggestion: 'g' });
    expect(runStep(t(), 'fill_forward', { direction: 'down' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'direction' });
    const p = getPrimitive('fill_backward')!;
    expect(p.render(p.params.parse({ columns: ['v'] }), t().schema)).toEqual({ js: 'dt = md.fill_backward(dt, {"columns":["v"],"limit":null,"group_by":null});', sql: null });
  });
});
