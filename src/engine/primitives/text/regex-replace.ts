import { z } from 'zod';
import { column, newColumn, params, regex } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { compileRegex } from '../../values/regex.js';
import { makeRegexReplacer, replacementError } from '../../values/replacement.js';
import { newColumnProblems, oneColumn, orNull, rewriteTexts, withStringColumn } from './shared.js';

const regexReplaceParams = params({
  column,
  pattern: regex,
  replacement: z.string(),
  new_column: newColumn.nullable().default(null),
  case_sensitive: z.boolean().default(true),
}).superRefine((p, ctx) => {
  // null for an invalid pattern: `regex` already reports INVALID_REGEX on `pattern`
  const problem = replacementError(p.replacement, p.pattern);
  if (problem) ctx.addIssue({ code: 'custom', path: ['replacement'], message: problem });
});

type RegexReplaceParams = z.infer<typeof regexReplaceParams>;

const outputName = (p: RegexReplaceParams) => p.new_column ?? p.column;

/** `regex_replace` (§4.4): every match of a regex replaced by a template, in place or into a new text column. */
export const regexReplace: Primitive<RegexReplaceParams> = {
  name: 'regex_replace',
  title: 'Replace with a regular expression',
  category: 'text',
  description:
    'Replaces every match of a regular expression in each cell with a replacement that may refer to capture groups ($1, $<name>, \\1, \\g<name>), in place or into new_column. The result is text; an empty result becomes blank.',
  params: regexReplaceParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => newColumnProblems('new_column', p.new_column, p.column, schema),
  outputSchema: (p, { schema }) => withStringColumn(schema, outputName(p)),
  run(dt, p) {
    const replaceAll = makeRegexReplacer(compileRegex(p.pattern, { caseInsensitive: !p.case_sensitive, global: true }), p.replacement);
    const result = rewriteTexts(dt, p.column, (text) => orNull(replaceAll(text)), true);
    const nonNull = columnValues(dt, p.column).filter((v) => v !== null).length;
    return {
      table: setColumns(dt, [{ name: outputName(p), type: 'string', values: result.values }]),
      metadata: { transformed_count: result.changed, unchanged_count: nonNull - result.changed },
    };
  },
  render: (p) => ({ js: mdCall('regex_replace', p), sql: null }),
  summary: (p) =>
    `replace matches of /${p.pattern}/ with "${p.replacement}" in ${p.column}${p.new_column && p.new_column !== p.column ? ` into ${p.new_column}` : ''}${p.case_sensitive ? '' : ' (ignoring case)'}`,
  examples: [
    { prompt: 'reformat phone numbers like 5551234567 as (555) 123-4567', params: { column: 'phone', pattern: '^(\\d{3})(\\d{3})(\\d{4})$', replacement: '($1) $2-$3' } },
    { prompt: 'strip HTML tags from the description', params: { column: 'description', pattern: '<[^>]*>', replacement: '' } },
    { prompt: 'swap "Last, First" names into "First Last" in a new full_name column', params: { column: 'name', pattern: '(?P<last>\\w+),\\s*(?P<first>\\w+)', replacement: '\\g<first> \\g<last>', new_column: 'full_name' } },
  ],
};
