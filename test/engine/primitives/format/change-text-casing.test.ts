import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/registry.js';
import { apply, runStep, table, values } from '../helpers.js';
import { sqlLower, sqlUpper } from '../../../../src/engine/plan/render-helpers.js';

const t = table({ s: 'string' }, [["o'neil-fox 3rd"], ["DON'T stop"], [null], ['hello. world!  again? yes.no'], ['straße'], ['(mary) [ann] {x} "y" a.b a/b']]);
const cased = (c: string) => values(apply(t, 'change_text_casing', { column: 's', case: c }).table, 's');

describe('change_text_casing', () => {
  it('lower and upper (ß → SS)', () => {
    expect(cased('lower')).toEqual(["o'neil-fox 3rd", "don't stop", null, 'hello. world!  again? yes.no', 'straße', '(mary) [ann] {x} "y" a.b a/b']);
    expect(cased('upper')).toEqual(["O'NEIL-FOX 3RD", "DON'T STOP", null, 'HELLO. WORLD!  AGAIN? YES.NO', 'STRASSE', '(MARY) [ANN] {X} "Y" A.B A/B']);
  });

  it('title: words begin after whitespace and - / ( [ { " . but not after an apostrophe or digit', () => {
    expect(cased('title')).toEqual(["O'neil-Fox 3rd", "Don't Stop", null, 'Hello. World!  Again? Yes.No', 'Straße', '(Mary) [Ann] {X} "Y" A.B A/B']);
  });

  it('sentence: first letter and after . ! ? followed by whitespace', () => {
    expect(cased('sentence')).toEqual(["O'neil-fox 3rd", "Don't stop", null, 'Hello. World!  Again? Yes.no', 'Straße', '(Mary) [ann] {x} "y" a.b a/b']);
  });

  it('counts changed values', () => {
    const r = apply(table({ s: 'string' }, [['abc'], ['ABC'], [null]]), 'change_text_casing', { column: 's', case: 'lower' });
    expect(r.steps[0].metadata).toEqual({ values_changed: 1 });
    expect(r.steps[0].warnings).toEqual([]);
  });

  it('turns other columns into string through text()', () => {
    const r = apply(table({ b: 'boolean', n: 'integer' }, [[true, 5], [null, null]]), 'change_text_casing', { column: 'b', case: 'upper' });
    expect(values(r.table, 'b')).toEqual(['TRUE', null]);
    expect(r.table.schema).toEqual([{ name: 'b', type: 'string' }, { name: 'n', type: 'integer' }]);
    const n = apply(table({ n: 'integer' }, [[5]]), 'change_text_casing', { column: 'n', case: 'title' });
    expect(values(n.table, 'n')).toEqual(['5']);
    expect(n.table.schema[0].type).toBe('string');
    expect(n.steps[0].metadata).toEqual({ values_changed: 0 });
  });

  it('validates parameters', () => {
    const err = (p: Record<string, unknown>) => runStep(t, 'change_text_casing', p).errors.map((e) => [e.code, e.param]);
    expect(err({ column: 's' })).toEqual([['INVALID_PARAM', 'case']]);
    expect(err({ column: 's', case: 'camel' })).toEqual([['INVALID_PARAM', 'case']]);
    expect(err({ column: 'x', case: 'lower' })).toEqual([['COLUMN_NOT_FOUND', 'column']]);
  });

  it('renders SQL for lower and upper of text-printable columns only', () => {
    const p = getPrimitive('change_text_casing')!;
    const schema = [{ name: 's', type: 'string' as const }, { name: 'n', type: 'integer' as const }, { name: 'f', type: 'float' as const }];
    expect(p.render({ column: 's', case: 'lower' }, schema)).toEqual({
      js: 'dt = md.change_text_casing(dt, {"column":"s","case":"lower"});',
      sql: `SELECT ${sqlLower('"s"')} AS "s", "n", "f", "_row" FROM {input} ORDER BY "_row"`,
    });
    expect(p.render({ column: 'n', case: 'upper' }, schema).sql).toBe(`SELECT "s", ${sqlUpper('"n"::text')} AS "n", "f", "_row" FROM {input} ORDER BY "_row"`);
    // JavaScript's full case mappings, which PostgreSQL's LOWER/UPPER lack, are spelled out (§2.7: "ß" → "SS").
    expect(sqlUpper('"s"')).toContain(`REPLACE("s", 'ß', 'SS')`);
    expect(sqlLower('"s"')).toContain(`REPLACE("s", 'İ', 'i\u0307')`);
    expect(p.render({ column: 'f', case: 'upper' }, schema).sql).toBeNull();
    expect(p.render({ column: 's', case: 'title' }, schema).sql).toBeNull();
  });
});
