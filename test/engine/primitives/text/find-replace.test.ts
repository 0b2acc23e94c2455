import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const t = () =>
  table({ addr: 'string', code: 'integer', price: 'float' }, [
    ['1 Main St. St.', 105, 1.5],
    [null, null, null],
    ['2 Oak st.', 205, 10],
  ]);

describe('find_replace', () => {
  it('replaces every literal occurrence, case-sensitively by default', () => {
    const result = apply(t(), 'find_replace', { column: 'addr', find: 'St.', replace: 'Street' });
    expect(values(result.table, 'addr')).toEqual(['1 Main Street Street', null, '2 Oak st.']);
    expect(result.steps[0].params).toEqual({ column: 'addr', find: 'St.', replace: 'Street', use_regex: false, case_sensitive: true });
    expect(result.steps[0].metadata).toEqual({ values_changed: 1 });
  });

  it('literal mode matches regex characters literally and inserts replace literally, also ignoring case', () => {
    const dots = table({ s: 'string' }, [['a.b'], ['axb'], ['A.B.a.b']]);
    expect(values(apply(dots, 'find_replace', { column: 's', find: '.', replace: '-' }).table, 's')).toEqual(['a-b', 'axb', 'A-B-a-b']);
    const folded = apply(dots, 'find_replace', { column: 's', find: 'A.B', replace: '$1\\&$&', case_sensitive: false });
    expect(values(folded.table, 's')).toEqual(['$1\\&$&', 'axb', '$1\\&$&.$1\\&$&']);
    expect(folded.steps[0].metadata).toEqual({ values_changed: 2 });
  });

  it('regex mode uses replacement templates, JavaScript and Python forms', () => {
    const names = table({ n: 'string' }, [['Smith, John'], ['Lee, Ann'], ['Prince']]);
    expect(values(apply(names, 'find_replace', { column: 'n', find: '(\\w+), (\\w+)', replace: '$2 $1', use_regex: true }).table, 'n')).toEqual(['John Smith', 'Ann Lee', 'Prince']);
    expect(values(apply(names, 'find_replace', { column: 'n', find: '(?P<last>\\w+), (?P<first>\\w+)', replace: '\\g<first> \\g<last>', use_regex: true }).table, 'n')).toEqual(['John Smith', 'Ann Lee', 'Prince']);
    expect(values(apply(names, 'find_replace', { column: 'n', find: 'SMITH', replace: 'X', use_regex: true, case_sensitive: false }).table, 'n')).toEqual(['X, John', 'Lee, Ann', 'Prince']);
  });

  it('an empty result is null (turning placeholder texts into blanks)', () => {
    const s = table({ status: 'string' }, [['N/A'], ['na'], ['active'], ['NULL']]);
    const result = apply(s, 'find_replace', { column: 'status', find: '^(N/A|NA|NULL)$', replace: '', use_regex: true, case_sensitive: false });
    expect(values(result.table, 'status')).toEqual([null, null, 'active', null]);
    expect(result.steps[0].metadata).toEqual({ values_changed: 3 });
    expect(values(apply(s, 'find_replace', { column: 'status', find: 'active', replace: '' }).table, 'status')).toEqual(['N/A', 'na', null, 'NULL']);
  });

  it('a non-string column becomes string only when a cell changes', () => {
    const changed = apply(t(), 'find_replace', { column: 'code', find: '05', replace: '99' });
    expect(values(changed.table, 'code')).toEqual(['199', null, '299']);
    expect(changed.table.schema[1]).toEqual({ name: 'code', type: 'string' });
    const floats = apply(t(), 'find_replace', { column: 'price', find: '.5', replace: '.75' });
    expect(values(floats.table, 'price')).toEqual(['1.75', null, '10']);
    const same = apply(t(), 'find_replace', { column: 'code', find: '7', replace: '8' });
    expect(values(same.table, 'code')).toEqual([105, null, 205]);
    expect(same.table.schema[1]).toEqual({ name: 'code', type: 'integer' });
    expect(same.steps[0].metadata).toEqual({ values_changed: 0 });
  });

  it('validates params: required, types, empty find, regex and group references', () => {
    expect(runStep(t(), 'find_replace', { column: 'addr', find: 'a' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'replace' });
    expect(runStep(t(), 'find_replace', { column: 'addr', find: '', replace: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'find' });
    expect(runStep(t(), 'find_replace', { column: 'addr', find: 5, replace: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'find' });
    expect(runStep(t(), 'find_replace', { column: 'addr', find: 'a', replace: 'x', regex: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'regex' });
    expect(runStep(t(), 'find_replace', { column: 'Addr', find: 'a', replace: 'x' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column', suggestion: 'addr' });
    const badRegex = runStep(t(), 'find_replace', { column: 'addr', find: '(', replace: 'x', use_regex: true });
    expect(badRegex.errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'find' });
    expect(runStep(t(), 'find_replace', { column: 'addr', find: '(', replace: 'x' }).ok).toBe(true); // literal: no syntax
    const badGroup = runStep(t(), 'find_replace', { column: 'addr', find: '(a)', replace: '$2', use_regex: true });
    expect(badGroup.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'replace' });
    expect(badGroup.errors[0].message).toBe('Step 1 (find_replace) replace: replacement refers to group $2, but the pattern has 1 group');
    expect(runStep(t(), 'find_replace', { column: 'addr', find: 'a', replace: '$2' }).ok).toBe(true); // literal: $2 is text
  });

  it('renders SQL only for literal, case-sensitive replacement in a string column', () => {
    const p = getPrimitive('find_replace')!;
    const base = { column: 'addr', find: "St'", replace: 'Street', use_regex: false, case_sensitive: true };
    expect(p.render(base, t().schema)).toEqual({
      js: `dt = md.find_replace(dt, ${JSON.stringify(base)});`,
      sql: `SELECT NULLIF(REPLACE("addr", 'St''', 'Street'), '') AS "addr", "code", "price", "_row" FROM {input} ORDER BY "_row"`,
    });
    expect(p.render({ ...base, case_sensitive: false }, t().schema).sql).toBeNull();
    expect(p.render({ ...base, use_regex: true }, t().schema).sql).toBeNull();
    expect(p.render({ ...base, column: 'code' }, t().schema).sql).toBeNull();
  });
});
