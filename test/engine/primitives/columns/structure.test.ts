import { describe, expect, it } from 'vitest';
import { getPrimitive, validatePlan } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const people = () =>
  table({ id: 'integer', name: 'string', age: 'integer', city: 'string' }, [
    [1, 'Ann', 30, 'Oslo'],
    [2, null, null, 'Bergen'],
  ]);
const names = (r: { table: { schema: { name: string }[] } }) => r.table.schema.map((c) => c.name);
const render = (op: string, params: Record<string, unknown>) => {
  const parsed = getPrimitive(op)!.params.parse(params);
  return getPrimitive(op)!.render(parsed, people().schema);
};

describe('select_columns', () => {
  it('keeps the listed columns in the listed order', () => {
    const r = apply(people(), 'select_columns', { columns: ['city', 'id'] });
    expect(names(r)).toEqual(['city', 'id']);
    expect(rows(r.table)).toEqual([['Oslo', 1], ['Bergen', 2]]);
    expect(r.steps[0].metadata).toEqual({ columns_removed: 2 });
    expect(r.steps[0].columns_removed).toEqual(['name', 'age']);
  });
  it('validates params and columns', () => {
    expect(runStep(people(), 'select_columns', { columns: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(people(), 'select_columns', { columns: 'id' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(people(), 'select_columns', { columns: ['id', 'id'] }).errors[0].code).toBe('INVALID_PARAM');
    expect(runStep(people(), 'select_columns', { columns: ['id'], keep: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'keep' });
    expect(runStep(people(), 'select_columns', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(people(), 'select_columns', { columns: ['Name'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'columns[0]', suggestion: 'name' });
  });
  it('renders', () => {
    expect(render('select_columns', { columns: ['city', 'id'] })).toEqual({ js: 'dt = dt.select("city", "id");', sql: 'SELECT "city", "id", "_row" FROM {input} ORDER BY "_row"' });
  });
});

describe('remove_columns', () => {
  it('drops the listed columns', () => {
    const r = apply(people(), 'remove_columns', { columns: ['age', 'name'] });
    expect(names(r)).toEqual(['id', 'city']);
    expect(r.steps[0].metadata).toEqual({ columns_removed: 2 });
    expect(r.steps[0].warnings).toEqual([]);
  });
  it('skips names that do not exist when one exists', () => {
    const r = apply(people(), 'remove_columns', { columns: ['age', 'zip', 'zip'] });
    expect(names(r)).toEqual(['id', 'name', 'city']);
    expect(r.steps[0].metadata).toEqual({ columns_removed: 1 });
    expect(r.steps[0].warnings).toEqual([{ code: 'COLUMNS_SKIPPED', message: '1 listed column did not exist and was skipped: "zip".', count: 1, samples: ['zip'] }]);
  });
  it('fails when none exists, or when every column would go', () => {
    const none = runStep(people(), 'remove_columns', { columns: ['Age'] });
    expect(none.errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'columns[0]', suggestion: 'age' });
    expect(none.errors[0].message).toBe('Step 1 (remove_columns) columns[0]: column "Age" does not exist. Existing columns: "id", "name", "age", "city". Did you mean "age"?');
    expect(runStep(people(), 'remove_columns', { columns: ['id', 'name', 'age', 'city'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(people(), 'remove_columns', { columns: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(people(), 'remove_columns', { columns: [1] }).errors[0].code).toBe('INVALID_PARAM');
  });
  it('renders', () => {
    expect(render('remove_columns', { columns: ['age', 'zip'] })).toEqual({ js: 'dt = dt.select(aq.not("age"));', sql: 'SELECT "id", "name", "city", "_row" FROM {input} ORDER BY "_row"' });
  });
});

describe('rename_columns', () => {
  it('renames in place and swaps', () => {
    const r = apply(people(), 'rename_columns', { mapping: { name: 'full_name', id: 'id' } });
    expect(names(r)).toEqual(['id', 'full_name', 'age', 'city']);
    expect(r.steps[0].metadata).toEqual({ columns_renamed: { name: 'full_name', id: 'id' } });
    const swap = apply(people(), 'rename_columns', { mapping: { name: 'city', city: 'name' } });
    expect(names(swap)).toEqual(['id', 'city', 'age', 'name']);
    expect(values(swap.table, 'city')).toEqual(['Ann', null]);
  });
  it('rejects collisions, duplicates targets and unknown old names', () => {
    expect(runStep(people(), 'rename_columns', { mapping: { name: 'city' } }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'mapping.name', message: 'Step 1 (rename_columns) mapping.name: column "city" already exists.' });
    expect(runStep(people(), 'rename_columns', { mapping: { name: 'x', city: 'x' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'mapping.city' });
    expect(runStep(people(), 'rename_columns', { mapping: {} }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'mapping' });
    expect(runStep(people(), 'rename_columns', { mapping: { name: '' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'mapping.name' });
    expect(runStep(people(), 'rename_columns', { mapping: { nme: 'n' } }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'mapping.nme', suggestion: 'name' });
  });
  it('renders', () => {
    expect(render('rename_columns', { mapping: { name: 'full_name' } })).toEqual({
      js: 'dt = dt.rename({"name":"full_name"});',
      sql: 'SELECT "id", "name" AS "full_name", "age", "city", "_row" FROM {input} ORDER BY "_row"',
    });
  });
});

describe('reorder_columns', () => {
  it('puts the listed columns first, or only them with strict', () => {
    expect(names(apply(people(), 'reorder_columns', { order: ['city', 'age'] }))).toEqual(['city', 'age', 'id', 'name']);
    const strict = apply(people(), 'reorder_columns', { order: ['city', 'age'], strict: true });
    expect(names(strict)).toEqual(['city', 'age']);
    expect(rows(strict.table)).toEqual([['Oslo', 30], ['Bergen', null]]);
    expect(strict.steps[0].params).toEqual({ order: ['city', 'age'], strict: true });
  });
  it('validates', () => {
    expect(runStep(people(), 'reorder_columns', { order: ['zzz'] }).errors[0].code).toBe('COLUMN_NOT_FOUND');
    expect(runStep(people(), 'reorder_columns', { order: ['id'], strict: 'yes' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'strict' });
  });
  it('renders', () => {
    expect(render('reorder_columns', { order: ['city'] }).js).toBe('dt = dt.select("city", "id", "name", "age");');
  });
});

describe('add_column', () => {
  it('adds a constant typed by its JSON type', () => {
    const r = apply(people(), 'add_column', { name: 'source', value: 'web' });
    expect(r.table.schema.at(-1)).toEqual({ name: 'source', type: 'string' });
    expect(values(r.table, 'source')).toEqual(['web', 'web']);
    expect(r.steps[0].params).toEqual({ name: 'source', value: 'web', from_column: null, position: 'end' });
    expect(apply(people(), 'add_column', { name: 'n', value: 5 }).table.schema.at(-1)!.type).toBe('integer');
    expect(apply(people(), 'add_column', { name: 'n', value: 1.5 }).table.schema.at(-1)!.type).toBe('float');
    expect(apply(people(), 'add_column', { name: 'n', value: true }).table.schema.at(-1)!.type).toBe('boolean');
    expect(apply(people(), 'add_column', { name: 'n', value: '42' }).table.schema.at(-1)!.type).toBe('string');
    const empty = apply(people(), 'add_column', { name: 'n' }).table;
    expect(empty.schema.at(-1)).toEqual({ name: 'n', type: 'string' });
    expect(values(empty, 'n')).toEqual([null, null]);
  });
  it('copies a column', () => {
    const r = apply(people(), 'add_column', { name: 'age2', from_column: 'age', position: 'start' });
    expect(r.table.schema[0]).toEqual({ name: 'age2', type: 'integer' });
    expect(values(r.table, 'age2')).toEqual([30, null]);
  });
  it('places by position', () => {
    const at = (position: unknown) => names(apply(people(), 'add_column', { name: 'x', value: 1, position }));
    expect(at('start')).toEqual(['x', 'id', 'name', 'age', 'city']);
    expect(at(1)).toEqual(['id', 'x', 'name', 'age', 'city']);
    expect(at(-1)).toEqual(['id', 'name', 'age', 'x', 'city']);
    expect(at(99)).toEqual(['id', 'name', 'age', 'city', 'x']);
    expect(at(-99)).toEqual(['x', 'id', 'name', 'age', 'city']);
  });
  it('validates', () => {
    expect(runStep(people(), 'add_column', { name: 'city' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'name' });
    expect(runStep(people(), 'add_column', { name: 'x', value: 1, from_column: 'age' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'from_column' });
    expect(runStep(people(), 'add_column', { name: 'x', position: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'position' });
    expect(runStep(people(), 'add_column', { name: 'x', position: 'middle' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'position' });
    expect(runStep(people(), 'add_column', { name: 'x', position: 1.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'position' });
    expect(runStep(people(), 'add_column', { value: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'name' });
    expect(runStep(people(), 'add_column', { name: 'x', from_column: 'agee' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'from_column' });
    expect(runStep(people(), 'add_column', { name: 'x', value: [1] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value' });
  });
  it('renders', () => {
    expect(render('add_column', { name: 'x', value: 'web', position: 1 })).toEqual({
      js: 'dt = dt.derive({ "x": () => "web" }, { before: "name" });',
      sql: `SELECT "id", 'web' AS "x", "name", "age", "city", "_row" FROM {input} ORDER BY "_row"`,
    });
    expect(render('add_column', { name: 'x', from_column: 'age' }).js).toBe('dt = dt.derive({ "x": d => d["age"] });');
  });
});

describe('copy_column', () => {
  it('appends an identical column', () => {
    const r = apply(people(), 'copy_column', { source: 'age', destination: 'age_copy' });
    expect(r.table.schema.at(-1)).toEqual({ name: 'age_copy', type: 'integer' });
    expect(values(r.table, 'age_copy')).toEqual([30, null]);
    expect(r.steps[0].columns_added).toEqual(['age_copy']);
  });
  it('validates', () => {
    expect(runStep(people(), 'copy_column', { source: 'age', destination: 'city' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'destination' });
    expect(runStep(people(), 'copy_column', { source: 'agе', destination: 'x' }).errors[0].code).toBe('COLUMN_NOT_FOUND');
    expect(runStep(people(), 'copy_column', { source: 'age' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'destination' });
  });
  it('renders', () => {
    expect(render('copy_column', { source: 'age', destination: 'a2' })).toEqual({
      js: 'dt = dt.derive({ "a2": d => d["age"] });',
      sql: 'SELECT "id", "name", "age", "city", "age" AS "a2", "_row" FROM {input} ORDER BY "_row"',
    });
  });
  it('chains: the output schema feeds the next step', () => {
    const v = validatePlan([{ op: 'copy_column', params: { source: 'age', destination: 'a2' } }, { op: 'select_columns', params: { columns: ['a2'] } }], people().schema);
    expect(v.errors).toEqual([]);
    expect(v.schema).toEqual([{ name: 'a2', type: 'integer' }]);
  });
});
