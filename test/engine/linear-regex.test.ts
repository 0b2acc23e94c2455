import { describe, expect, it } from 'vitest';
import { runPlan } from '../../src/engine/plan/index.js';
import { LinearRegExp, linearRegExp } from '../../src/engine/values/linear-regexp.js';
import { toRe2Pattern } from '../../src/engine/values/re2-pattern.js';
import { compileRegex, regexError } from '../../src/engine/values/regex.js';
import { column, read } from './helpers.js';

/** Patterns the linear-time engine runs; each must behave exactly as JavaScript's own engine does. */
const LINEAR = [
  '\\s+$', '^\\s*(.*?)\\s*$', '(?<y>\\d{4})-(?<m>\\d\\d)?', '\\b\\w+\\b', 'a|ab', '(a|ab)(c|bcd)(d*)', 'x*', '', '^', '$', '\\d+(?:\\.\\d+)?',
  '[^\\s,]+', '\\p{Lu}\\p{Ll}*', '\\p{Script=Greek}+', '[\\d\\s]+', '.', '.+', '\\u00e9|\\u{1F600}', '\\uD83D\\uDE00', '[\\b]', '\\/', '\\cJ', '\\0',
  '\\x41', '\\v', 'é', 'ǅ', 'ß', 'K', 'σ', '[a-z]+', '\\W+', '[[:a]+', '\\S+', '[\\D]', '(a|b)+', '(?:ab)+c?', 'a{2,3}?',
  '^\\+?\\d{1,3}[-.\\s]?\\(?\\d{3}\\)?[-.\\s]?\\d{3}[-.\\s]?\\d{4}$', '(\\d{3}[-.]?)+', '[\\w.+-]+@[\\w-]+\\.[\\w.-]+', '\\d+\\d+', '.*.*=x',
];
/** Patterns RE2 cannot run with JavaScript's meaning: JavaScript's engine runs them, behind the full static check. */
const NATIVE = ['(\\w)\\1', '(?<q>["\'])\\k<q>', '(?<=\\$)\\d+', 'a(?!b)', '(?:(a)|b)+', '[\\S\\d]', '\\p{Letter}+', '[]', '[^]'];
const SHORT_TEXTS = [
  '', 'a', 'ab abc abcd', '  hello world  ', '2024-01-31 and 1999-1', 'Éé ÉCOLE école', 'ΑΒΓ αβγ', '😀x😀', 'line1\nline2\r\n\u2028x', 'a\u00a0b\u3000c\ufeffd\u000b',
  '1.5, 22, 333.25', 'john.smith+x@acme.co.uk;bad@', 'STRASSE straße ǄǅǆKk σΣς', '\b\bx', 'a/b/c', '+1 (555) 123-4567', '555.123.4567', '[:alpha:]', 'AAA\n\0\u0001',
];

/** Short texts may go to JavaScript's engine; the padded ones (over 64 characters) always go to RE2. */
const TEXTS = SHORT_TEXTS.flatMap((t) => [t, `${t}${' ~'.repeat(40)}`, `${'~ '.repeat(40)}${t}`, `${t}\n${t} ${t} ${'.'.repeat(70)}`]);

const shape = (matches: Iterable<RegExpMatchArray>) => JSON.stringify([...matches].map((m) => [m.index, [...m], m.groups]));

