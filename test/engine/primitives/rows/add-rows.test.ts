import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

const dt = () => table({ city: 'string', pop: 'integer' }, [['Oslo', 700], ['Bergen', 285]]);

describe('add_rows', () => {
  it('appends records at the bottom with missing keys null', () => {
    const result = apply(dt(), 'add_rows', { rows: [{ city: 'Bodø', pop: '52' }, { city: 'Tromsø' }] });
    expect(rows(result.table)).toEqual([['Oslo', 700], ['Bergen', 285], ['Bodø', 52], ['Tromsø', null]]);
    expect(result.steps[0].metadata).toEqual({ rows_added: 2 });
    expect(result.steps[0].params).toEqual({ rows: [{ city: 'Bodø', pop: '52' }, { city: 'Tromsø' }], position: 'bottom' });
  });
  it('inserts at the top in the given order; new keys become columns in order of first appearance', () => {
    const result = apply(dt(), 'add_rows', { rows: [{ zone: 'N', city: 'Alta' }, { area: 1.5, zone: 'S', city: '' }], position: 'top' });
    expect(result.table.schema).toEqual([
      { name: 'city', type: 'string' },
      { name: 'pop', type: 'integer' },
      { name: 'zone', type: 'string' },
      { name: 'area', type: 'float' },
    ]);
    expect(rows(result.table)).toEqual([
      ['Alta', null, 'N', null],
      [null, null, 'S', 1.5],
      ['Oslo', 700, null, null],
      ['Bergen', 285, null, null],
    ]);
    expect(result.steps[0].columns_added).toEqual(['zone', 'area']);
  });
  it('widens types per §2.4 and warns', () => {
    const float = apply(dt(), 'add_rows', { rows: [{ pop: 1.5 }] });
    expect(float.table.schema[1]).toEqual({ name: 'pop', type: 'float' });
    expect(float.steps[0].warnings).toEqual([]);
    const text = apply(dt(), 'add_rows', { rows: [{ pop: 'many' }] });
    expect(rows(text.table).map((r) => r[1])).toEqual(['700', '285', 'many']);
    expect(text.steps[0].warnings).toMatchObject([{ code: 'TYPE_WIDENED', column: 'pop' }]);
    const mixed = apply(dt(), 'add_rows', { rows: [{ x: 1 }, { x: true }] });
    expect(mixed.table.schema[2]).toEqual({ name: 'x', type: 'string' });
    expect(rows(mixed.table).map((r) => r[2])).toEqual([null, null, '1', 'true']);
    const nulls = apply(dt(), 'add_rows', { rows: [{ x: null }] });
    expect(nulls.table.schema[2]).toEqual({ name: 'x', type: 'string' });
  });
  it('leaves the table unchanged for []', () => {
    const result = apply(dt(), 'add_rows', { rows: [] });
    expect(rows(result.table)).toEqual(rows(dt()));
    expect(result.steps[0].metadata).toEqual({ rows_added: 0 });
  });
  it('validates params', () => {
    expect(runStep(dt(), 'add_rows', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'rows' });
    expect(runStep(dt(), 'add_rows', { rows: [{ city: ['a'] }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'rows[0].city' });
    expect(runStep(dt(), 'add_rows', { rows: [{ '': 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(dt(), 'add_rows', { rows: [], position: 'middle' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'position' });
  });
  it('renders SQL as a union ordered by position', () => {
    const p = getPrimitive('add_rows')!;
    const r = p.render(p.params.parse({ rows: [{ city: "O'k", note: 'x' }], position: 'top' }), dt().schema);
    expect(r.sql).toBe(
      `SELECT "city", "pop", "note", ROW_NUMBER() OVER (ORDER BY "_k", "_row") AS "_row" FROM (SELECT "city", "pop", CAST(NULL AS TEXT) AS "note", "_row", 1 AS "_k" FROM {input} UNION ALL VALUES ('O''k', CAST(NULL AS BIGINT), 'x', 1, 0)) AS "t" ORDER BY "_row"`,
    );
    expect(p.render(p.params.parse({ rows: [{ pop: 'x' }] }), dt().schema).sql).toBeNull();
  });
});
