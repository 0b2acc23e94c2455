import { z } from 'zod';
import { column, newColumn, params, regex } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { compileRegex } from '../../values/regex.js';
import { regexGroups } from '../../values/replacement.js';
import { codePoints, columnExists, mapTexts, oneColumn, orNull } from './shared.js';

const delimiter = z.string().min(1, 'must not be empty').nullable().default(null);

/** The parameters each method needs (§4.4): a missing one is INVALID_PARAM naming it. */
const NEEDS = { position: [], regex: ['pattern'], before: ['delimiter'], after: ['delimiter'], between: ['delimiter', 'delimiter2'] } as const;

const extractTextParams = params({
  column,
  new_column: newColumn,
  method: z.enum(['position', 'regex', 'before', 'after', 'between']),
  start: z.number().int().default(0),
  end: z.number().int().nullable().default(null),
  pattern: regex.nullable().default(null),
  delimiter,
  delimiter2: delimiter,
}).superRefine((p, ctx) => {
  for (const name of NEEDS[p.method]) {
    if (p[name] === null) ctx.addIssue({ code: 'custom', path: [name], message: `is required when method is "${p.method}"` });
  }
});

type ExtractTextParams = z.infer<typeof extractTextParams>;

/** Python-style slice bounds over `n` code points: negatives count from the end, then clamped to [0, n]. */
const bound = (i: number, n: number) => Math.min(n, Math.max(0, i < 0 ? n + i : i));

function extractor(p: ExtractTextParams): (text: string) => string | null {
  const d1 = p.delimiter!;
  const d2 = p.delimiter2!;
  switch (p.method) {
    case 'position':
      return (text) => {
        const chars = codePoints(text);
        return orNull(chars.slice(bound(p.start, chars.length), p.end === null ? chars.length : bound(p.end, chars.length)).join(''));
      };
    case 'regex': {
      const re = compileRegex(p.pattern!);
      const group = regexGroups(re).count > 0 ? 1 : 0; // group 1 when the pattern has groups, else the whole match
      return (text) => orNull(re.exec(text)?.[group] ?? '');
    }
    case 'before':
      return (text) => {
        const at = text.indexOf(d1);
        return at < 0 ? null : orNull(text.slice(0, at));
      };
    case 'after':
      return (text) => {
        const at = text.indexOf(d1);
        return at < 0 ? null : orNull(text.slice(at + d1.length));
      };
    case 'between':
      return (text) => {
        const at = text.indexOf(d1);
        if (at < 0) return null;
        const from = at + d1.length;
        const to = text.indexOf(d2, from);
        return to < 0 ? null : orNull(text.slice(from, to));
      };
  }
}

/** `extract_text` (§4.4): part of each text by position, regex, or literal delimiters, into a new text column. */
export const extractText: Primitive<ExtractTextParams> = {
  name: 'extract_text',
  title: 'Extract part of a text',
  category: 'text',
  description:
    'Writes part of each cell into a new text column: by character position [start, end), the first regex match (group 1 when the pattern has groups), or the text before / after the first delimiter, or between a delimiter and the next delimiter2. Nothing found gives a blank.',
  params: extractTextParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => columnExists('new_column', p.new_column, schema),
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: 'string' }],
  run(dt, p) {
    const values = mapTexts(dt, p.column, extractor(p), null);
    let extracted = 0;
    for (const v of values) if (v !== null) extracted++;
    return { table: setColumns(dt, [{ name: p.new_column, type: 'string', values }]), metadata: { extracted_count: extracted } };
  },
  render: (p) => ({ js: mdCall('extract_text', p), sql: null }),
  summary(p) {
    const how = {
      position: `characters ${p.start} to ${p.end ?? 'the end'}`,
      regex: `the match of /${p.pattern}/`,
      before: `the text before "${p.delimiter}"`,
      after: `the text after "${p.delimiter}"`,
      between: `the text between "${p.delimiter}" and "${p.delimiter2}"`,
    }[p.method];
    return `extract ${how} from ${p.column} into ${p.new_column}`;
  },
  examples: [
    { prompt: 'get the username part of each email (before the @) into username', params: { column: 'email', new_column: 'username', method: 'before', delimiter: '@' } },
    { prompt: 'pull the text inside the parentheses of the title into note', params: { column: 'title', new_column: 'note', method: 'between', delimiter: '(', delimiter2: ')' } },
    { prompt: 'take the first two characters of the state code into region', params: { column: 'state_code', new_column: 'region', method: 'position', start: 0, end: 2 } },
  ],
};
