import { z } from 'zod';
import { column, params, regex } from '../../plan/param-types.js';
import { ident, mdCall, sqlText } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { compileRegex } from '../../values/regex.js';
import { makeRegexReplacer, replacementError } from '../../values/replacement.js';
import { escapeRegex, oneColumn, orNull, rewriteTexts, sqlSelect } from './shared.js';

const findReplaceParams = params({
  column,
  find: z.string().min(1, 'must not be empty'),
  replace: z.string(),
  use_regex: z.boolean().default(false),
  case_sensitive: z.boolean().default(true),
}).superRefine((p, ctx) => {
  if (!p.use_regex) return; // literal mode: neither text has any syntax
  const compiled = regex.safeParse(p.find);
  if (!compiled.success) {
    for (const issue of compiled.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: ['find'] } as never);
    return;
  }
  const problem = replacementError(p.replace, p.find);
  if (problem) ctx.addIssue({ code: 'custom', path: ['replace'], message: problem });
});

type FindReplaceParams = z.infer<typeof findReplaceParams>;

/** Every occurrence replaced; an empty result is null. */
function replacer(p: FindReplaceParams): (text: string) => string | null {
  if (p.use_regex) {
    const replaceAll = makeRegexReplacer(compileRegex(p.find, { caseInsensitive: !p.case_sensitive, global: true }), p.replace);
    return (text) => orNull(replaceAll(text));
  }
  if (p.case_sensitive) return (text) => (text.includes(p.find) ? orNull(text.split(p.find).join(p.replace)) : text);
  // Case-insensitive literal: an escaped pattern with `i`; `replace` stays literal (a function, so `$` means `$`).
  const pattern = new RegExp(escapeRegex(p.find), 'giu');
  const literal = () => p.replace;
  return (text) => orNull(text.replace(pattern, literal));
}

/** `find_replace` (§4.4): replaces every occurrence of a text or regex within each cell. */
export const findReplace: Primitive<FindReplaceParams> = {
  name: 'find_replace',
  title: 'Find and replace',
  category: 'text',
  description:
    'Replaces every occurrence of a text (or, with use_regex, a regular expression with $1 / \\1 group references) inside the cells of one column. An empty result becomes blank; a non-text column becomes text when a cell changes.',
  params: findReplaceParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (_p, { schema }) => schema, // a non-string column's type depends on the data; see the block
  run(dt, p) {
    const result = rewriteTexts(dt, p.column, replacer(p));
    return {
      table: result.changed > 0 ? setColumns(dt, [{ name: p.column, type: result.type, values: result.values }]) : dt,
      metadata: { values_changed: result.changed },
    };
  },
  render(p, schema) {
    const literalSql = !p.use_regex && p.case_sensitive && schema.find((c) => c.name === p.column)?.type === 'string';
    const expr = `NULLIF(REPLACE(${ident(p.column)}, ${sqlText(p.find)}, ${sqlText(p.replace)}), '')`;
    return { js: mdCall('find_replace', p), sql: literalSql ? sqlSelect(schema, { [p.column]: expr }) : null };
  },
  summary: (p) =>
    `replace ${p.use_regex ? 'matches of /' + p.find + '/' : `"${p.find}"`} with "${p.replace}" in ${p.column}${p.case_sensitive ? '' : ' (ignoring case)'}`,
  examples: [
    { prompt: 'replace "St." with "Street" in the address column', params: { column: 'address', find: 'St.', replace: 'Street' } },
    { prompt: 'remove the dollar signs and commas from price', params: { column: 'price', find: '[$,]', replace: '', use_regex: true } },
    { prompt: 'turn N/A, NA and NULL in status into blanks', params: { column: 'status', find: '^(N/A|NA|NULL)$', replace: '', use_regex: true, case_sensitive: false } },
  ],
};
