/**
 * Quoted values ('Smith and Co', "N/A", “x”) must survive splitting and matching untouched: rules match on a masked
 * copy of the text in which every quoted character is replaced, then read the groups back from the original.
 */
const CLOSING: Record<string, string> = { "'": "'", '"': '"', '“': '”', '‘': '’', '`': '`' };
const MASK = '\u0001';

/** [start, end) of each quoted span, quotes included. An opening quote follows the start, a space or a bracket. */
export function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    const close = CLOSING[text[i]];
    const opens = close !== undefined && (i === 0 || /[\s([{=:,]/.test(text[i - 1]));
    if (opens) {
      let j = text.indexOf(close, i + 1);
      // An apostrophe inside the value ("O'Neil") is not the closing quote unless a boundary follows it.
      while (j !== -1 && j + 1 < text.length && !/[\s)\]},.;:!?]/.test(text[j + 1])) j = text.indexOf(close, j + 1);
      if (j > i) {
        spans.push([i, j + 1]);
        i = j + 1;
        continue;
      }
    }
    i += 1;
  }
  return spans;
}

/** The text with every character inside quotes replaced by a placeholder (same length, quotes kept). */
export function maskQuoted(text: string): string {
  let masked = text;
  for (const [start, end] of quotedSpans(text)) {
    masked = masked.slice(0, start + 1) + MASK.repeat(end - start - 2) + masked.slice(end - 1);
  }
  return masked;
}

export function isQuoted(text: string): boolean {
  const t = text.trim();
  return t.length >= 2 && CLOSING[t[0]] !== undefined && t.endsWith(CLOSING[t[0]]);
}

/** The value without its surrounding quotes (unquoted text is only trimmed). */
export function unquote(text: string): string {
  const t = text.trim();
  return isQuoted(t) ? t.slice(1, -1) : t;
}
