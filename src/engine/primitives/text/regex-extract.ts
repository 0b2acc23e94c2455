import { z } from 'zod';
import { column, newColumn, params, regex } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { compileRegex, regexError } from '../../values/regex.js';
import { patternGroups } from '../../values/replacement.js';
import { columnExists, mapTexts, oneColumn, orNull } from './shared.js';

const regexExtractParams = params({
  column,
  pattern: regex,
  new_column: newColumn,
  group: z.number().int().min(0).default(0),
  case_sensitive: z.boolean().default(true),
}).superRefine((p, ctx) => {
  if (p.group === 0 || regexError(p.pattern) !== null) return;
  const { count } = patternGroups(p.pattern);
  if (p.group > count) {
    ctx.addIssue({ code: 'custom', path: ['group'], message: `the pattern has ${count} group${count === 1 ? '' : 's'}, so group ${p.group} does not exist` });
  }
});

type RegexExtractParams = z.infer<typeof regexExtractParams>;

/** No match: a marker distinct from null (a match whose group did not take part, or an empty match). */
const NO_MATCH = Symbol('no match');

/** `regex_extract` (§4.4): the first match (or one capture group of it) into a new text column. */
export const regexExtract: Primitive<RegexExtractParams> = {
  name: 'regex_extract',
  title: 'Extract with a regular expression',
  category: 'text',
  description:
    'Finds the first match of a regular expression anywhere in each cell and writes the whole match (group 0) or one capture group into a new text column; no match gives a blank.',
  params: regexExtractParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => columnExists('new_column', p.new_column, schema),
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: 'string' }],
  run(dt, p) {
    const re = compileRegex(p.pattern, { caseInsensitive: !p.case_sensitive });
    const found = mapTexts<string | null | typeof NO_MATCH>(dt, p.column, (text) => {
      const match = re.exec(text);
      return match === null ? NO_MATCH : orNull(match[p.group] ?? '');
    }, null);
    let extracted = 0;
    let noMatch = 0;
    const values = found.map((v) => {
      if (v === NO_MATCH) {
        noMatch++;
        return null;
      }
      if (v !== null) extracted++;
      return v;
    });
    return {
      table: setColumns(dt, [{ name: p.new_column, type: 'string', values }]),
      metadata: { extracted_count: extracted, no_match_count: noMatch },
    };
  },
  render: (p) => ({ js: mdCall('regex_extract', p), sql: null }),
  summary: (p) => `extract ${p.group === 0 ? 'the match' : `group ${p.group}`} of /${p.pattern}/ from ${p.column} into ${p.new_column}`,
  examples: [
    { prompt: 'pull the 5-digit zip code out of the address into a zip column', params: { column: 'address', pattern: '\\b\\d{5}\\b', new_column: 'zip' } },
    { prompt: 'extract the domain of each email into email_domain', params: { column: 'email', pattern: '@([\\w.-]+)', new_column: 'email_domain', group: 1 } },
  ],
};
