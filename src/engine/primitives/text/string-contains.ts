import { z } from 'zod';
import { column, newColumn, params, regex } from '../../plan/param-types.js';
import { mdCall, sqlLower, sqlText } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { compileRegex } from '../../values/regex.js';
import { columnExists, mapTexts, oneColumn, sqlSelect, sqlTextOf } from './shared.js';

const stringContainsParams = params({
  column,
  substring: z.string().min(1, 'must not be empty'),
  new_column: newColumn.nullable().default(null),
  case_sensitive: z.boolean().default(false),
  regex: z.boolean().default(false),
}).superRefine((p, ctx) => {
  if (!p.regex) return;
  const compiled = regex.safeParse(p.substring);
  if (!compiled.success) for (const issue of compiled.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: ['substring'] } as never);
});

type StringContainsParams = z.infer<typeof stringContainsParams>;

const outputName = (p: StringContainsParams) => p.new_column ?? `${p.column}_contains`;

function tester(p: StringContainsParams): (text: string) => boolean {
  if (p.regex) {
    const re = compileRegex(p.substring, { caseInsensitive: !p.case_sensitive });
    return (text) => re.test(text);
  }
  if (p.case_sensitive) return (text) => text.includes(p.substring);
  const folded = p.substring.toLowerCase(); // §2.7: case folding is toLowerCase()
  return (text) => text.toLowerCase().includes(folded);
}

/** `string_contains` (§4.4): a boolean column, true where the text contains the substring; null cells are false. */
export const stringContains: Primitive<StringContainsParams> = {
  name: 'string_contains',
  title: 'Flag rows containing a text',
  category: 'text',
  description:
    'Adds a true/false column saying whether each cell contains a text (ignoring case unless case_sensitive; a regular expression search with regex: true). Blank cells give false. The default column name is <column>_contains.',
  params: stringContainsParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => columnExists('new_column', outputName(p), schema),
  outputSchema: (p, { schema }) => [...schema, { name: outputName(p), type: 'boolean' }],
  run(dt, p) {
    const values = mapTexts(dt, p.column, tester(p), false);
    let matches = 0;
    for (const v of values) if (v) matches++;
    return {
      table: setColumns(dt, [{ name: outputName(p), type: 'boolean', values }]),
      metadata: { match_count: matches, no_match_count: values.length - matches },
    };
  },
  render(p, schema) {
    const text = sqlTextOf(p.column, schema);
    let sql: string | null = null;
    if (text !== null && !p.regex) {
      const folded = p.case_sensitive ? p.substring : p.substring.toLowerCase();
      const haystack = p.case_sensitive ? text : sqlLower(text, [folded]);
      const needle = sqlText(folded);
      sql = sqlSelect(schema, {}, [[outputName(p), `COALESCE(strpos(${haystack}, ${needle}) > 0, false)`]]);
    }
    return { js: mdCall('string_contains', p), sql };
  },
  summary: (p) => `flag rows where ${p.column} contains ${p.regex ? `/${p.substring}/` : `"${p.substring}"`} as ${outputName(p)}`,
  examples: [
    { prompt: 'mark which emails are gmail addresses', params: { column: 'email', substring: '@gmail.com', new_column: 'is_gmail' } },
    { prompt: 'flag product names mentioning "refurbished", exact case', params: { column: 'product', substring: 'refurbished', case_sensitive: true } },
  ],
};
