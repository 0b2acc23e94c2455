import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const t = () =>
  table({ name: 'string', code: 'integer', price: 'float' }, [
    ['Smith, John', 105, 1.5],
    [null, null, null],
    ['Prince', 205, 10],
  ]);

describe('regex_replace', () => {
  it('replaces every match in place with $n references; the result is text', () => {
    const result = apply(t(), 'regex_replace', { column: 'name', pattern: '(\\w+), (\\w+)', replacement: '$2 $1' });
    expect(values(result.table, 'name')).toEqual(['John Smith', null, 'Prince']);
    expect(result.steps[0].params).toEqual({ column: 'name', pattern: '(\\w+), (\\w+)', replacement: '$2 $1', new_column: null, case_sensitive: true });
    expect(result.steps[0].metadata).toEqual({ transformed_count: 1, unchanged_count: 1 });
    const all = apply(t(), 'regex_replace', { column: 'name', pattern: '[aeiou]', replacement: '*' });
    expect(values(all.table, 'name')).toEqual(['Sm*th, J*hn', null, 'Pr*nc*']);
    expect(all.steps[0].metadata).toEqual({ transformed_count: 2, unchanged_count: 0 });
  });

  it('accepts $<name>, $&, $$ and the Python forms \\1, \\g<name>, \\g<1>, \\\\', () => {
    const named = { column: 'name', pattern: '(?P<last>\\w+), (?P<first>\\w+)' };
    expect(values(apply(t(), 'regex_replace', { ...named, replacement: '$<first> $<last>' }).table, 'name')).toEqual(['John Smith', null, 'Prince']);
    expect(values(apply(t(), 'regex_replace', { ...named, replacement: '\\g<first> \\g<last>' }).table, 'name')).toEqual(['John Smith', null, 'Prince']);
    expect(values(apply(t(), 'regex_replace', { ...named, replacement: '\\2 \\1' }).table, 'name')).toEqual(['John Smith', null, 'Prince']);
    expect(values(apply(t(), 'regex_replace', { ...named, replacement: '\\g<2>\\\\$$[$&]' }).table, 'name')).toEqual(['John\\$[Smith, John]', null, 'Prince']);
  });

  it('a group that did not take part inserts nothing; an empty result is null', () => {
    const s = table({ s: 'string' }, [['ab'], ['b'], ['x']]);
    expect(values(apply(s, 'regex_replace', { column: 's', pattern: '(a)?b', replacement: '[$1]' }).table, 's')).toEqual(['[a]', '[]', 'x']);
    const emptied = apply(s, 'regex_replace', { column: 's', pattern: '^.*$', replacement: '' });
    expect(values(emptied.table, 's')).toEqual([null, null, null]);
    expect(emptied.steps[0].metadata).toEqual({ transformed_count: 3, unchanged_count: 0 });
  });

  it('ignores case when case_sensitive is false, without altering the pattern', () => {
    const s = table({ s: 'string' }, [['Apple apple APPLE'], ['A1b2']]);
    expect(values(apply(s, 'regex_replace', { column: 's', pattern: 'apple', replacement: 'pear' }).table, 's')).toEqual(['Apple pear APPLE', 'A1b2']);
    expect(values(apply(s, 'regex_replace', { column: 's', pattern: 'apple', replacement: 'pear', case_sensitive: false }).table, 's')).toEqual(['pear pear pear', 'A1b2']);
    expect(values(apply(s, 'regex_replace', { column: 's', pattern: '\\D', replacement: '', case_sensitive: false }).table, 's')).toEqual([null, '12']);
  });

  it('writes into new_column (appended, text) or in place when new_column names the source', () => {
    const result = apply(t(), 'regex_replace', { column: 'name', pattern: ',.*', replacement: '', new_column: 'last' });
    expect(result.table.schema.map((c) => c.name)).toEqual(['name', 'code', 'price', 'last']);
    expect(result.table.schema[3]).toEqual({ name: 'last', type: 'string' });
    expect(values(result.table, 'last')).toEqual(['Smith', null, 'Prince']);
    expect(values(result.table, 'name')).toEqual(['Smith, John', null, 'Prince']);
    const same = apply(t(), 'regex_replace', { column: 'name', pattern: ',.*', replacement: '', new_column: 'name' });
    expect(same.table.schema.map((c) => c.name)).toEqual(['name', 'code', 'price']);
    expect(values(same.table, 'name')).toEqual(['Smith', null, 'Prince']);
    expect(runStep(t(), 'regex_replace', { column: 'name', pattern: 'a', replacement: 'b', new_column: 'code' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
  });

  it('works on text(v) of non-string columns, and the result is always string', () => {
    const codes = apply(t(), 'regex_replace', { column: 'code', pattern: '^(\\d)0', replacement: '$1-' });
    expect(values(codes.table, 'code')).toEqual(['1-5', null, '2-5']);
    expect(codes.table.schema[1]).toEqual({ name: 'code', type: 'string' });
    const unchanged = apply(t(), 'regex_replace', { column: 'price', pattern: 'x', replacement: 'y' });
    expect(values(unchanged.table, 'price')).toEqual(['1.5', null, '10']);
    expect(unchanged.table.schema[2]).toEqual({ name: 'price', type: 'string' });
    expect(unchanged.steps[0].metadata).toEqual({ transformed_count: 0, unchanged_count: 2 });
  });

  it('validates params: required, types, unknown, regex, group references, columns', () => {
    expect(runStep(t(), 'regex_replace', { column: 'name', pattern: 'a' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'replacement' });
    expect(runStep(t(), 'regex_replace', { column: 'name', replacement: 'a' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'pattern' });
    expect(runStep(t(), 'regex_replace', { column: 'name', pattern: 'a', replacement: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'replacement' });
    expect(runStep(t(), 'regex_replace', { column: 'name', pattern: 'a', replacement: 'b', ignore_case: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'ignore_case' });
    expect(runStep(t(), 'regex_replace', { column: 'Name', pattern: 'a', replacement: 'b' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column', suggestion: 'name' });
    expect(runStep(t(), 'regex_replace', { column: 'name', pattern: '(', replacement: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'pattern' });
    const badGroup = runStep(t(), 'regex_replace', { column: 'name', pattern: '(a)', replacement: '\\2' });
    expect(badGroup.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'replacement' });
    expect(badGroup.errors[0].message).toBe('Step 1 (regex_replace) replacement: replacement refers to group \\2, but the pattern has 1 group');
    const badName = runStep(t(), 'regex_replace', { column: 'name', pattern: '(?<a>x)', replacement: '$<b>' });
    expect(badName.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'replacement' });
    expect(badName.errors[0].message).toBe('Step 1 (regex_replace) replacement: replacement refers to group $<b>, but the pattern has no group named "b"');
  });

  it('renders JS only (SQL —)', () => {
    const p = getPrimitive('regex_replace')!;
    const params = { column: 'name', pattern: '\\s+', replacement: ' ', new_column: null, case_sensitive: true };
    expect(p.render(params, t().schema)).toEqual({ js: `dt = md.regex_replace(dt, ${JSON.stringify(params)});`, sql: null });
  });
});
