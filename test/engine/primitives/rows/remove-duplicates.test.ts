import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const dupes = () =>
  table({ id: 'integer', email: 'string', score: 'float' }, [
    [1, 'a@x', 1],
    [2, 'A@x', 2],
    [3, 'a@x', 1.0],
    [4, null, null],
    [5, null, null],
    [6, ' a@x', 3],
  ]);

describe('remove_duplicates', () => {
  it('keeps the first of each set by subset, exact and case-sensitive, null equals null', () => {
    const result = apply(dupes(), 'remove_duplicates', { subset: ['email'] });
    expect(values(result.table, 'id')).toEqual([1, 2, 4, 6]);
    expect(result.steps[0].metadata).toEqual({ duplicates_removed: 2 });
    expect(result.steps[0].params).toEqual({ subset: ['email'], keep: 'first' });
  });
  it('keeps the last, or none', () => {
    expect(values(apply(dupes(), 'remove_duplicates', { subset: ['email'], keep: 'last' }).table, 'id')).toEqual([2, 3, 5, 6]);
    expect(values(apply(dupes(), 'remove_duplicates', { subset: ['email'], keep: 'none' }).table, 'id')).toEqual([2, 6]);
    expect(values(apply(dupes(), 'remove_duplicates', { subset: ['email', 'score'], keep: 'none' }).table, 'id')).toEqual([2, 6]);
  });
  it('uses every column by default (1 equals 1.0)', () => {
    const dt = table({ a: 'integer', b: 'string' }, [[1, 'x'], [1, 'x'], [1, 'y'], [null, null], [null, null]]);
    const result = apply(dt, 'remove_duplicates', { subset: null });
    expect(rows(result.table)).toEqual([[1, 'x'], [1, 'y'], [null, null]]);
    expect(result.steps[0].metadata).toEqual({ duplicates_removed: 2 });
    expect(apply(table({ a: 'integer' }, []), 'remove_duplicates').steps[0].metadata).toEqual({ duplicates_removed: 0 });
  });
  it('does not confuse keys across columns, and compares datetimes by instant', () => {
    const dt = table({ a: 'string', b: 'string' }, [['x\u0001sy', 'z'], ['x', 'y\u0001sz']]);
    expect(apply(dt, 'remove_duplicates').steps[0].metadata).toEqual({ duplicates_removed: 0 });
    const dates = table({ d: 'datetime', f: 'float' }, [[new Date(0), -0], [new Date(0), 0], [null, 0.5], [null, 0.5], [new Date(1), 0.5]]);
    expect(apply(dates, 'remove_duplicates').steps[0].metadata).toEqual({ duplicates_removed: 2 });
  });
  it('validates params', () => {
    expect(runStep(dupes(), 'remove_duplicates', { subset: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'subset' });
    expect(runStep(dupes(), 'remove_duplicates', { keep: 'any' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'keep' });
    expect(runStep(dupes(), 'remove_duplicates', { subset: ['id', 'id'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'subset' });
    expect(runStep(dupes(), 'remove_duplicates', { subset: ['mail'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'subset[0]' });
  });
  it('renders SQL with a window over the subset', () => {
    const p = getPrimitive('remove_duplicates')!;
    const r = p.render(p.params.parse({ subset: ['email'], keep: 'last' }), dupes().schema);
    expect(r.js).toBe('dt = md.remove_duplicates(dt, {"subset":["email"],"keep":"last"});');
    expect(r.sql).toBe('SELECT "id", "email", "score", ROW_NUMBER() OVER (ORDER BY "_row") AS "_row" FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "email" ORDER BY "_row" DESC) AS "_dup" FROM {input}) AS "t" WHERE "_dup" = 1 ORDER BY "_row"');
    expect(p.render(p.params.parse({ keep: 'none' }), dupes().schema).sql).toContain('COUNT(*) OVER (PARTITION BY "id", "email", "score") AS "_dup"');
  });
  it('is fast on 1M rows', () => {
    const n = 1_000_000;
    const ids = Array.from({ length: n }, (_, i) => i % 500_000);
    const names = Array.from({ length: n }, (_, i) => `n${i % 1000}`);
    const big = table({ id: 'integer', name: 'string' }, ids.map((id, i) => [id, names[i]]));
    const started = performance.now();
    const result = apply(big, 'remove_duplicates');
    expect(result.steps[0].metadata).toEqual({ duplicates_removed: 500_000 });
    // Generous: the test machine is shared; unloaded this runs in a fraction of a second.
    expect(performance.now() - started).toBeLessThan(15000);
  });
});