describe('the linear-time regex engine', () => {
  it.each(['u', 'ui'])('agrees with JavaScript on every pattern and text: matches, groups, replace, test, split (flags %s)', (flags) => {
    const differences: string[] = [];
    for (const pattern of LINEAR) {
      const linear = new LinearRegExp(pattern, flags);
      const native = new RegExp(pattern, flags);
      for (const text of TEXTS) {
        const where = `/${pattern}/${flags} on ${JSON.stringify(text)}`;
        if (shape(text.matchAll(new RegExp(pattern, `${flags}g`))) !== shape(text.matchAll(new LinearRegExp(pattern, `${flags}g`)))) differences.push(`matchAll ${where}`);
        if (JSON.stringify(native.exec(text)) !== JSON.stringify(linear.exec(text))) differences.push(`exec ${where}`);
        if (native.test(text) !== linear.test(text)) differences.push(`test ${where}`);
        for (const template of ['[$&|$1]', '<$<y>>', '$$']) {
          const global = [new RegExp(pattern, `${flags}g`), new LinearRegExp(pattern, `${flags}g`)] as const;
          if (text.replace(global[0], template) !== text.replace(global[1], template)) differences.push(`replace ${template} ${where}`);
        }
        if (JSON.stringify(text.split(native)) !== JSON.stringify(text.split(linear))) differences.push(`split ${where}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('keeps lastIndex as JavaScript does for global and sticky searches', () => {
    for (const flags of ['gu', 'yu']) {
      const [native, linear] = [new RegExp('\\d+', flags), new LinearRegExp('\\d+', flags)];
      const text = `12 345 6${' '.repeat(80)}78`;
      for (let i = 0; i < 6; i++) {
        expect(JSON.stringify(linear.exec(text)), `${flags} round ${i}`).toBe(JSON.stringify(native.exec(text)));
        expect(linear.lastIndex).toBe(native.lastIndex);
      }
      native.lastIndex = linear.lastIndex = 99;
      expect(linear.exec(text)).toBe(native.exec(text));
      expect(linear.lastIndex).toBe(0);
    }
  });

  it('leaves to JavaScript what RE2 cannot express with the same meaning, and those still work', () => {
    for (const pattern of NATIVE) {
      expect(toRe2Pattern(pattern), pattern).toBeNull();
      expect(linearRegExp(pattern, 'u'), pattern).toBeNull();
    }
    expect(compileRegex('(\\w)\\1')).not.toBeInstanceOf(LinearRegExp);
    expect(compileRegex('(\\w)\\1').exec('abccd')?.[0]).toBe('cc');
    expect(compileRegex('(?<=\\$)\\d+').exec('cost $42')?.[0]).toBe('42');
    // RE2's repeat limit: beyond it the pattern runs natively.
    expect(compileRegex('a{2000}')).not.toBeInstanceOf(LinearRegExp);
    expect(compileRegex('\\d{4}')).toBeInstanceOf(LinearRegExp);
    expect(compileRegex('x', { global: true, caseInsensitive: true }).flags).toBe('giu');
  });

  it('accepts patterns that are only polynomially slow when backtracking, unless they must backtrack', () => {
    for (const pattern of ['\\d+\\d+', '.*.*=x', '^\\s*(.*?)\\s*$', '\\s+$', '\\w+\\w+\\w+!x']) expect(regexError(pattern), pattern).toBeNull();
    // With a lookahead the pattern runs natively, so the quadratic shape is still refused there.
    expect(regexError('\\d+\\d+(?=x)')).toMatch(/two repetitions in a row/);
    // Exponential shapes are refused everywhere: the exported code would hang on them.
    expect(regexError('(a+)+$')).toMatch(/match the same text/);
  });

  it('runs the steps that take a regex over hostile long cells in linear time, with the right results', () => {
    const spaces = ' '.repeat(200_000);
    const digits = '1'.repeat(200_000);
    const dt = read(`id,text\n1,"${spaces}x"\n2,"${digits}"\n3,"  keep me  "\n`);
    const steps = [
      { op: 'find_replace', params: { column: 'text', find: '\\s+$', replace: '', use_regex: true } },
      { op: 'string_contains', params: { column: 'text', substring: '\\d+\\d+x', regex: true, new_column: 'has' } },
      { op: 'regex_extract', params: { column: 'text', pattern: '^\\s*(.*?)\\s*$', group: 1, new_column: 'inner' } },
      { op: 'validate_pattern', params: { column: 'text', pattern: '\\d+\\d+', add_valid_flag: true } },
      { op: 'split_column', params: { column: 'text', delimiter: '\\s+\\s+x', regex: true, new_columns: ['before', 'after'], keep_original: true } },
      { op: 'filter_rows', params: { conditions: [{ column: 'text', operator: 'regex', value: '.*.*=x' }], keep: false } },
    ];
    const started = performance.now();
    const result = runPlan(dt.table, steps, { now: '2026-01-01T00:00:00Z' });
    // A hang, not slowness: each step needs minutes on a backtracking engine with these cells.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    // Long texts shown by length and ending, so a failure prints a readable diff.
    const brief = (name: string) => column(result.table, name).map((v) => (typeof v === 'string' && v.length > 50 ? `${v.length} chars ending ${v.slice(-2)}` : v));
    expect(brief('text')).toEqual(['200001 chars ending  x', '200000 chars ending 11', '  keep me']);
    expect(brief('has')).toEqual([false, false, false]);
    expect(brief('inner')).toEqual(['x', '200000 chars ending 11', 'keep me']);
    expect(brief('text_valid')).toEqual([false, true, false]);
    expect(brief('before')).toEqual([null, '200000 chars ending 11', '  keep me']);
    expect(brief('after')).toEqual([null, null, null]);
  });
});
