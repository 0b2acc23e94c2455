import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { codePoints, mapTexts, newColumnProblems, oneColumn, orNull, sqlSelect, sqlTextOf, withStringColumn } from './shared.js';

const substringParams = params({
  column,
  start: z.number().int().default(0),
  length: z.number().int().min(0).nullable().default(null),
  new_column: newColumn.nullable().default(null),
});

type SubstringParams = z.infer<typeof substringParams>;

const outputName = (p: SubstringParams) => p.new_column ?? p.column;

/** `length` code points from `start` (0-based; negative counts from the end, clamped at 0). */
function cut(p: SubstringParams): (text: string) => string | null {
  return (text) => {
    const chars = codePoints(text);
    const from = p.start < 0 ? Math.max(0, chars.length + p.start) : p.start;
    return orNull(chars.slice(from, p.length === null ? undefined : from + p.length).join(''));
  };
}

/** `substring` (§4.4): a window of code points, in place or into a new column; the result is text. */
export const substring: Primitive<SubstringParams> = {
  name: 'substring',
  title: 'Take part of a text',
  category: 'text',
  description:
    'Keeps `length` characters starting at `start` (0-based; a negative start counts from the end; no length = to the end), in place or into new_column. The result is text.',
  params: substringParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => newColumnProblems('new_column', p.new_column, p.column, schema),
  outputSchema: (p, { schema }) => withStringColumn(schema, outputName(p)),
  run(dt, p) {
    const values = mapTexts(dt, p.column, cut(p), null);
    return { table: setColumns(dt, [{ name: outputName(p), type: 'string', values }]), metadata: { start: p.start, length: p.length } };
  },
  render(p, schema) {
    const text = sqlTextOf(p.column, schema);
    let sql: string | null = null;
    if (text !== null) {
      const from = p.start < 0 ? `GREATEST(char_length(${text}) + (${p.start}), 0) + 1` : String(p.start + 1);
      const expr = `NULLIF(substr(${text}, ${from}${p.length === null ? '' : `, ${p.length}`}), '')`;
      sql = outputName(p) === p.column ? sqlSelect(schema, { [p.column]: expr }) : sqlSelect(schema, {}, [[outputName(p), expr]]);
    }
    return { js: mdCall('substring', p), sql };
  },
  summary: (p) =>
    `take ${p.length === null ? 'the rest' : `${p.length} characters`} of ${p.column} from position ${p.start}${p.new_column && p.new_column !== p.column ? ` into ${p.new_column}` : ''}`,
  examples: [
    { prompt: 'keep only the first 3 characters of the product code', params: { column: 'product_code', start: 0, length: 3 } },
    { prompt: 'put the last 4 digits of the card number in card_last4', params: { column: 'card_number', start: -4, new_column: 'card_last4' } },
  ],
};
