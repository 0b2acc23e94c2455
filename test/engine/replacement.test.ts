import { describe, expect, it } from 'vitest';
import {
  makeRegexReplacer,
  parseReplacement,
  patternGroups,
  replacementError,
  toJsReplacement,
} from '../../src/engine/values/index.js';
import { compileRegex } from '../../src/engine/values/regex.js';

const replaceAll = (pattern: string, template: string, text: string) => makeRegexReplacer(compileRegex(pattern), template)(text);

describe('replacement templates (§2.7)', () => {
  it('counts and names the groups of a pattern, Python names included', () => {
    expect(patternGroups('a(b)(?<x>c)(?P<y>d)(?:e)')).toEqual({ count: 3, names: ['x', 'y'] });
    expect(patternGroups('abc')).toEqual({ count: 0, names: [] });
  });

  it('inserts JavaScript-style references', () => {
    expect(replaceAll('(\\w+)@(\\w+)', '$2 at $1', 'ann@example')).toBe('example at ann');
    expect(replaceAll('(?<user>\\w+)@', '$<user>:', 'ann@x')).toBe('ann:x');
    expect(replaceAll('\\d+', '[$&]', 'a1b22')).toBe('a[1]b[22]');
    expect(replaceAll('\\d', '$$', 'a1b2')).toBe('a$b$');
  });

  it('inserts Python-style references', () => {
    expect(replaceAll('(\\w+) (\\w+)', '\\2 \\1', 'John Smith')).toBe('Smith John');
    expect(replaceAll('(\\w+) (\\w+)', '\\g<2>, \\g<1>', 'John Smith')).toBe('Smith, John');
    expect(replaceAll('(?P<first>\\w+) (?P<last>\\w+)', '\\g<last> \\g<first>', 'John Smith')).toBe('Smith John');
    expect(replaceAll('(?P<first>\\w+) (?P<last>\\w+)', '$<last>/\\g<first>', 'John Smith')).toBe('Smith/John');
    expect(replaceAll('-', '\\\\', 'a-b')).toBe('a\\b');
    expect(replaceAll('(b)', '\\g<0>\\g<0>', 'abc')).toBe('abbc');
  });

  it('keeps any other $ or backslash literal', () => {
    expect(replaceAll('x', '\\n\\t\\0', 'axb')).toBe('a\\n\\t\\0b');
    expect(replaceAll('x', '$ $x $0 $', 'axb')).toBe('a$ $x $0 $b');
    expect(replaceAll('x', '$<1a> \\g<', 'axb')).toBe('a$<1a> \\g<b');
    expect(replaceAll('(x)', 'US$1.00', 'x')).toBe('USx.00');
  });

  it('reads $nn as two digits only when that group exists, and \\nn greedily', () => {
    const eleven = '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)';
    expect(replaceAll(eleven, '$11', 'abcdefghijk')).toBe('k');
    expect(replaceAll('(a)', '$10', 'a')).toBe('a0');
    expect(replaceAll(eleven, '\\11', 'abcdefghijk')).toBe('k');
    expect(replaceAll('(a)', '$01', 'a')).toBe('a');
    expect(replaceAll('(a)', '\\g<1>0', 'a')).toBe('a0');
  });

  it('a group that did not take part inserts nothing', () => {
    expect(replaceAll('(a)|(b)', '[$1|$2]', 'ab')).toBe('[a|][|b]');
    expect(replaceAll('(?<x>a)|b', '<\\g<x>>', 'ab')).toBe('<a><>');
  });

  it('rejects references to groups the pattern does not have', () => {
    expect(replacementError('$1', 'abc')).toBe('replacement refers to group $1, but the pattern has 0 groups');
    expect(replacementError('\\3', '(a)(b)')).toBe('replacement refers to group \\3, but the pattern has 2 groups');
    expect(replacementError('$12', '(a)')).toBeNull(); // group 1 then "2"
    expect(replacementError('$23', '(a)')).toBe('replacement refers to group $23, but the pattern has 1 group');
    expect(replacementError('\\12', '(a)')).toBe('replacement refers to group \\12, but the pattern has 1 group');
    expect(replacementError('\\g<2>', '(a)')).toBe('replacement refers to group \\g<2>, but the pattern has 1 group');
    expect(replacementError('$<nope>', '(?<x>a)')).toBe('replacement refers to group $<nope>, but the pattern has no group named "nope"');
    expect(replacementError('\\g<nope>', '(a)')).toBe('replacement refers to group \\g<nope>, but the pattern has no group named "nope"');
    expect(replacementError('$& $$ \\\\', 'a')).toBeNull();
    expect(replacementError('$1', '(')).toBeNull(); // the pattern's own INVALID_REGEX covers it
    expect(() => makeRegexReplacer(/a/u, '$1')).toThrow('pattern has 0 groups');
  });

  it('turns a template into the equivalent native replacement string', () => {
    const groups = patternGroups('(a)(?<n>b)');
    expect(toJsReplacement(parseReplacement('\\1-$2-\\g<n>-$&-$$-\\\\', groups).parts)).toBe('$01-$02-$<n>-$&-$$-\\');
    expect(parseReplacement('x\\1y', groups).parts).toEqual([
      { kind: 'text', text: 'x' },
      { kind: 'group', index: 1 },
      { kind: 'text', text: 'y' },
    ]);
  });
});
