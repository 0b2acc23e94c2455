import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Problem, Schema } from '../../plan/types.js';
import { compileRegex, regexError } from '../../values/regex.js';
import { columnExists, columnsOf, columnTexts, oneColumn, tableOf } from './shared.js';

const splitParams = params({
  column,
  delimiter: z.string().min(1, 'must be a non-empty delimiter'),
  new_columns: z
    .array(newColumn)
    .min(1, 'must name at least one column')
    .refine((list) => new Set(list).size === list.length, { message: 'must not name a column twice' }),
  keep_original: z.boolean().default(false),
  regex: z.boolean().default(false),
}).superRefine((p, ctx) => {
  const message = p.regex ? regexError(p.delimiter) : null;
  if (message) ctx.addIssue({ code: 'custom', path: ['delimiter'], message: `invalid regular expression: ${message}`, params: { code: 'INVALID_REGEX' } });
});
type SplitParams = z.infer<typeof splitParams>;

/**
 * Splits `text` into at most `k` pieces; the last piece is the unsplit remainder. Empty regex matches follow
 * String#split: they never split at the start of a piece. `more` says whether the text had more than k pieces.
 */
export function splitText(text: string, k: number, delimiter: string | RegExp): { pieces: string[]; more: boolean } {
  const pieces: string[] = [];
  let start = 0;
  let at = 0;
  while (at < text.length) {
    let end: number;
    if (typeof delimiter === 'string') {
      const found = text.indexOf(delimiter, at);
      if (found < 0) break;
      at = found;
      end = found + delimiter.length;
    } else {
      delimiter.lastIndex = at;
      const m = delimiter.exec(text);
      if (!m) break;
      at = m.index;
      end = at + m[0].length;
      if (end === start || at >= text.length) {
        at += at < text.length && text.codePointAt(at)! > 0xffff ? 2 : 1; // an empty match splits nothing here
        continue;
      }
    }
    if (pieces.length === k - 1) return { pieces: [...pieces, text.slice(start)], more: true };
    pieces.push(text.slice(start, at));
    start = at = end;
  }
  pieces.push(text.slice(start));
  return { pieces, more: false };
}

/** The new columns replace the source (or follow it when it is kept). */
function layout<T extends { name: string }>(list: readonly T[], p: SplitParams, added: T[]): T[] {
  return list.flatMap((c) => (c.name !== p.column ? [c] : p.keep_original ? [c, ...added] : added));
}

/** `split_column` (§4.2): text split into at most k new string columns, the last one taking the remainder. */
export const splitColumn: Primitive<SplitParams> = {
  name: 'split_column',
  title: 'Split column',
  category: 'columns',
  description:
    'Splits a column’s text at a delimiter into new text columns placed where the column was; the last new column receives the rest of the text when there are more pieces.',
  params: splitParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check(p, { schema }) {
    return p.new_columns.flatMap((name, i): Problem[] => (name === p.column && !p.keep_original ? [] : columnExists(`new_columns[${i}]`, name, schema)));
  },
  outputSchema: (p, { schema }: { schema: Schema }) => layout(schema, p, p.new_columns.map((name) => ({ name, type: 'string' as const }))),
  run(dt, p) {
    const k = p.new_columns.length;
    const delimiter = p.regex ? compileRegex(p.delimiter, { global: true }) : p.delimiter;
    const added = p.new_columns.map((name) => ({ name, type: 'string' as const, values: [] as (string | null)[] }));
    let remainder = 0;
    for (const text of columnTexts(dt, p.column)) {
      const { pieces, more } = text === null ? { pieces: [], more: false } : splitText(text, k, delimiter);
      if (more) remainder++;
      added.forEach((c, i) => c.values.push(pieces[i] ? pieces[i] : null));
    }
    return { table: tableOf(layout(columnsOf(dt), p, added)), metadata: { columns_added: [...p.new_columns], rows_with_remainder: remainder } };
  },
  render: (p) => ({ js: mdCall('split_column', p), sql: null }),
  summary: (p) => `split ${p.column} at ${JSON.stringify(p.delimiter)} into ${p.new_columns.join(', ')}`,
  examples: [
    { prompt: 'split full_name into first_name and last_name at the space', params: { column: 'full_name', delimiter: ' ', new_columns: ['first_name', 'last_name'] } },
    { prompt: 'break the date text "2024-01-31" into year, month and day columns, keeping the original', params: { column: 'date_text', delimiter: '-', new_columns: ['year', 'month', 'day'], keep_original: true } },
  ],
};
