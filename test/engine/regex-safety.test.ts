import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../src/engine/plan/index.js';
import { unsafeRegexReason } from '../../src/engine/values/regex-safety.js';
import { compileRegex, regexError, toJsPattern } from '../../src/engine/values/regex.js';

/** Patterns that backtrack exponentially on some input: refused before they run. */
const UNSAFE = [
  '(a+)+$', '(a*)*', '^(\\w+\\s?)+$', '(.*,)+', '(a|a)+', '(\\w|\\d)+$', '(a|ab)*c',
  '^(([a-z])+.)+[A-Z]([a-z])+$', '(x+x+)+y', '^(\\d+)*$', '(.*a){20}', '(a+){2,10}', '([a-z]+\\w)+', '(?:a|a?)+',
  '(\\s*,\\s*)*x', '(?P<n>a+)+$', '^(a+)+?$', '((ab)*)+$', '(\\d+|\\d+\\.\\d+)+$',
];
/** Everyday patterns that must keep working. */
const SAFE = [
  '^\\d{4}-\\d{2}-\\d{2}$', '(\\d+,)+', '([^,]*,)+', '(cat|car)+', '^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$', '^(N/A|NA|NULL)$', '\\D$',
  '(\\d{3}[-.]?)+', '^\\+?\\d{1,3}[-.\\s]?\\(?\\d{3}\\)?[-.\\s]?\\d{3}[-.\\s]?\\d{4}$', '(?P<year>\\d{4})-(?P<month>\\d{2})',
  '^[A-Z]{2}\\d{6}$', '\\s+', 'foo|bar', '^(?:[01]\\d|2[0-3]):[0-5]\\d$', '(\\w+)@(\\w+)\\.com', '[^a-z0-9]+', '(ab)+',
  '^(\\d{1,3}\\.){3}\\d{1,3}$', '(\\w+\\.)+\\w+$', '\\$\\d+(\\.\\d{2})?', '^\\p{Lu}\\p{Ll}+$', '(?<=\\$)\\d+', '(\\w)\\1',
];

describe('regex safety', () => {
  it.each(UNSAFE)('refuses %s', (pattern) => {
    expect(unsafeRegexReason(toJsPattern(pattern))).toMatch(/Rewrite it/);
    expect(regexError(pattern)).toMatch(/match the same/);
    expect(() => compileRegex(pattern)).toThrow(SyntaxError);
  });

  it.each(SAFE)('accepts %s, and it runs fast on hostile input', (pattern) => {
    expect(unsafeRegexReason(toJsPattern(pattern))).toBeNull();
    const re = compileRegex(pattern, { fullMatch: true });
    for (const text of ['a'.repeat(3000) + '!', '1'.repeat(3000) + 'x', `${'a.'.repeat(1500)}!`, `${' ,'.repeat(1500)}x`]) {
      const started = performance.now();
      re.test(text);
      expect(performance.now() - started, `${pattern} on ${text.slice(0, 8)}…`).toBeLessThan(500);
    }
  });

  it.each(['\\d+\\d+', '.*.*=x', '\\s*\\s+$'])('finds %s quadratic: refused where the engine must backtrack, run in linear time otherwise', (pattern) => {
    expect(unsafeRegexReason(pattern)).toMatch(/two repetitions in a row/);
    expect(unsafeRegexReason(pattern, { quadratic: false })).toBeNull();
    expect(regexError(pattern)).toBeNull();
    expect(regexError(`${pattern}(?=z)`)).toMatch(/two repetitions in a row/);
  });

  it('refuses very long patterns', () => {
    expect(unsafeRegexReason('a'.repeat(1001))).toMatch(/longer than 1000/);
  });

  it('a plan step with a hostile pattern is INVALID_REGEX at validation, before any data is touched', () => {
    const schema = [{ name: 'name', type: 'string' as const }];
    const result = validatePlan([{ op: 'filter_rows', params: { conditions: [{ column: 'name', operator: 'regex', value: '(a+)+$' }] } }], schema as never);
    expect(JSON.stringify(result)).toMatch(/INVALID_REGEX/);
  });
});
