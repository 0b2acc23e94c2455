import { describe, expect, it } from 'vitest';
import { getPrimitive, runPlan, validatePlan } from '../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from './helpers.js';

const people = () =>
  table({ name: 'string', age: 'integer', city: 'string' }, [
    ['b', 30, 'Oslo'],
    ['a', null, 'Bergen'],
    ['c', 25, null],
    ['d', 30, 'Bergen'],
  ]);

describe('sort_rows', () => {
  it('sorts ascending with nulls last, stable on ties', () => {
    expect(rows(apply(people(), 'sort_rows', { columns: ['age'] }).table).map((r) => r[0])).toEqual(['c', 'b', 'd', 'a']);
  });

  it('sorts descending per column, nulls first when asked', () => {
    const out = apply(people(), 'sort_rows', { columns: ['city', 'age'], ascending: [true, false], na_position: 'first' }).table;
    // city ascending with the null city first; within Bergen, the null age first, then descending ages
    expect(rows(out).map((r) => r[0])).toEqual(['c', 'a', 'd', 'b']);
  });

  it('records the normalized params and the step record', () => {
    const result = apply(people(), 'sort_rows', { columns: ['age'] });
    expect(result.steps[0]).toMatchObject({ index: 0, op: 'sort_rows', ok: true, rows_before: 4, rows_after: 4, cols_before: 3, cols_after: 3, columns_added: [], columns_removed: [], error: null });
    expect(result.steps[0].params).toEqual({ columns: ['age'], ascending: true, na_position: 'last' });
  });

  it('rejects unknown parameters, wrong types and unknown columns before any data moves', () => {
    const unknown = runStep(people(), 'sort_rows', { columns: ['age'], asc: true });
    expect(unknown.ok).toBe(false);
    expect(unknown.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'asc', step_index: 0, op: 'sort_rows' });
    expect(unknown.errors[0].message).toBe('Step 1 (sort_rows): unknown parameter "asc". Allowed: columns, ascending, na_position.');
    expect(runStep(people(), 'sort_rows', { columns: 'age' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(people(), 'sort_rows', { columns: ['age'], ascending: [true, false] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'ascending' });
    const missing = runStep(people(), 'sort_rows', { columns: ['Age'] });
    expect(missing.errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'columns[0]', columns: ['name', 'age', 'city'], suggestion: 'age' });
    expect(missing.errors[0].message).toBe('Step 1 (sort_rows) columns[0]: column "Age" does not exist. Existing columns: "name", "age", "city". Did you mean "age"?');
    expect(rows(missing.table)).toEqual(rows(people()));
    expect(missing.steps).toEqual([]);
  });

  it('validates the plan shape and names older transformation names', () => {
    expect(validatePlan([{ op: 'drop_rows' }], people().schema).errors[0]).toMatchObject({ code: 'UNKNOWN_OP', message: 'Step 1: unknown operation "drop_rows". Use filter_rows with keep: false.' });
    expect(validatePlan([{ op: 'sort_rows', params: { columns: ['age'] }, extra: 1 }], people().schema).errors[0].code).toBe('INVALID_PLAN');
    expect(validatePlan({}, people().schema).errors[0].code).toBe('INVALID_PLAN');
    expect(runPlan(people(), []).ok).toBe(true);
  });

  it('renders as the md call and as SQL with code-point text order and a renumbered _row', () => {
    const rendered = getPrimitive('sort_rows')!.render({ columns: ['city'], ascending: false, na_position: 'last' }, people().schema);
    expect(rendered.js).toBe('dt = md.sort_rows(dt, {"columns":["city"],"ascending":false,"na_position":"last"});');
    expect(rendered.sql).toBe('SELECT "name", "age", "city", ROW_NUMBER() OVER (ORDER BY "city" COLLATE "C" DESC NULLS LAST, "_row") AS "_row" FROM {input} ORDER BY "_row"');
  });
});
