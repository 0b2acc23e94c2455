import { maskQuoted } from './quotes.js';

/** Splits at every match of `separator` (a global regex) found outside quotes. */
export function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const masked = maskQuoted(text);
  const parts: string[] = [];
  let last = 0;
  for (const m of masked.matchAll(separator)) {
    if (m[0].length === 0) continue;
    parts.push(text.slice(last, m.index));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
