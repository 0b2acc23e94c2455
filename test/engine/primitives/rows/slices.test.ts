import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const five = () => table({ n: 'integer', s: 'string' }, [1, 2, 3, 4, 5].map((n) => [n, n === 3 ? null : `r${n}`]));
const ns = (op: string, params: Record<string, unknown>) => values(apply(five(), op, params).table, 'n');
const render = (op: string, params: Record<string, unknown>) => getPrimitive(op)!.render(getPrimitive(op)!.params.parse(params), five().schema);

describe('limit_rows', () => {
  it('keeps the first or last count rows', () => {
    expect(ns('limit_rows', { count: 2 })).toEqual([1, 2]);
    expect(ns('limit_rows', { count: 2, from_end: true })).toEqual([4, 5]);
    expect(ns('limit_rows', { count: 9 })).toEqual([1, 2, 3, 4, 5]);
    expect(ns('limit_rows', { count: 0, from_end: true })).toEqual([]);
    expect(apply(five(), 'limit_rows', { count: 2 }).steps[0]).toMatchObject({ metadata: {}, params: { count: 2, from_end: false }, rows_after: 2 });
  });
  it('validates params', () => {
    expect(runStep(five(), 'limit_rows', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'count' });
    expect(runStep(five(), 'limit_rows', { count: -1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'count' });
    expect(runStep(five(), 'limit_rows', { count: '5' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'count' });
    expect(runStep(five(), 'limit_rows', { count: 1.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'count' });
    expect(runStep(five(), 'limit_rows', { count: 1, n: 2 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'n' });
  });
  it('renders', () => {
    expect(render('limit_rows', { count: 2 })).toEqual({
      js: 'dt = dt.slice(0, 2);',
      sql: 'SELECT "n", "s", ROW_NUMBER() OVER (ORDER BY "_row") AS "_row" FROM (SELECT * FROM {input} ORDER BY "_row" LIMIT 2) AS "t" ORDER BY "_row"',
    });
    expect(render('limit_rows', { count: 2, from_end: true }).js).toBe('dt = dt.slice(-2);');
    expect(render('limit_rows', { count: 0, from_end: true }).js).toBe('dt = dt.slice(0, 0);');
    expect(render('limit_rows', { count: 2, from_end: true }).sql).toContain('ORDER BY "_row" DESC LIMIT 2');
  });
});

describe('head_rows / tail_rows', () => {
  it('default to 10 rows and report rows_returned', () => {
    const head = apply(five(), 'head_rows', {});
    expect(head.steps[0].params).toEqual({ n: 10 });
    expect(head.steps[0].metadata).toEqual({ rows_returned: 5 });
    expect(ns('head_rows', { n: 2 })).toEqual([1, 2]);
    expect(ns('tail_rows', { n: 2 })).toEqual([4, 5]);
    expect(ns('tail_rows', { n: 0 })).toEqual([]);
    expect(apply(five(), 'tail_rows', { n: 3 }).steps[0].metadata).toEqual({ rows_returned: 3 });
    expect(values(apply(five(), 'tail_rows', { n: 3 }).table, 's')).toEqual([null, 'r4', 'r5']);
  });
  it('validate and render', () => {
    expect(runStep(five(), 'head_rows', { n: -1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'n' });
    expect(runStep(five(), 'tail_rows', { count: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'count' });
    expect(render('head_rows', { n: 3 }).js).toBe('dt = dt.slice(0, 3);');
    expect(render('tail_rows', { n: 3 }).sql).toBe('SELECT "n", "s", ROW_NUMBER() OVER (ORDER BY "_row") AS "_row" FROM (SELECT * FROM {input} ORDER BY "_row" DESC LIMIT 3) AS "t" ORDER BY "_row"');
  });
});

describe('offset_rows', () => {
  it('drops the first rows and reports rows_skipped', () => {
    expect(ns('offset_rows', { offset: 3 })).toEqual([4, 5]);
    expect(apply(five(), 'offset_rows', { offset: 9 }).steps[0]).toMatchObject({ rows_after: 0, metadata: { rows_skipped: 5 } });
    expect(apply(five(), 'offset_rows', { offset: 0 }).steps[0].metadata).toEqual({ rows_skipped: 0 });
  });
  it('validates and renders', () => {
    expect(runStep(five(), 'offset_rows', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'offset' });
    expect(render('offset_rows', { offset: 2 })).toEqual({
      js: 'dt = dt.slice(2);',
      sql: 'SELECT "n", "s", ROW_NUMBER() OVER (ORDER BY "_row") AS "_row" FROM (SELECT * FROM {input} ORDER BY "_row" OFFSET 2) AS "t" ORDER BY "_row"',
    });
  });
});
