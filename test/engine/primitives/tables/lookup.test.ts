import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import type { RunContext } from '../../../../src/engine/plan/types.js';
import { apply, rows, runStep, table } from '../helpers.js';

const items = () => table({ sku: 'string', qty: 'integer' }, [['A', 1], ['B', 2], [null, 3], ['Z', 4], ['A', 5]]);
const prices = () =>
  table({ code: 'string', price: 'float', cat: 'string' }, [
    ['B', 2.5, null],
    ['A', 1.25, 'food'],
    ['A', 9, 'dup'],
    [null, 0, 'null-key'],
  ]);
const ctx = (): RunContext => ({ tables: [{ id: 'p1', name: 'prices', hash: 'h', table: prices() }] });
const run = (params: Record<string, unknown>) => apply(items(), 'lookup', { lookup_table: 'prices', lookup_column: 'sku', lookup_key: 'code', return_columns: ['price', 'cat'], ...params }, ctx());

describe('lookup', () => {
  it('takes the first matching row; unmatched rows (and null keys) get the default; matched nulls stay null', () => {
    const result = run({});
    expect(result.table.schema).toEqual([
      { name: 'sku', type: 'string' },
      { name: 'qty', type: 'integer' },
      { name: 'price', type: 'float' },
      { name: 'cat', type: 'string' },
    ]);
    expect(rows(result.table)).toEqual([
      ['A', 1, 1.25, 'food'],
      ['B', 2, 2.5, null],
      [null, 3, null, null],
      ['Z', 4, null, null],
      ['A', 5, 1.25, 'food'],
    ]);
    expect(result.steps[0].metadata).toEqual({ columns_added: ['price', 'cat'], rows_matched: 3, rows_unmatched: 2 });
    expect(result.steps[0].params).toEqual({ lookup_table: 'p1' /* recorded by id, §1.1 */, lookup_column: 'sku', lookup_key: 'code', return_columns: ['price', 'cat'], default_value: null });
  });

  it('the default is converted to the column type, or the column widens', () => {
    const zero = run({ return_columns: ['price'], default_value: 0 });
    expect(zero.table.schema[2]).toEqual({ name: 'price', type: 'float' });
    expect(rows(zero.table).map((r) => r[2])).toEqual([1.25, 2.5, 0, 0, 1.25]);
    const text = run({ return_columns: ['price', 'cat'], default_value: 'n/a' });
    expect(text.table.schema.slice(2)).toEqual([
      { name: 'price', type: 'string' },
      { name: 'cat', type: 'string' },
    ]);
    expect(rows(text.table)[1]).toEqual(['B', 2, '2.5', null]);
    expect(rows(text.table)[3]).toEqual(['Z', 4, 'n/a', 'n/a']);
  });

  it('compares number with text keys by text form and warns', () => {
    const t = table({ id: 'integer' }, [[7], [8]]);
    const k = table({ key: 'string', label: 'string' }, [['7', 'seven']]);
    const out = apply(t, 'lookup', { lookup_table: 'k', lookup_column: 'id', lookup_key: 'key', return_columns: ['label'] }, { tables: [{ id: 'k', name: 'k', hash: 'h', table: k }] });
    expect(rows(out.table)).toEqual([[7, 'seven'], [8, null]]);
    expect(out.steps[0].warnings[0]).toMatchObject({ code: 'KEYS_COMPARED_AS_TEXT', column: 'id' });
  });

  it('validates tables, columns of both tables, collisions and params', () => {
    expect(runStep(items(), 'lookup', { lookup_table: 'price', lookup_column: 'sku', lookup_key: 'code', return_columns: ['price'] }, ctx()).errors[0]).toMatchObject({ code: 'TABLE_NOT_FOUND', param: 'lookup_table', tables: ['prices'] });
    expect(runStep(items(), 'lookup', { lookup_table: 'prices', lookup_column: 'skew', lookup_key: 'code', return_columns: ['price'] }, ctx()).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'lookup_column', suggestion: 'sku' });
    const key = runStep(items(), 'lookup', { lookup_table: 'prices', lookup_column: 'sku', lookup_key: 'cod', return_columns: ['prize'] }, ctx());
    expect(key.errors.map((e) => [e.code, e.param])).toEqual([
      ['COLUMN_NOT_FOUND', 'lookup_key'],
      ['COLUMN_NOT_FOUND', 'return_columns[0]'],
    ]);
    const clash = runStep(items(), 'lookup', { lookup_table: 'prices', lookup_column: 'sku', lookup_key: 'code', return_columns: ['price', 'code'] }, { tables: [{ id: 'p', name: 'prices', hash: 'h', table: table({ code: 'string', price: 'float', qty: 'integer' }, []) }] });
    expect(clash.ok).toBe(true);
    const exists = runStep(table({ sku: 'string', price: 'float' }, []), 'lookup', { lookup_table: 'prices', lookup_column: 'sku', lookup_key: 'code', return_columns: ['price'] }, ctx());
    expect(exists.errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'return_columns[0]', message: 'Step 1 (lookup) return_columns[0]: column "price" already exists.' });
    expect(runStep(items(), 'lookup', { lookup_table: 'prices', lookup_column: 'sku', lookup_key: 'code', return_columns: [] }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'return_columns' });
    expect(runStep(items(), 'lookup', { lookup_table: 'prices', lookup_column: 'sku', lookup_key: 'code' }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'return_columns' });
    expect(runStep(items(), 'lookup', { lookup_table: 'prices', lookup_column: 'sku', lookup_key: 'code', return_columns: ['price'], default: 0 }, ctx()).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'default' });
  });

  it('renders the md call and a lateral first-match SQL', () => {
    const p = { lookup_table: 'p1', lookup_column: 'sku', lookup_key: 'code', return_columns: ['price'], default_value: 0 };
    const prim = getPrimitive('lookup')!;
    expect(prim.render(p, items().schema)).toEqual({ js: `dt = md.lookup(dt, ${JSON.stringify(p)});`, sql: null });
    const render = prim.render as (params: unknown, schema: unknown, c: RunContext) => { sql: string | null };
    expect(render(p, items().schema, ctx()).sql).toBe(
      'SELECT "sku", "qty", CASE WHEN "_m"."_matched" THEN "_m"."price" ELSE 0 END AS "price", "_row" FROM {input} LEFT JOIN LATERAL (SELECT "_k"."price", TRUE AS "_matched" FROM "p1" AS "_k" WHERE "_k"."code" = {input}."sku" ORDER BY "_k"."_row" LIMIT 1) AS "_m" ON TRUE ORDER BY "_row"',
    );
  });
});
