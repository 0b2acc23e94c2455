import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import type { Schema } from '../../../../src/engine/plan/types.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const names = (r: { table: { schema: { name: string }[] } }) => r.table.schema.map((c) => c.name);
const render = (op: string, params: Record<string, unknown>, schema: Schema) => getPrimitive(op)!.render(getPrimitive(op)!.params.parse(params), schema);
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('split_column', () => {
  const t = () => table({ id: 'integer', full: 'string', n: 'float' }, [[1, 'a,b,c', 1.5], [2, 'x', null], [3, null, 2], [4, ',y', 3], [5, 'p,,q', 4]]);

  it('splits into k columns, the last taking the remainder, at the source position', () => {
    const r = apply(t(), 'split_column', { column: 'full', delimiter: ',', new_columns: ['a', 'b'] });
    expect(names(r)).toEqual(['id', 'a', 'b', 'n']);
    expect(r.table.schema.slice(1, 3)).toEqual([{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }]);
    expect(values(r.table, 'a')).toEqual(['a', 'x', null, null, 'p']);
    expect(values(r.table, 'b')).toEqual(['b,c', null, null, 'y', ',q']);
    expect(r.steps[0].metadata).toEqual({ columns_added: ['a', 'b'], rows_with_remainder: 2 });
    expect(r.steps[0].params).toEqual({ column: 'full', delimiter: ',', new_columns: ['a', 'b'], keep_original: false, regex: false });
  });

  it('keeps the original before the new columns; three pieces into three columns', () => {
    const r = apply(t(), 'split_column', { column: 'full', delimiter: ',', new_columns: ['a', 'b', 'c'], keep_original: true });
    expect(names(r)).toEqual(['id', 'full', 'a', 'b', 'c', 'n']);
    expect(rows(r.table)[0]).toEqual([1, 'a,b,c', 'a', 'b', 'c', 1.5]);
    expect(rows(r.table)[4]).toEqual([5, 'p,,q', 'p', null, 'q', 4]);
    expect(r.steps[0].metadata).toEqual({ columns_added: ['a', 'b', 'c'], rows_with_remainder: 0 });
  });

  it('treats multi-character delimiters literally unless regex is true', () => {
    const s = table({ v: 'string' }, [['a||b||c'], ['a.b']]);
    expect(values(apply(s, 'split_column', { column: 'v', delimiter: '||', new_columns: ['x', 'y'] }).table, 'y')).toEqual(['b||c', null]);
    expect(values(apply(s, 'split_column', { column: 'v', delimiter: '.', new_columns: ['x', 'y'] }).table, 'x')).toEqual(['a||b||c', 'a']);
    const re = apply(s, 'split_column', { column: 'v', delimiter: '[|.]+', regex: true, new_columns: ['x', 'y', 'z'] }).table;
    expect(rows(re)).toEqual([['a', 'b', 'c'], ['a', 'b', null]]);
    expect(runStep(s, 'split_column', { column: 'v', delimiter: '(', regex: true, new_columns: ['x'] }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'delimiter' });
  });

  it('splits the text form of non-text columns; new name may replace the source', () => {
    const r = apply(t(), 'split_column', { column: 'n', delimiter: '.', new_columns: ['n', 'frac'] });
    expect(names(r)).toEqual(['id', 'full', 'n', 'frac']);
    expect(values(r.table, 'n')).toEqual(['1', null, '2', '3', '4']);
    expect(values(r.table, 'frac')).toEqual(['5', null, null, null, null]);
  });

  it('validates', () => {
    expect(runStep(t(), 'split_column', { column: 'full', delimiter: ',', new_columns: ['full'], keep_original: true }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_columns[0]' });
    expect(runStep(t(), 'split_column', { column: 'full', delimiter: ',', new_columns: ['x', 'id'] }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_columns[1]' });
    expect(runStep(t(), 'split_column', { column: 'full', delimiter: '', new_columns: ['x'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'delimiter' });
    expect(runStep(t(), 'split_column', { column: 'full', delimiter: ',', new_columns: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_columns' });
    expect(runStep(t(), 'split_column', { column: 'full', delimiter: ',', new_columns: ['x', 'x'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_columns' });
    expect(runStep(t(), 'split_column', { column: 'ful', delimiter: ',', new_columns: ['x'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column' });
    expect(runStep(t(), 'split_column', { column: 'full', delimiter: ',', new_columns: ['x'], max: 2 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'max' });
  });

  it('renders as the md call with no SQL', () => {
    expect(render('split_column', { column: 'full', delimiter: ',', new_columns: ['a'] }, t().schema)).toEqual({
      js: 'dt = md.split_column(dt, {"column":"full","delimiter":",","new_columns":["a"],"keep_original":false,"regex":false});',
      sql: null,
    });
  });
});

const contacts = () =>
  table({ first: 'string', last: 'string', n: 'integer', f: 'float', b: 'boolean', d: 'datetime' }, [
    ['Ann', 'Lee', 1, 1.5, true, day('2024-01-02')],
    [null, 'Bo', null, null, null, null],
    [null, null, null, null, null, null],
  ]);

describe('merge_columns', () => {
  it('joins non-null texts and replaces the sources at the first listed position', () => {
    const r = apply(contacts(), 'merge_columns', { columns: ['last', 'first'], new_column: 'name' });
    expect(names(r)).toEqual(['name', 'n', 'f', 'b', 'd']);
    expect(values(r.table, 'name')).toEqual(['Lee Ann', 'Bo', null]);
    expect(r.table.schema[0]).toEqual({ name: 'name', type: 'string' });
    expect(r.steps[0].metadata).toEqual({ columns_merged: 2 });
  });
  it('keeps originals and appends, or writes in place; uses text forms', () => {
    const r = apply(contacts(), 'merge_columns', { columns: ['n', 'f', 'b', 'd'], new_column: 'all', separator: '|', keep_original: true });
    expect(names(r)).toEqual(['first', 'last', 'n', 'f', 'b', 'd', 'all']);
    expect(values(r.table, 'all')).toEqual(['1|1.5|true|2024-01-02', null, null]);
    const inPlace = apply(contacts(), 'merge_columns', { columns: ['first', 'last'], new_column: 'last', keep_original: true });
    expect(names(inPlace)).toEqual(['first', 'last', 'n', 'f', 'b', 'd']);
    expect(values(inPlace.table, 'last')).toEqual(['Ann Lee', 'Bo', null]);
    const sameName = apply(contacts(), 'merge_columns', { columns: ['first', 'last'], new_column: 'last' });
    expect(names(sameName)).toEqual(['last', 'n', 'f', 'b', 'd']);
  });
  it('validates', () => {
    expect(runStep(contacts(), 'merge_columns', { columns: ['first', 'last'], new_column: 'n' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(contacts(), 'merge_columns', { columns: ['first'], new_column: 'x', separator: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'separator' });
    expect(runStep(contacts(), 'merge_columns', { columns: ['frist'], new_column: 'x' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 'first' });
  });
  it('renders SQL only for faithful text forms', () => {
    expect(render('merge_columns', { columns: ['first', 'n'], new_column: 'x' }, contacts().schema).sql).toBe(
      `SELECT NULLIF(CONCAT_WS(' ', "first", "n"::text), '') AS "x", "last", "f", "b", "d", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(render('merge_columns', { columns: ['first', 'f'], new_column: 'x' }, contacts().schema).sql).toBeNull();
  });
});

describe('concat_columns', () => {
  it('skips nulls by default and appends a string column', () => {
    const r = apply(contacts(), 'concat_columns', { columns: ['first', 'last'], new_column: 'x', separator: '-' });
    expect(values(r.table, 'x')).toEqual(['Ann-Lee', 'Bo', null]);
    expect(r.table.schema.at(-1)).toEqual({ name: 'x', type: 'string' });
    expect(r.steps[0].metadata).toEqual({ columns_concatenated: ['first', 'last'], separator: '-' });
    expect(r.steps[0].params).toEqual({ columns: ['first', 'last'], new_column: 'x', separator: '-', skip_null: true });
  });
  it('keeps separators in place with skip_null false; all null stays null', () => {
    const t = table({ a: 'string', b: 'string', c: 'string' }, [['a', null, 'c'], [null, null, null], [null, null, 'z']]);
    expect(values(apply(t, 'concat_columns', { columns: ['a', 'b', 'c'], new_column: 'x', separator: ',', skip_null: false }).table, 'x')).toEqual(['a,,c', null, ',,z']);
    expect(values(apply(t, 'concat_columns', { columns: ['a', 'b', 'c'], new_column: 'x' }).table, 'x')).toEqual(['ac', null, 'z']);
  });
  it('writes in place into a listed column; other existing names collide', () => {
    const r = apply(contacts(), 'concat_columns', { columns: ['first', 'n'], new_column: 'n' });
    expect(r.table.schema[2]).toEqual({ name: 'n', type: 'string' });
    expect(values(r.table, 'n')).toEqual(['Ann1', null, null]);
    expect(runStep(contacts(), 'concat_columns', { columns: ['first'], new_column: 'last' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(contacts(), 'concat_columns', { columns: ['first'], new_column: 'x', skip_null: 'no' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'skip_null' });
  });
  it('renders', () => {
    expect(render('concat_columns', { columns: ['first', 'b'], new_column: 'x', skip_null: false, separator: ',' }, contacts().schema).sql).toBe(
      `SELECT "first", "last", "n", "f", "b", "d", CASE WHEN "first" IS NULL AND "b" IS NULL THEN NULL ELSE NULLIF(CONCAT_WS(',', COALESCE("first", ''), COALESCE("b"::text, '')), '') END AS "x", "_row" FROM {input} ORDER BY "_row"`,
    );
  });
});

describe('coalesce', () => {
  const t = () => table({ a: 'integer', b: 'float', s: 'string', flag: 'boolean' }, [[1, 2.5, 'x', true], [null, 2.5, 'y', null], [null, null, null, null]]);
  it('takes the first non-null value with unified types', () => {
    const r = apply(t(), 'coalesce', { columns: ['a', 'b'], new_column: 'v' });
    expect(r.table.schema.at(-1)).toEqual({ name: 'v', type: 'float' });
    expect(values(r.table, 'v')).toEqual([1, 2.5, null]);
    expect(r.steps[0].metadata).toEqual({ all_null_rows: 1, columns_checked: ['a', 'b'] });
    expect(r.steps[0].warnings).toEqual([]);
  });
  it('uses the default and widens to string when types differ', () => {
    const r = apply(t(), 'coalesce', { columns: ['flag', 'a'], new_column: 'v', default: 'none' });
    expect(r.table.schema.at(-1)).toEqual({ name: 'v', type: 'string' });
    expect(values(r.table, 'v')).toEqual(['true', 'none', 'none']);
    const numericDefault = apply(t(), 'coalesce', { columns: ['a'], new_column: 'v', default: '0' });
    expect(numericDefault.table.schema.at(-1)).toEqual({ name: 'v', type: 'integer' });
    expect(values(numericDefault.table, 'v')).toEqual([1, 0, 0]);
  });
  it('writes in place, warning when the listed column widens', () => {
    const r = apply(t(), 'coalesce', { columns: ['a', 's'], new_column: 'a' });
    expect(r.table.schema[0]).toEqual({ name: 'a', type: 'string' });
    expect(values(r.table, 'a')).toEqual(['1', 'y', null]);
    expect(r.steps[0].warnings).toEqual([{ code: 'TYPE_WIDENED', column: 'a', message: 'Column "a" changed type from integer to string to hold the new values.' }]);
  });
  it('validates', () => {
    expect(runStep(t(), 'coalesce', { columns: ['a', 'b'], new_column: 's' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(t(), 'coalesce', { columns: ['a'], new_column: 'v', default: [1] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'default' });
    expect(runStep(t(), 'coalesce', { columns: [], new_column: 'v' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
  });
  it('renders', () => {
    expect(render('coalesce', { columns: ['a', 'b'], new_column: 'v', default: 0 }, t().schema).sql).toBe(
      'SELECT "a", "b", "s", "flag", COALESCE("a"::double precision, "b", 0::double precision) AS "v", "_row" FROM {input} ORDER BY "_row"',
    );
    expect(render('coalesce', { columns: ['a', 'b'], new_column: 'v' }, t().schema).js).toBe('dt = md.coalesce(dt, {"columns":["a","b"],"new_column":"v","default":null});');
  });
});

describe('replace_null', () => {
  const t = () => table({ n: 'integer', s: 'string', f: 'float', b: 'boolean' }, [[1, null, null, null], [null, 'x', 2.5, true]]);
  it('fills nulls in the listed columns, converting the value', () => {
    const r = apply(t(), 'replace_null', { columns: ['n', 'f'], value: '0' });
    expect(rows(r.table)).toEqual([[1, null, 0, null], [0, 'x', 2.5, true]]);
    expect(r.table.schema.map((c) => c.type)).toEqual(['integer', 'string', 'float', 'boolean']);
    expect(r.steps[0].metadata).toEqual({ nulls_replaced: 2, replacement_value: '0' });
    expect(r.steps[0].warnings).toEqual([]);
  });
  it('fills every column when columns is null or empty, widening with TYPE_WIDENED', () => {
    const r = apply(t(), 'replace_null', { columns: [], value: 'unknown' });
    expect(rows(r.table)).toEqual([['1', 'unknown', 'unknown', 'unknown'], ['unknown', 'x', '2.5', 'true']]);
    expect(r.table.schema.map((c) => c.type)).toEqual(['string', 'string', 'string', 'string']);
    expect(r.steps[0].warnings.map((w) => [w.code, w.column])).toEqual([['TYPE_WIDENED', 'n'], ['TYPE_WIDENED', 'f'], ['TYPE_WIDENED', 'b']]);
    expect(r.steps[0].metadata).toEqual({ nulls_replaced: 4, replacement_value: 'unknown' });
    expect(r.steps[0].params).toEqual({ columns: [], value: 'unknown' });
  });
  it('turns an integer column into float without a warning for a fractional value', () => {
    const r = apply(t(), 'replace_null', { columns: ['n'], value: 0.5 });
    expect(r.table.schema[0]).toEqual({ name: 'n', type: 'float' });
    expect(values(r.table, 'n')).toEqual([1, 0.5]);
    expect(r.steps[0].warnings).toEqual([]);
    expect(values(apply(t(), 'replace_null', { columns: ['b'], value: 'FALSE' }).table, 'b')).toEqual([false, true]);
  });
  it('validates', () => {
    expect(runStep(t(), 'replace_null', { columns: ['n'], value: null }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value' });
    expect(runStep(t(), 'replace_null', { columns: ['n'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value' });
    expect(runStep(t(), 'replace_null', { columns: ['x'], value: 1 }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'columns[0]' });
  });
  it('renders', () => {
    expect(render('replace_null', { columns: ['n', 's'], value: 0 }, t().schema).sql).toBe(
      `SELECT COALESCE("n", 0) AS "n", COALESCE("s", '0') AS "s", "f", "b", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(render('replace_null', { columns: ['n'], value: 'x' }, t().schema).sql).toBe(
      `SELECT COALESCE("n"::text, 'x') AS "n", "s", "f", "b", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(render('replace_null', { columns: ['f'], value: 'x' }, t().schema).sql).toBeNull();
  });
});
