import { unsafeRegexReason } from './regex-safety.js';

/** Regular expressions (§2.7): JavaScript syntax with the `u` flag; Python named groups accepted. */
export function toJsPattern(pattern: string): string {
  return pattern.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>');
}

/** Compiles a user pattern; throws for invalid syntax and for a pattern that could backtrack catastrophically. */
export function compileRegex(pattern: string, options: { caseInsensitive?: boolean; global?: boolean; fullMatch?: boolean } = {}): RegExp {
  const js = toJsPattern(pattern);
  const source = options.fullMatch ? `^(?:${js})$` : js;
  const regex = new RegExp(source, `u${options.caseInsensitive ? 'i' : ''}${options.global ? 'g' : ''}`);
  const unsafe = unsafeRegexReason(js);
  if (unsafe) throw new SyntaxError(unsafe);
  return regex;
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
