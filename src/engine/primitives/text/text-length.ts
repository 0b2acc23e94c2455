import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { columnExists, mapTexts, oneColumn, sqlSelect, sqlTextOf } from './shared.js';

const textLengthParams = params({
  column,
  new_column: newColumn,
  count_spaces: z.boolean().default(true),
});

type TextLengthParams = z.infer<typeof textLengthParams>;

/** Code points (§2.7) without building an array: every UTF-16 unit except a low surrogate that completes a pair. */
function codePointLength(text: string, skipSpaces: boolean): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x20 && skipSpaces) continue;
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

/** `text_length` (§4.4): an integer column with each text's length in characters. */
export const textLength: Primitive<TextLengthParams> = {
  name: 'text_length',
  title: 'Text length',
  category: 'text',
  description:
    'Adds an integer column with the number of characters of each cell (its text form, so 12.5 has 4); with count_spaces: false, spaces are not counted. Blank cells stay blank.',
  params: textLengthParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => columnExists('new_column', p.new_column, schema),
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: 'integer' }],
  run(dt, p) {
    const values = mapTexts<number | null>(dt, p.column, (text) => codePointLength(text, !p.count_spaces), null);
    return { table: setColumns(dt, [{ name: p.new_column, type: 'integer', values }]) };
  },
  render(p, schema) {
    const text = sqlTextOf(p.column, schema);
    const expr = text === null ? null : `char_length(${p.count_spaces ? text : `replace(${text}, ' ', '')`})`;
    return { js: mdCall('text_length', p), sql: expr === null ? null : sqlSelect(schema, {}, [[p.new_column, expr]]) };
  },
  summary: (p) => `count the characters of ${p.column}${p.count_spaces ? '' : ' (without spaces)'} into ${p.new_column}`,
  examples: [
    { prompt: 'add a column with the length of each product description', params: { column: 'description', new_column: 'description_length' } },
    { prompt: 'how many characters is each username, not counting spaces', params: { column: 'username', new_column: 'username_length', count_spaces: false } },
  ],
};
