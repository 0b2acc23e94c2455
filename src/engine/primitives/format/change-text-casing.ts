import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { ident, mdCall, sqlLower, sqlUpper } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { oneColumn, rewriteTexts, sqlSelect, sqlTextOf } from '../text/shared.js';

const casingParams = params({
  column,
  case: z.enum(['lower', 'upper', 'title', 'sentence']),
});

type CasingParams = z.infer<typeof casingParams>;
type Casing = CasingParams['case'];

/** Characters after which a letter begins a word (besides whitespace); not `'` (don't) and not digits (3rd). */
const WORD_START = new Set(['-', '/', '(', '[', '{', '"', '.']);
const WHITESPACE = /\s/;
const LETTER = /\p{L}/u;

/** `o'neil-fox 3rd` → `O'neil-Fox 3rd`. */
export function titleCase(text: string): string {
  let out = '';
  let prev: string | undefined;
  for (const ch of text) {
    const begins = prev === undefined || WHITESPACE.test(prev) || WORD_START.has(prev);
    out += begins ? ch.toUpperCase() : ch.toLowerCase();
    prev = ch;
  }
  return out;
}

/** All lower-case, then the first letter of the text and the first letter after `.`, `!`, `?` + whitespace upper-cased. */
export function sentenceCase(text: string): string {
  const chars = [...text.toLowerCase()];
  let capitalize = true;
  return chars
    .map((ch, i) => {
      if (capitalize && LETTER.test(ch)) {
        capitalize = false;
        return ch.toUpperCase();
      }
      if ((ch === '.' || ch === '!' || ch === '?') && i + 1 < chars.length && WHITESPACE.test(chars[i + 1])) capitalize = true;
      return ch;
    })
    .join('');
}

const CASES: Record<Casing, (text: string) => string> = {
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  title: titleCase,
  sentence: sentenceCase,
};

/** `change_text_casing` (§4.3): lower, upper, title or sentence case on `text(cell)`; the column becomes string. */
export const changeTextCasing: Primitive<CasingParams> = {
  name: 'change_text_casing',
  title: 'Change text case',
  category: 'format',
  description:
    "Changes the case of a text column: lower, UPPER, Title Case (a word starts after whitespace or - / ( [ { \" . — not after ' or a digit) or Sentence case (first letter and the first after . ! ? followed by a space).",
  params: casingParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: 'string' as const } : c)),
  run(dt, p) {
    const result = rewriteTexts(dt, p.column, CASES[p.case], true);
    return {
      table: setColumns(dt, [{ name: p.column, type: 'string', values: result.values }]),
      metadata: { values_changed: result.changed },
    };
  },
  render(p, schema) {
    const text = sqlTextOf(p.column, schema);
    const fn = p.case === 'lower' ? sqlLower : p.case === 'upper' ? sqlUpper : null;
    return {
      js: mdCall('change_text_casing', p),
      sql: fn && text ? sqlSelect(schema, { [p.column]: fn(text) }) : null,
    };
  },
  summary: (p) => `${p.case} case ${p.column}`,
  examples: [
    { prompt: 'make all emails lowercase', params: { column: 'email', case: 'lower' } },
    { prompt: 'capitalize customer names properly (John Smith)', params: { column: 'customer_name', case: 'title' } },
    { prompt: 'country codes should be upper case', params: { column: 'country', case: 'upper' } },
  ],
};
