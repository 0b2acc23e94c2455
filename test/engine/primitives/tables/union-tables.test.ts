import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import type { RunContext } from '../../../../src/engine/plan/types.js';
import { apply, rows, runStep, table } from '../helpers.js';

const current = () => table({ id: 'integer', name: 'string', score: 'integer' }, [[1, 'a', 10], [2, null, 20]]);
const march = () => table({ score: 'float', id: 'integer', extra: 'boolean' }, [[1.5, 3, true]]);
const april = () => table({ name: 'string', id: 'string', note: 'string' }, [['d', 'x4', 'hi']]);
const ctx = (): RunContext => ({
  tables: [
    { id: 't1', name: 'march', hash: 'h1', table: march() },
    { id: 't2', name: 'april', hash: 'h2', table: april() },
  ],
});

describe('union_tables', () => {
  it('match_columns keeps the common columns in the current order and stacks in list order', () => {
    const result = apply(current(), 'union_tables', { other_tables: ['march'] }, ctx());
    expect(result.table.schema).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'score', type: 'float' },
    ]);
    expect(rows(result.table)).toEqual([[1, 10], [2, 20], [3, 1.5]]);
    expect(result.steps[0].metadata).toEqual({ tables_combined: 2, total_rows_added: 1 });
    expect(result.steps[0].warnings).toEqual([]);
    expect(result.steps[0].params).toEqual({ other_tables: ['t1'] /* recorded by id, §1.1 */, ignore_index: true, match_columns: true });
  });

  it('match_columns false keeps every column, new ones in order of first appearance; missing cells null; types unify', () => {
    const result = apply(current(), 'union_tables', { other_tables: ['t1', 'april'], match_columns: false }, ctx());
    expect(result.table.schema).toEqual([
      { name: 'id', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'score', type: 'float' },
      { name: 'extra', type: 'boolean' },
      { name: 'note', type: 'string' },
    ]);
    expect(rows(result.table)).toEqual([
      ['1', 'a', 10, null, null],
      ['2', null, 20, null, null],
      ['3', null, 1.5, true, null],
      ['x4', 'd', null, null, 'hi'],
    ]);
    expect(result.steps[0].warnings).toEqual([{ code: 'TYPE_WIDENED', column: 'id', message: 'Column "id" changed type from integer to string to hold the new values.' }]);
    expect(result.steps[0].metadata).toEqual({ tables_combined: 3, total_rows_added: 2 });
  });

  it('the same table may be listed twice (UNION ALL, no de-duplication)', () => {
    expect(rows(apply(current(), 'union_tables', { other_tables: ['march', 'march'] }, ctx()).table)).toEqual([[1, 10], [2, 20], [3, 1.5], [3, 1.5]]);
  });

  it('fails validation when no column is common, and for missing tables and bad params', () => {
    const none = runStep(table({ zzz: 'string' }, [['q']]), 'union_tables', { other_tables: ['march'] }, ctx());
    expect(none.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: null, message: 'Step 1 (union_tables): No common columns found between tables' });
    const missing = runStep(current(), 'union_tables', { other_tables: ['march', 'may'] }, ctx());
    expect(missing.errors[0]).toMatchObject({ code: 'TABLE_NOT_FOUND', param: 'other_tables[1]', tables: ['march', 'april'] });
    expect(runStep(current(), 'union_tables', { other_tables: [] }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'other_tables' });
    expect(runStep(current(), 'union_tables', { other_tables: 'march' }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'other_tables' });
    expect(runStep(current(), 'union_tables', { other_tables: ['march'], dedupe: true }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'dedupe' });
    expect(runStep(current(), 'union_tables', { other_tables: ['march'] }).errors[0]).toMatchObject({ code: 'TABLE_NOT_FOUND', message: 'Step 1 (union_tables) other_tables[0]: no attached table "march". Attached tables: (none).' });
  });

  it('renders the md call and SQL with the attached schemas', () => {
    const p = { other_tables: ['t1'], ignore_index: true, match_columns: true };
    const prim = getPrimitive('union_tables')!;
    expect(prim.render(p, current().schema)).toEqual({ js: `dt = md.union_tables(dt, ${JSON.stringify(p)});`, sql: null });
    const render = prim.render as (params: unknown, schema: unknown, c: RunContext) => { sql: string | null };
    expect(render(p, current().schema, ctx()).sql).toBe(
      'SELECT "id", "score", ROW_NUMBER() OVER (ORDER BY "_t", "_r") AS "_row" FROM (SELECT "id" AS "id", "score"::float8 AS "score", 0 AS "_t", "_row" AS "_r" FROM {input} UNION ALL SELECT "id" AS "id", "score" AS "score", 1 AS "_t", "_row" AS "_r" FROM "t1") AS "_u" ORDER BY "_row"',
    );
  });
});
