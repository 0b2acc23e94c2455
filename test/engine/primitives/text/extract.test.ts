import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const emails = () =>
  table({ email: 'string', n: 'float' }, [
    ['ann@example.com', 12.5],
    [null, null],
    ['no-at-sign', -3],
    ['a@b@c', 1e21],
  ]);

describe('extract_text', () => {
  it('before / after the first delimiter; absent delimiter → null', () => {
    const before = apply(emails(), 'extract_text', { column: 'email', new_column: 'user', method: 'before', delimiter: '@' });
    expect(values(before.table, 'user')).toEqual(['ann', null, null, 'a']);
    expect(before.table.schema.at(-1)).toEqual({ name: 'user', type: 'string' });
    expect(before.steps[0].metadata).toEqual({ extracted_count: 2 });
    expect(before.steps[0].params).toEqual({ column: 'email', new_column: 'user', method: 'before', start: 0, end: null, pattern: null, delimiter: '@', delimiter2: null });
    const after = apply(emails(), 'extract_text', { column: 'email', new_column: 'domain', method: 'after', delimiter: '@' });
    expect(values(after.table, 'domain')).toEqual(['example.com', null, null, 'b@c']);
  });

  it('between: after the first delimiter up to the next delimiter2 (multi-character, literal)', () => {
    const t = table({ s: 'string' }, [['x [[a]] y [[b]]'], ['[[open'], ['[[]]'], ['no']]);
    const out = apply(t, 'extract_text', { column: 's', new_column: 'v', method: 'between', delimiter: '[[', delimiter2: ']]' });
    expect(values(out.table, 'v')).toEqual(['a', null, null, null]);
    expect(out.steps[0].metadata).toEqual({ extracted_count: 1 });
  });

  it('position: code points [start, end), negatives from the end, on the text form', () => {
    const t = table({ s: 'string' }, [['a😀bcd'], ['xy'], [null]]);
    expect(values(apply(t, 'extract_text', { column: 's', new_column: 'v', method: 'position', start: 1, end: 3 }).table, 'v')).toEqual(['😀b', 'y', null]);
    expect(values(apply(t, 'extract_text', { column: 's', new_column: 'v', method: 'position', start: -2 }).table, 'v')).toEqual(['cd', 'xy', null]);
    expect(values(apply(t, 'extract_text', { column: 's', new_column: 'v', method: 'position', start: 0, end: -1 }).table, 'v')).toEqual(['a😀bc', 'x', null]);
    expect(values(apply(t, 'extract_text', { column: 's', new_column: 'v', method: 'position', start: 5 }).table, 'v')).toEqual([null, null, null]);
    expect(values(apply(emails(), 'extract_text', { column: 'n', new_column: 'v', method: 'position', start: 0, end: 2 }).table, 'v')).toEqual(['12', null, '-3', '1e']);
  });

  it('regex: group 1 when the pattern has groups, else the whole match; no match → null', () => {
    expect(values(apply(emails(), 'extract_text', { column: 'email', new_column: 'v', method: 'regex', pattern: '@(\\w+)' }).table, 'v')).toEqual(['example', null, null, 'b']);
    expect(values(apply(emails(), 'extract_text', { column: 'email', new_column: 'v', method: 'regex', pattern: '\\.\\w+$' }).table, 'v')).toEqual(['.com', null, null, null]);
  });

  it('requires the parameters of its method and checks the rest', () => {
    const missing = runStep(emails(), 'extract_text', { column: 'email', new_column: 'v', method: 'between', delimiter: '(' });
    expect(missing.errors).toHaveLength(1);
    expect(missing.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'delimiter2', message: 'Step 1 (extract_text) delimiter2: is required when method is "between"' });
    expect(runStep(emails(), 'extract_text', { column: 'email', new_column: 'v', method: 'regex' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'pattern' });
    expect(runStep(emails(), 'extract_text', { column: 'email', new_column: 'v', method: 'regex', pattern: '[' }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'pattern' });
    expect(runStep(emails(), 'extract_text', { column: 'email', new_column: 'v', method: 'split' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'method' });
    expect(runStep(emails(), 'extract_text', { column: 'email', method: 'before', delimiter: '@' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_column' });
    expect(runStep(emails(), 'extract_text', { column: 'email', new_column: 'n', method: 'before', delimiter: '@' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(emails(), 'extract_text', { column: 'mail', new_column: 'v', method: 'before', delimiter: '@' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 'email' });
    expect(runStep(emails(), 'extract_text', { column: 'email', new_column: 'v', method: 'before', delimiter: '@', sep: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'sep' });
    expect(getPrimitive('extract_text')!.render({ column: 'email', new_column: 'v', method: 'before', start: 0, end: null, pattern: null, delimiter: '@', delimiter2: null }, emails().schema).sql).toBeNull();
  });
});

describe('regex_extract', () => {
  it('writes the first match (group 0) or a capture group into a new string column', () => {
    const whole = apply(emails(), 'regex_extract', { column: 'email', pattern: '\\w+@\\w+', new_column: 'v' });
    expect(values(whole.table, 'v')).toEqual(['ann@example', null, null, 'a@b']);
    expect(whole.steps[0].params).toEqual({ column: 'email', pattern: '\\w+@\\w+', new_column: 'v', group: 0, case_sensitive: true });
    expect(whole.steps[0].metadata).toEqual({ extracted_count: 2, no_match_count: 1 });
    const group = apply(emails(), 'regex_extract', { column: 'email', pattern: '@(?P<host>\\w+)', new_column: 'v', group: 1 });
    expect(values(group.table, 'v')).toEqual(['example', null, null, 'b']);
  });

  it('a group that did not take part is null but counts as a match; case-insensitive on request; numbers by text', () => {
    const t = table({ s: 'string' }, [['ID-7'], ['id'], ['x']]);
    const out = apply(t, 'regex_extract', { column: 's', pattern: 'id(?:-(\\d))?', new_column: 'v', group: 1, case_sensitive: false });
    expect(values(out.table, 'v')).toEqual(['7', null, null]);
    expect(out.steps[0].metadata).toEqual({ extracted_count: 1, no_match_count: 1 });
    expect(values(apply(emails(), 'regex_extract', { column: 'n', pattern: '\\.\\d', new_column: 'v' }).table, 'v')).toEqual(['.5', null, null, null]);
  });

  it('rejects a group above the pattern’s group count, bad patterns and existing names', () => {
    const high = runStep(emails(), 'regex_extract', { column: 'email', pattern: '(a)', new_column: 'v', group: 2 });
    expect(high.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'group', message: 'Step 1 (regex_extract) group: the pattern has 1 group, so group 2 does not exist' });
    expect(runStep(emails(), 'regex_extract', { column: 'email', pattern: '(', new_column: 'v' }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'pattern' });
    expect(runStep(emails(), 'regex_extract', { column: 'email', pattern: 'a', new_column: 'v', group: -1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'group' });
    expect(runStep(emails(), 'regex_extract', { column: 'email', pattern: 'a', new_column: 'email' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(emails(), 'regex_extract', { column: 'email', new_column: 'v' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'pattern' });
    expect(getPrimitive('regex_extract')!.render({ column: 'email', pattern: 'a', new_column: 'v', group: 0, case_sensitive: true }, emails().schema)).toEqual({
      js: 'dt = md.regex_extract(dt, {"column":"email","pattern":"a","new_column":"v","group":0,"case_sensitive":true});',
      sql: null,
    });
  });
});
