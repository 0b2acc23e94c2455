/** Regular expressions (§2.7): JavaScript syntax with the `u` flag; Python named groups accepted. */
export function toJsPattern(pattern: string): string {
  return pattern.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>');
}

export function compileRegex(pattern: string, options: { caseInsensitive?: boolean; global?: boolean; fullMatch?: boolean } = {}): RegExp {
  const source = options.fullMatch ? `^(?:${toJsPattern(pattern)})$` : toJsPattern(pattern);
  return new RegExp(source, `u${options.caseInsensitive ? 'i' : ''}${options.global ? 'g' : ''}`);
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
