import { isQuoted, unquote } from './quotes.js';
import { splitOutsideQuotes } from './split-outside-quotes.js';

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;
const WORD_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100, thousand: 1000,
};

/**
 * A number as people write it in a request: `300`, `-1.5`, `1,000`, `$300`, `20%`, `five`; null otherwise. Text with
 * a leading zero (`007`, `02134`) is a code, not a number.
 */
export function parseNumber(text: string): number | null {
  let t = unquote(text).trim().toLowerCase();
  if (t in WORD_NUMBERS) return WORD_NUMBERS[t];
  t = t.replace(/^\$|^usd\s*|\s*(?:usd|dollars?|%|percent)$/g, '').trim();
  if (t === '' || t === '.' || !NUMBER.test(t)) return null;
  if (/^[+-]?0\d/.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** An integer in a request (`2`, `two`, `10`), else null. */
export function parseInteger(text: string): number | null {
  const n = parseNumber(text);
  return n !== null && Number.isInteger(n) ? n : null;
}

export type Scalar = string | number | boolean;

/** Words that mean "nothing" as a replacement value. */
export const EMPTY_WORDS = /^(?:blank|nothing|empty|an? empty (?:string|value|text)|empty (?:string|text)|null|none|blanks)$/i;

/** `a, b and c`, `a or b`, `(a, b)`, `[a, b]` → the items (quotes kept, so callers can unquote). */
export function splitList(text: string): string[] {
  const inner = text.trim().replace(/^[([{]\s*|\s*[)\]}]$/g, '');
  return splitOutsideQuotes(inner, /\s*,\s*(?:and\s+|or\s+|&\s*)?|\s+(?:and|or|&|plus)\s+/gi)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const DELIMITER_WORDS: Array<[RegExp, string]> = [
  [/^(?:a\s+)?(?:spaces?|whitespace|blank)$/i, ' '],
  [/^(?:a\s+)?commas?$/i, ','],
  [/^(?:a\s+)?(?:semi-?colons?)$/i, ';'],
  [/^(?:a\s+)?colons?$/i, ':'],
  [/^(?:a\s+)?(?:dash(?:es)?|hyphens?|minus(?: signs?)?)$/i, '-'],
  [/^(?:a\s+)?(?:forward\s+)?slash(?:es)?$/i, '/'],
  [/^(?:a\s+)?backslash(?:es)?$/i, '\\'],
  [/^(?:a\s+)?(?:pipes?|vertical bars?)$/i, '|'],
  [/^(?:an?\s+)?underscores?$/i, '_'],
  [/^(?:a\s+)?(?:dots?|periods?|full stops?)$/i, '.'],
  [/^(?:an?\s+)?(?:at(?:\s+signs?)?|@)$/i, '@'],
  [/^(?:a\s+)?tabs?$/i, '\t'],
];

/** A separator named in words (`comma`, `space`, `dash`) or written out (`";"`, `-`); null when not one. */
export function parseDelimiter(text: string): string | null {
  const t = text.trim();
  if (isQuoted(t)) return unquote(t).length > 0 ? unquote(t) : null;
  for (const [re, value] of DELIMITER_WORDS) if (re.test(t)) return value;
  if (t.length >= 1 && t.length <= 3 && !/[a-z0-9]/i.test(t)) return t;
  return null;
}
