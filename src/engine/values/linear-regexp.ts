import { RE2JS } from 're2js';
import { toRe2Pattern } from './re2-pattern.js';
import { unsafeRegexReason } from './regex-safety.js';

/**
 * Texts up to this length are matched by JavaScript's own engine when the pattern passes the full static check
 * (no more than quadratic in the text's length): faster than RE2 in JavaScript there, and bounded — a 50 MB upload
 * of such cells costs seconds at worst. Longer texts always go to RE2.
 */
const NATIVE_MAX_CHARS = 64;

/**
 * A RegExp whose matching runs in time linear in the text whatever the pattern, so no value can make a step run for
 * minutes: RE2 (re2js) for long texts, JavaScript's engine for short ones when that is safe. It is a real RegExp
 * (same source, flags and syntax errors) whose `exec` is replaced; the standard `test`, `String#replace` (templates
 * included), `matchAll` and `split` are defined in terms of `exec`, so they keep JavaScript's rules (lastIndex,
 * empty matches, `$<name>`) unchanged. Both engines give the same answers (test/engine/linear-regex.test.ts).
 */
export class LinearRegExp extends RegExp {
  readonly #program: RE2JS;
  readonly #names: [string, number][];
  readonly #native: RegExp | null;

  /** Also called with (regexp, flags) by `matchAll` and `split` to copy one. Throws when RE2 cannot express it. */
  constructor(pattern: string | RegExp, flags?: string) {
    super(pattern, flags);
    const re2 = toRe2Pattern(this.source);
    if (re2 === null) throw new SyntaxError(`/${this.source}/ cannot run on the linear-time engine`);
    this.#program = RE2JS.compile(re2, this.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    this.#names = Object.entries(this.#program.namedGroups());
    this.#native = unsafeRegexReason(this.source) === null ? new RegExp(this.source, this.flags) : null;
  }

  /** Runs `fn` on the native twin for a short text (carrying lastIndex across), or returns undefined. */
  #short<T>(text: string, fn: (native: RegExp) => T): { value: T } | undefined {
    const native = this.#native;
    if (!native || text.length > NATIVE_MAX_CHARS) return undefined;
    native.lastIndex = this.lastIndex;
    const value = fn(native);
    this.lastIndex = native.lastIndex;
    return { value };
  }

  override [Symbol.replace](text: string, replacement: string | ((substring: string, ...args: any[]) => string)): string {
    const input = String(text);
    return (this.#short(input, (native) => native[Symbol.replace](input, replacement as string)) ?? { value: super[Symbol.replace](input, replacement as string) }).value;
  }

  override exec(text: string): RegExpExecArray | null {
    const input = String(text);
    const short = this.#short(input, (native) => native.exec(input));
    if (short) return short.value;
    const tracked = this.global || this.sticky;
    const from = tracked ? this.lastIndex : 0;
    const matcher = this.#program.matcher(input);
    // Leftmost-first: when a match starts at `from`, the search from `from` finds it, so sticky is a check on it.
    if (from > input.length || !matcher.find(from) || (this.sticky && matcher.start() !== from)) {
      if (tracked) this.lastIndex = 0;
      return null;
    }
    const count = this.#program.groupCount();
    const result = Array.from({ length: count + 1 }, (_, g) => matcher.group(g) ?? undefined) as unknown as RegExpExecArray;
    result.index = matcher.start();
    result.input = input;
    if (this.#names.length > 0) {
      const groups: Record<string, string | undefined> = Object.create(null);
      for (const [name, index] of this.#names) groups[name] = result[index];
      result.groups = groups as Record<string, string>;
    } else result.groups = undefined;
    if (tracked) this.lastIndex = matcher.end();
    return result;
  }
}

/** The linear-time RegExp for a pattern, or null where RE2 cannot express it (see toRe2Pattern). */
export function linearRegExp(source: string, flags: string): LinearRegExp | null {
  try {
    return new LinearRegExp(source, flags);
  } catch {
    return null; // not expressible in RE2, or beyond its limits (a repeat over 1000, a very large program)
  }
}
