import { linearRegExp } from './linear-regexp.js';
import { unsafeRegexReason } from './regex-safety.js';

/** Regular expressions (§2.7): JavaScript syntax with the `u` flag; Python named groups accepted. */
export function toJsPattern(pattern: string): string {
  return pattern.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>');
}

/**
 * Compiles a user pattern; throws for invalid syntax and for a pattern that could backtrack catastrophically. The
 * result matches in linear time (RE2) wherever RE2 can express the pattern with JavaScript's meaning; the rest
 * (back-references, lookarounds, …) runs on JavaScript's own engine, behind the stricter static check.
 */
export function compileRegex(pattern: string, options: { caseInsensitive?: boolean; global?: boolean; fullMatch?: boolean } = {}): RegExp {
  const js = toJsPattern(pattern);
  const source = options.fullMatch ? `^(?:${js})$` : js;
  const flags = `u${options.caseInsensitive ? 'i' : ''}${options.global ? 'g' : ''}`;
  const native = new RegExp(source, flags);
  const linear = linearRegExp(source, flags);
  const unsafe = unsafeRegexReason(js, { quadratic: linear === null });
  if (unsafe) throw new SyntaxError(unsafe);
  return linear ?? native;
}

/** The engine's message for an invalid pattern, or null when it compiles. */
export function regexError(pattern: string): string | null {
  try {
    compileRegex(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
