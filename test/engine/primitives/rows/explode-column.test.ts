import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';
import { sqlTrim } from '../../../../src/engine/plan/render-helpers.js';

const dt = () => table({ id: 'integer', tags: 'string' }, [[1, 'a, b,,c '], [2, null], [3, ' , '], [4, 'd']]);

describe('explode_column', () => {
  it('splits into trimmed non-empty pieces, one row each, in place', () => {
    const result = apply(dt(), 'explode_column', { column: 'tags' });
    expect(rows(result.table)).toEqual([[1, 'a'], [1, 'b'], [1, 'c'], [2, null], [3, null], [4, 'd']]);
    expect(result.steps[0].metadata).toEqual({ rows_created: 2, delimiter: ',' });
    expect(result.steps[0].params).toEqual({ column: 'tags', delimiter: ',', trim: true, regex: false });
  });
  it('keeps whitespace without trim and uses literal multi-character delimiters', () => {
    expect(rows(apply(dt(), 'explode_column', { column: 'tags', trim: false }).table).slice(0, 4)).toEqual([[1, 'a'], [1, ' b'], [1, 'c '], [2, null]]);
    const pipes = table({ s: 'string' }, [['x||y|z']]);
    expect(rows(apply(pipes, 'explode_column', { column: 's', delimiter: '||' }).table)).toEqual([['x'], ['y|z']]);
    expect(rows(apply(pipes, 'explode_column', { column: 's', delimiter: '\\|+', regex: true }).table)).toEqual([['x'], ['y'], ['z']]);
    expect(rows(apply(table({ s: 'string' }, [['a1b22c']]), 'explode_column', { column: 's', delimiter: '(\\d)+', regex: true }).table)).toEqual([['a'], ['b'], ['c']]);
  });
  it('turns any column into string through text()', () => {
    const result = apply(table({ n: 'float', k: 'string' }, [[1.5, 'x'], [null, 'y']]), 'explode_column', { column: 'n', delimiter: '.' });
    expect(result.table.schema[0]).toEqual({ name: 'n', type: 'string' });
    expect(rows(result.table)).toEqual([['1', 'x'], ['5', 'x'], [null, 'y']]);
  });
  it('validates params', () => {
    expect(runStep(dt(), 'explode_column', { column: 'tags', delimiter: '' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'delimiter' });
    expect(runStep(dt(), 'explode_column', { column: 'tags', delimiter: '(', regex: true }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'delimiter' });
    expect(runStep(dt(), 'explode_column', { column: 'tags', delimiter: '(' }).ok).toBe(true);
    expect(runStep(dt(), 'explode_column', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'column' });
    expect(runStep(dt(), 'explode_column', { column: 'tag' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column', suggestion: 'tags' });
  });
  it('renders SQL for literal delimiters on text-safe columns', () => {
    const p = getPrimitive('explode_column')!;
    const r = p.render(p.params.parse({ column: 'tags', delimiter: ';' }), dt().schema);
    expect(r.js).toBe('dt = md.explode_column(dt, {"column":"tags","delimiter":";","trim":true,"regex":false});');
    expect(r.sql).toBe(
      `SELECT "t"."id", "p"."piece" AS "tags", ROW_NUMBER() OVER (ORDER BY "t"."_row", "p"."ord") AS "_row" FROM {input} AS "t" LEFT JOIN LATERAL (SELECT "x"."piece", "x"."ord" FROM (SELECT ${sqlTrim('"u"."piece"')} AS "piece", "u"."ord" FROM UNNEST(STRING_TO_ARRAY("t"."tags", ';')) WITH ORDINALITY AS "u"("piece", "ord")) AS "x" WHERE "x"."piece" <> '') AS "p" ON TRUE ORDER BY "_row"`,
    );
    expect(p.render(p.params.parse({ column: 'tags', delimiter: ';', regex: true }), dt().schema).sql).toBeNull();
  });
});
