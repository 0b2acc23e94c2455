import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const people = () =>
  table({ name: 'string', age: 'integer', email: 'string' }, [
    ['Ann', 30, null],
    ['Bob', null, null],
    [null, 25, 'c@x.io'],
    ['Dee', 41, 'd@x.io'],
  ]);

describe('detect_nulls', () => {
  it('reports counts, rates and rows with nulls over all columns; the table is unchanged', () => {
    const result = apply(people(), 'detect_nulls');
    expect(result.steps[0].params).toEqual({ columns: null, add_null_flag: false, add_null_count: false, threshold: null });
    expect(result.steps[0].metadata).toEqual({
      null_counts: { name: 1, age: 1, email: 2 },
      null_rates: { name: 0.25, age: 0.25, email: 0.5 },
      total_nulls: 4,
      overall_null_rate: 0.3333,
      columns_above_threshold: [],
      rows_with_any_null: 3,
    });
    expect(Object.keys(result.steps[0].metadata)).toEqual(['null_counts', 'null_rates', 'total_nulls', 'overall_null_rate', 'columns_above_threshold', 'rows_with_any_null']);
    expect(rows(result.table)).toEqual(rows(people()));
  });

  it('appends _has_null then _null_count for the checked columns', () => {
    const result = apply(people(), 'detect_nulls', { columns: ['age', 'email'], add_null_flag: true, add_null_count: true });
    expect(result.table.schema.slice(3)).toEqual([
      { name: '_has_null', type: 'boolean' },
      { name: '_null_count', type: 'integer' },
    ]);
    expect(values(result.table, '_has_null')).toEqual([true, true, false, false]);
    expect(values(result.table, '_null_count')).toEqual([1, 2, 0, 0]);
    expect(result.steps[0].columns_added).toEqual(['_has_null', '_null_count']);
    expect(result.steps[0].metadata.rows_with_any_null).toBe(2);
  });

  it('lists columns whose exact rate is above the threshold', () => {
    expect(apply(people(), 'detect_nulls', { threshold: 0.25 }).steps[0].metadata.columns_above_threshold).toEqual(['email']);
    expect(apply(people(), 'detect_nulls', { threshold: 0.2 }).steps[0].metadata.columns_above_threshold).toEqual(['name', 'age', 'email']);
  });

  it('gives rates of 0 on an empty table', () => {
    const meta = apply(table({ a: 'string' }, []), 'detect_nulls').steps[0].metadata;
    expect(meta).toMatchObject({ null_rates: { a: 0 }, overall_null_rate: 0, total_nulls: 0, rows_with_any_null: 0 });
  });

  it('validates parameters and references', () => {
    expect(runStep(people(), 'detect_nulls', { cols: ['age'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'cols' });
    expect(runStep(people(), 'detect_nulls', { threshold: 1.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'threshold' });
    expect(runStep(people(), 'detect_nulls', { add_null_flag: 'yes' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'add_null_flag' });
    expect(runStep(people(), 'detect_nulls', { columns: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(people(), 'detect_nulls', { columns: ['Email'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'columns[0]', suggestion: 'email' });
    const flagged = apply(people(), 'detect_nulls', { add_null_flag: true }).table;
    expect(runStep(flagged, 'detect_nulls', { add_null_flag: true }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'add_null_flag' });
  });

  it('renders report-only without flags and as derive + SQL with them', () => {
    const p = getPrimitive('detect_nulls')!;
    const schema = people().schema;
    const plain = p.render({ columns: null, add_null_flag: false, add_null_count: false, threshold: null }, schema);
    expect(plain.js).toBe('md.detect_nulls(dt, {"columns":null,"add_null_flag":false,"add_null_count":false,"threshold":null});');
    expect(plain.sql).toBe('SELECT "name", "age", "email", "_row" FROM {input} ORDER BY "_row"');
    const flags = p.render({ columns: ['age', 'email'], add_null_flag: true, add_null_count: true, threshold: null }, schema);
    expect(flags.js).toBe(
      'dt = dt.derive({ "_has_null": d => d["age"] == null || d["email"] == null, "_null_count": d => (d["age"] == null ? 1 : 0) + (d["email"] == null ? 1 : 0) });',
    );
    expect(flags.sql).toBe(
      'SELECT "name", "age", "email", ("age" IS NULL OR "email" IS NULL) AS "_has_null", ((CASE WHEN "age" IS NULL THEN 1 ELSE 0 END) + (CASE WHEN "email" IS NULL THEN 1 ELSE 0 END)) AS "_null_count", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});
