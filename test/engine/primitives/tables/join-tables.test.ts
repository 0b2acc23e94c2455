import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import type { RunContext } from '../../../../src/engine/plan/types.js';
import { apply, rows, runStep, table } from '../helpers.js';

const orders = () =>
  table({ id: 'integer', cust: 'integer', amount: 'float' }, [
    [1, 10, 5],
    [2, 20, 7.5],
    [3, null, 1],
    [4, 99, 2],
    [5, 10, 3],
  ]);
const customers = () =>
  table({ cust: 'integer', name: 'string', amount: 'integer' }, [
    [20, 'bob', 1],
    [10, 'ann', 2],
    [null, 'nobody', 3],
    [30, 'cat', 4],
    [10, 'ann2', 5],
  ]);
const ctx = (): RunContext => ({ tables: [{ id: 't_cust', name: 'customers', hash: 'h1', table: customers() }] });
const join = (params: Record<string, unknown>) => apply(orders(), 'join_tables', { right_table: 'customers', left_on: 'cust', right_on: 'cust', ...params }, ctx());

describe('join_tables', () => {
  it('left join: left order, each left row followed by its matches in right order, merged key, suffixes', () => {
    const result = join({});
    expect(result.table.schema).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'cust', type: 'integer' },
      { name: 'amount_left', type: 'float' },
      { name: 'name', type: 'string' },
      { name: 'amount_right', type: 'integer' },
    ]);
    expect(rows(result.table)).toEqual([
      [1, 10, 5, 'ann', 2],
      [1, 10, 5, 'ann2', 5],
      [2, 20, 7.5, 'bob', 1],
      [3, null, 1, null, null],
      [4, 99, 2, null, null],
      [5, 10, 3, 'ann', 2],
      [5, 10, 3, 'ann2', 5],
    ]);
    expect(result.steps[0].metadata).toEqual({ join_type: 'left', rows_matched: 5, left_unmatched: 2, right_unmatched: 2 });
    expect(result.steps[0].params).toEqual({ right_table: 't_cust' /* recorded by id, §1.1 */, left_on: ['cust'], right_on: ['cust'], how: 'left', suffixes: ['_left', '_right'] });
  });

  it('inner, right and outer joins; null keys never match', () => {
    expect(rows(join({ how: 'inner' }).table).map((r) => r[0])).toEqual([1, 1, 2, 5, 5]);
    const right = join({ how: 'right' });
    expect(rows(right.table)).toEqual([
      [2, 20, 7.5, 'bob', 1],
      [1, 10, 5, 'ann', 2],
      [5, 10, 3, 'ann', 2],
      [null, null, null, 'nobody', 3],
      [null, 30, null, 'cat', 4],
      [1, 10, 5, 'ann2', 5],
      [5, 10, 3, 'ann2', 5],
    ]);
    expect(right.steps[0].metadata).toEqual({ join_type: 'right', rows_matched: 5, left_unmatched: 2, right_unmatched: 2 });
    const outer = join({ how: 'outer' });
    expect(rows(outer.table).map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, 10, 'ann'],
      [1, 10, 'ann2'],
      [2, 20, 'bob'],
      [3, null, null],
      [4, 99, null],
      [5, 10, 'ann'],
      [5, 10, 'ann2'],
      [null, null, 'nobody'],
      [null, 30, 'cat'],
    ]);
  });

  it('differently named keys stay separate; a table can be named by id; custom suffixes', () => {
    const t = table({ cid: 'integer', name: 'string' }, [[10, 'x']]);
    const c: RunContext = { tables: [{ id: 'abc', name: 'other', hash: 'h', table: t }] };
    const out = apply(orders(), 'join_tables', { right_table: 'abc', left_on: ['cust'], right_on: ['cid'], how: 'inner', suffixes: ['_a', '_b'] }, c);
    expect(out.table.schema.map((x) => x.name)).toEqual(['id', 'cust', 'amount', 'cid', 'name']);
    expect(rows(out.table)).toEqual([
      [1, 10, 5, 10, 'x'],
      [5, 10, 3, 10, 'x'],
    ]);
  });

  it('compares number with text keys by text form and warns; merged key types unify on outer joins', () => {
    const t = table({ cust: 'string', tag: 'string' }, [['10', 'ten'], ['77', 'x']]);
    const c: RunContext = { tables: [{ id: 'k', name: 'codes', hash: 'h', table: t }] };
    const out = apply(orders(), 'join_tables', { right_table: 'codes', left_on: 'cust', right_on: 'cust', how: 'outer' }, c);
    expect(out.steps[0].warnings.map((w) => w.code)).toEqual(['KEYS_COMPARED_AS_TEXT', 'TYPE_WIDENED']);
    expect(out.table.schema[1]).toEqual({ name: 'cust', type: 'string' });
    expect(rows(out.table).map((r) => [r[1], r[3]])).toEqual([
      ['10', 'ten'],
      ['20', null],
      [null, null],
      ['99', null],
      ['10', 'ten'],
      ['77', 'x'],
    ]);
    const left = apply(orders(), 'join_tables', { right_table: 'codes', left_on: 'cust', right_on: 'cust' }, c);
    expect(left.table.schema[1]).toEqual({ name: 'cust', type: 'integer' });
    expect(left.steps[0].warnings.map((w) => w.code)).toEqual(['KEYS_COMPARED_AS_TEXT']);
  });

  it('joins on several keys; integer matches float', () => {
    const l = table({ a: 'integer', b: 'string' }, [[1, 'x'], [1, 'y'], [2, null]]);
    const r = table({ a: 'float', b: 'string', v: 'integer' }, [[1.0, 'y', 100], [2, null, 200]]);
    const c: RunContext = { tables: [{ id: 'r', name: 'r', hash: 'h', table: r }] };
    expect(rows(apply(l, 'join_tables', { right_table: 'r', left_on: ['a', 'b'], right_on: ['a', 'b'] }, c).table)).toEqual([
      [1, 'x', null],
      [1, 'y', 100],
      [2, null, null],
    ]);
  });

  it('reports missing tables, missing right columns, bad params and suffix collisions', () => {
    const missing = runStep(orders(), 'join_tables', { right_table: 'custs', left_on: 'cust', right_on: 'cust' }, ctx());
    expect(missing.errors[0]).toMatchObject({ code: 'TABLE_NOT_FOUND', param: 'right_table', tables: ['customers'] });
    expect(missing.errors[0].message).toBe('Step 1 (join_tables) right_table: no attached table "custs". Attached tables: "customers".');
    const noCol = runStep(orders(), 'join_tables', { right_table: 'customers', left_on: 'cust', right_on: 'nme' }, ctx());
    expect(noCol.errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'right_on[0]' });
    expect(noCol.errors[0].message).toBe('Step 1 (join_tables) right_on[0]: column "nme" does not exist in table "customers". Existing columns: "cust", "name", "amount". Did you mean "name"?');
    expect(runStep(orders(), 'join_tables', { right_table: 'customers', left_on: 'cst', right_on: 'cust' }, ctx()).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'left_on[0]' });
    expect(runStep(orders(), 'join_tables', { right_table: 'customers', left_on: ['cust', 'id'], right_on: 'cust' }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'right_on' });
    expect(runStep(orders(), 'join_tables', { right_table: 'customers', left_on: 'cust', right_on: 'cust', how: 'cross' }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'how' });
    expect(runStep(orders(), 'join_tables', { right_table: 'customers', left_on: 'cust', right_on: 'cust', suffixes: ['_x', '_x'] }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'suffixes' });
    expect(runStep(orders(), 'join_tables', { left_on: 'cust', right_on: 'cust' }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'right_table' });
    expect(runStep(orders(), 'join_tables', { right_table: 'customers', left_on: 'cust', right_on: 'cust', on: 'x' }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'on' });
    const l = table({ k: 'integer', v: 'integer', v_left: 'integer' }, [[1, 1, 1]]);
    const r = table({ k: 'integer', v: 'integer' }, [[1, 2]]);
    const clash = runStep(l, 'join_tables', { right_table: 'r', left_on: 'k', right_on: 'k' }, { tables: [{ id: 'r', name: 'r', hash: 'h', table: r }] });
    expect(clash.errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'suffixes', message: 'Step 1 (join_tables) suffixes: column "v_left" already exists.' });
  });

  it('renders the md call, and SQL when the attached tables are known', () => {
    const p = { right_table: 't_cust', left_on: ['cust'], right_on: ['cust'], how: 'left', suffixes: ['_left', '_right'] };
    const prim = getPrimitive('join_tables')!;
    expect(prim.render(p, orders().schema)).toEqual({ js: `dt = md.join_tables(dt, ${JSON.stringify(p)});`, sql: null });
    const render = prim.render as (params: unknown, schema: unknown, c: RunContext) => { sql: string | null };
    expect(render(p, orders().schema, ctx()).sql).toBe(
      'SELECT "_l"."id" AS "id", "_l"."cust" AS "cust", "_l"."amount" AS "amount_left", "_r"."name" AS "name", "_r"."amount" AS "amount_right", ROW_NUMBER() OVER (ORDER BY "_l"."_row", "_r"."_row") AS "_row" FROM {input} AS "_l" LEFT JOIN "t_cust" AS "_r" ON "_l"."cust" = "_r"."cust" ORDER BY "_row"',
    );
    expect(render({ ...p, how: 'right' }, orders().schema, ctx()).sql).toContain('COALESCE("_l"."cust", "_r"."cust") AS "cust"');
  });
});
