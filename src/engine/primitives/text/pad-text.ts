import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { mdCall, sqlText } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { codePoints, mapTexts, oneColumn, sqlSelect, sqlTextOf } from './shared.js';

const padTextParams = params({
  column,
  length: z.number().int().min(1),
  pad_char: z
    .string()
    .refine((s) => codePoints(s).length === 1, { message: 'must be exactly one character' })
    .default('0'),
  side: z.enum(['left', 'right']).default('left'),
});

type PadTextParams = z.infer<typeof padTextParams>;

/** `pad_text` (§4.4): pads each text to `length` characters; longer texts are unchanged; the column becomes text. */
export const padText: Primitive<PadTextParams> = {
  name: 'pad_text',
  title: 'Pad text',
  category: 'text',
  description:
    'Pads each cell to a fixed number of characters with pad_char on the left or right (42 → "00042" with length 5); longer values are unchanged. The column becomes text.',
  params: padTextParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: 'string' as const } : c)),
  run(dt, p) {
    const values = mapTexts(dt, p.column, (text) => {
      const missing = p.length - codePoints(text).length; // code points, so padStart's UTF-16 count is not used
      if (missing <= 0) return text;
      const padding = p.pad_char.repeat(missing);
      return p.side === 'left' ? padding + text : text + padding;
    }, null);
    return { table: setColumns(dt, [{ name: p.column, type: 'string', values }]) };
  },
  render(p, schema) {
    const text = sqlTextOf(p.column, schema);
    const pad = `${p.side === 'left' ? 'lpad' : 'rpad'}(${text}, ${p.length}, ${sqlText(p.pad_char)})`;
    // PostgreSQL's lpad/rpad also cut longer texts, which pad_text keeps whole.
    const expr = `CASE WHEN char_length(${text}) >= ${p.length} THEN ${text} ELSE ${pad} END`;
    return { js: mdCall('pad_text', p), sql: text === null ? null : sqlSelect(schema, { [p.column]: expr }) };
  },
  summary: (p) => `pad ${p.column} to ${p.length} characters with "${p.pad_char}" on the ${p.side}`,
  examples: [
    { prompt: 'make all zip codes 5 digits with leading zeros', params: { column: 'zip', length: 5, pad_char: '0', side: 'left' } },
    { prompt: 'pad the item codes on the right with dashes to 8 characters', params: { column: 'item_code', length: 8, pad_char: '-', side: 'right' } },
  ],
};
