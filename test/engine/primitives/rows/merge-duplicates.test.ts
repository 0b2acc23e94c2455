import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

const dt = () =>
  table({ name: 'string', email: 'string', qty: 'integer', city: 'string' }, [
    ['Ann', 'b@x', 1, null],
    [null, 'a@x', 2, 'Oslo'],
    ['Ann B', 'b@x', 3, 'Bergen'],
    ['Cy', null, null, 'Alta'],
    [null, null, 4, null],
  ]);

describe('merge_duplicates', () => {
  it('collapses groups in order of first appearance, columns in place, first non-null by default', () => {
    const result = apply(dt(), 'merge_duplicates', { group_by: ['email'] });
    expect(rows(result.table)).toEqual([
      ['Ann', 'b@x', 1, 'Bergen'],
      [null, 'a@x', 2, 'Oslo'],
      ['Cy', null, 4, 'Alta'],
    ]);
    expect(result.steps[0].metadata).toEqual({ groups_created: 3 });
    expect(result.steps[0].params).toEqual({ group_by: ['email'], aggregations: {}, default_agg: 'first' });
  });
  it('applies explicit aggregations (aliases resolved) and types the results', () => {
    const result = apply(dt(), 'merge_duplicates', { group_by: ['email'], aggregations: { qty: 'avg', name: 'concat' }, default_agg: 'last' });
    expect(result.table.schema).toEqual([
      { name: 'name', type: 'string' },
      { name: 'email', type: 'string' },
      { name: 'qty', type: 'float' },
      { name: 'city', type: 'string' },
    ]);
    expect(rows(result.table)).toEqual([
      ['Ann, Ann B', 'b@x', 2, 'Bergen'],
      [null, 'a@x', 2, 'Oslo'],
      ['Cy', null, 4, 'Alta'],
    ]);
    expect(result.steps[0].params.aggregations).toEqual({ qty: 'mean', name: 'concat' });
    expect(apply(dt(), 'merge_duplicates', { group_by: ['email'], aggregations: null }).steps[0].params.aggregations).toEqual({});
  });
  it('falls back to first where default_agg does not suit, with DEFAULT_AGG_SKIPPED', () => {
    const result = apply(dt(), 'merge_duplicates', { group_by: ['email'], default_agg: 'sum' });
    expect(rows(result.table)[0]).toEqual(['Ann', 'b@x', 4, 'Bergen']);
    expect(result.steps[0].warnings).toEqual([{ code: 'DEFAULT_AGG_SKIPPED', message: 'default_agg "sum" does not suit "name", "city"; used "first" instead.' }]);
  });
  it('validates params, aggregation keys and types', () => {
    expect(runStep(dt(), 'merge_duplicates', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'group_by' });
    expect(runStep(dt(), 'merge_duplicates', { group_by: ['email'], default_agg: 'median' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'default_agg' });
    expect(runStep(dt(), 'merge_duplicates', { group_by: ['email'], aggregations: { qty: 'total' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'aggregations.qty' });
    expect(runStep(dt(), 'merge_duplicates', { group_by: ['email'], aggregations: { qtty: 'sum' } }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'aggregations.qtty', suggestion: 'qty' });
    expect(runStep(dt(), 'merge_duplicates', { group_by: ['email'], aggregations: { email: 'first' } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'aggregations.email' });
    expect(runStep(dt(), 'merge_duplicates', { group_by: ['email'], aggregations: { city: 'sum' } }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'aggregations.city' });
  });
  it('renders SQL grouped in order of first appearance', () => {
    const p = getPrimitive('merge_duplicates')!;
    const r = p.render(p.params.parse({ group_by: ['email'], aggregations: { qty: 'count' } }), dt().schema);
    expect(r.sql).toBe(
      'SELECT (ARRAY_AGG("name" ORDER BY "_row") FILTER (WHERE "name" IS NOT NULL))[1] AS "name", "email", COUNT("qty") AS "qty", (ARRAY_AGG("city" ORDER BY "_row") FILTER (WHERE "city" IS NOT NULL))[1] AS "city", ROW_NUMBER() OVER (ORDER BY MIN("_row")) AS "_row" FROM {input} GROUP BY "email" ORDER BY "_row"',
    );
  });
});
