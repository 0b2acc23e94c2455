import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { mdCall, sqlText } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { codePoints, oneColumn, orNull, rewriteTexts, sqlSelect, sqlTextOf } from './shared.js';

const REMOVE_TYPES = ['digits', 'letters', 'punctuation', 'whitespace'] as const;

const removeCharactersParams = params({
  column,
  characters: z.string().nullable().default(null),
  remove_type: z.enum(REMOVE_TYPES).nullable().default(null),
}).superRefine((p, ctx) => {
  if (p.characters === null && p.remove_type === null) {
    ctx.addIssue({ code: 'custom', path: [], message: "Either 'characters' or 'remove_type' must be specified" });
  }
});

type RemoveCharactersParams = z.infer<typeof removeCharactersParams>;

/** The classes of §4.4: Unicode digits and letters; ASCII punctuation plus `\p{P}`; whitespace as §2.7. */
const CLASSES: Record<(typeof REMOVE_TYPES)[number], RegExp> = {
  digits: /\p{Nd}/gu,
  letters: /\p{L}/gu,
  punctuation: /[!-/:-@[-`{-~\p{P}]/gu,
  whitespace: /\s/gu,
};

function remover(p: RemoveCharactersParams): RegExp | null {
  if (p.characters !== null) {
    // `characters` wins when both are given; a class of its code points, each escaped.
    const chars = [...new Set(codePoints(p.characters))];
    return chars.length === 0 ? null : new RegExp(`[${chars.map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join('')}]`, 'gu');
  }
  return CLASSES[p.remove_type!];
}

/** `remove_characters` (§4.4): removes listed characters or a class of them; the column becomes text. */
export const removeCharacters: Primitive<RemoveCharactersParams> = {
  name: 'remove_characters',
  title: 'Remove characters',
  category: 'text',
  description:
    'Removes every occurrence of the listed characters, or of a class (digits, letters, punctuation, whitespace), from the cells of one column; "$1,250.00" with characters "$," gives "1250.00". The column becomes text.',
  params: removeCharactersParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: 'string' as const } : c)),
  run(dt, p) {
    const re = remover(p);
    const result = rewriteTexts(dt, p.column, (text) => (re === null ? text : orNull(text.replace(re, ''))), true);
    return {
      table: setColumns(dt, [{ name: p.column, type: 'string', values: result.values }]),
      metadata: { values_changed: result.changed },
    };
  },
  render(p, schema) {
    const text = sqlTextOf(p.column, schema);
    const sql =
      p.characters !== null && text !== null ? sqlSelect(schema, { [p.column]: `NULLIF(translate(${text}, ${sqlText(p.characters)}, ''), '')` }) : null;
    return { js: mdCall('remove_characters', p), sql };
  },
  summary: (p) => `remove ${p.characters !== null ? `the characters "${p.characters}"` : p.remove_type} from ${p.column}`,
  examples: [
    { prompt: 'strip the dollar signs and commas from the amount column', params: { column: 'amount', characters: '$,' } },
    { prompt: 'remove the punctuation from the phone numbers', params: { column: 'phone', remove_type: 'punctuation' } },
    { prompt: 'remove all numbers from the city names', params: { column: 'city', remove_type: 'digits' } },
  ],
};
