import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const orders = () =>
  table({ email: 'string', amount: 'float' }, [
    ['a@x.io', 10],
    ['b@x.io', 5],
    ['a@x.io', 10],
    [null, 1],
    ['A@x.io', 10],
    [null, 1],
  ]);

describe('is_duplicate', () => {
  it('flags later occurrences over all columns (keep first); null equals null, text is case-sensitive', () => {
    const result = apply(orders(), 'is_duplicate');
    expect(values(result.table, '_is_duplicate')).toEqual([false, false, true, false, false, true]);
    expect(result.table.schema[2]).toEqual({ name: '_is_duplicate', type: 'boolean' });
    expect(result.steps[0].metadata).toEqual({ duplicate_count: 2, unique_count: 4, duplicate_rate: 0.3333 });
    expect(result.steps[0].params).toEqual({ subset: null, keep: 'first', new_column: '_is_duplicate' });
  });

  it('matches remove_duplicates for keep last and none, with a subset', () => {
    const last = apply(orders(), 'is_duplicate', { subset: ['amount'], keep: 'last' });
    expect(values(last.table, '_is_duplicate')).toEqual([true, false, true, true, false, false]);
    const none = apply(orders(), 'is_duplicate', { subset: ['email'], keep: 'none', new_column: 'dup' });
    expect(values(none.table, 'dup')).toEqual([true, false, true, true, false, true]);
    expect(none.steps[0].metadata).toEqual({ duplicate_count: 4, unique_count: 2, duplicate_rate: 0.6667 });
    for (const keep of ['first', 'last', 'none']) {
      const removed = apply(orders(), 'remove_duplicates', { subset: ['email'], keep }).table;
      const flagged = apply(orders(), 'is_duplicate', { subset: ['email'], keep }).table;
      expect(values(flagged, 'email').filter((_, i) => !values(flagged, '_is_duplicate')[i])).toEqual(values(removed, 'email'));
    }
  });

  it('works on an empty table', () => {
    expect(apply(table({ a: 'string' }, []), 'is_duplicate').steps[0].metadata).toEqual({ duplicate_count: 0, unique_count: 0, duplicate_rate: 0 });
  });

  it('validates parameters, references and the output name', () => {
    expect(runStep(orders(), 'is_duplicate', { keep: 'any' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'keep' });
    expect(runStep(orders(), 'is_duplicate', { subset: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'subset' });
    expect(runStep(orders(), 'is_duplicate', { columns: ['email'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(orders(), 'is_duplicate', { subset: ['mail'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'subset[0]' });
    expect(runStep(orders(), 'is_duplicate', { new_column: 'email' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
  });

  it('renders JS and SQL with window functions', () => {
    const p = getPrimitive('is_duplicate')!;
    const schema = orders().schema;
    expect(p.render({ subset: ['email'], keep: 'first', new_column: '_is_duplicate' }, schema)).toEqual({
      js: 'dt = md.is_duplicate(dt, {"subset":["email"],"keep":"first","new_column":"_is_duplicate"});',
      sql: 'SELECT "email", "amount", (ROW_NUMBER() OVER (PARTITION BY "email" ORDER BY "_row") > 1) AS "_is_duplicate", "_row" FROM {input} ORDER BY "_row"',
    });
    expect(p.render({ subset: null, keep: 'none', new_column: 'd' }, schema).sql).toBe(
      'SELECT "email", "amount", (COUNT(*) OVER (PARTITION BY "email", "amount") > 1) AS "d", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});
