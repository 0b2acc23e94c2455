import { z } from 'zod';
import { column, newColumn, params, regex } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { EMAIL, ZIPCODE } from '../../profile/value-patterns.js';
import { rowCount } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { compileRegex } from '../../values/regex.js';
import { columnExists, columnTexts, distinctSamples, oneColumn, rate } from './shared.js';

/** The built-in patterns of `validate_pattern`; email is shared with `detect_format_drift`. */
export const BUILT_IN_PATTERNS = {
  email: EMAIL.source,
  phone: String.raw`^[\d\s\(\)\-\+\.]{7,20}$`,
  url: String.raw`^https?://[^\s/$.?#].[^\s]*$`,
  date: String.raw`^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$`,
  zipcode: ZIPCODE.source,
  ssn: String.raw`^\d{3}-\d{2}-\d{4}$`,
} as const;

type PatternType = keyof typeof BUILT_IN_PATTERNS;

const validatePatternParams = params({
  column,
  pattern: regex.nullable().default(null),
  pattern_type: z.enum(Object.keys(BUILT_IN_PATTERNS) as [PatternType, ...PatternType[]]).nullable().default(null),
  add_valid_flag: z.boolean().default(false),
  new_column: newColumn.nullable().default(null),
}).superRefine((p, ctx) => {
  if (p.pattern === null && p.pattern_type === null) ctx.addIssue({ code: 'custom', message: "Must specify either 'pattern' or 'pattern_type'" });
});

type ValidatePatternParams = z.infer<typeof validatePatternParams>;

const flagName = (p: ValidatePatternParams) => p.new_column ?? `${p.column}_valid`;
const patternOf = (p: ValidatePatternParams): string => p.pattern ?? BUILT_IN_PATTERNS[p.pattern_type!];

/** `validate_pattern` (§4.9): full-match validation of a column's text forms; optionally a flag column. */
export const validatePattern: Primitive<ValidatePatternParams> = {
  name: 'validate_pattern',
  title: 'Validate a pattern',
  category: 'quality',
  description:
    'Checks that every value of a column fully matches a regex or a built-in format (email, phone, url, date, zipcode, ssn) and reports the valid count, rate and invalid samples; can append a <column>_valid flag.',
  params: validatePatternParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => (p.add_valid_flag ? columnExists('new_column', flagName(p), schema) : []),
  outputSchema: (p, { schema }) => (p.add_valid_flag ? [...schema, { name: flagName(p), type: 'boolean' }] : schema),
  run(dt, p) {
    const pattern = patternOf(p);
    const re = compileRegex(pattern, { fullMatch: true });
    const texts = columnTexts(dt, p.column);
    const valid = texts.map((t) => t !== null && re.test(t));
    const validCount = valid.filter(Boolean).length;
    const invalid = texts.filter((t, i): t is string => t !== null && !valid[i]);
    return {
      table: p.add_valid_flag ? setColumns(dt, [{ name: flagName(p), type: 'boolean', values: valid }]) : dt,
      metadata: {
        valid_count: validCount,
        invalid_count: texts.length - validCount,
        valid_rate: rate(validCount, rowCount(dt)),
        pattern_used: pattern,
        invalid_samples: distinctSamples(invalid, 5),
      },
    };
  },
  render: (p) => ({ js: mdCall('validate_pattern', p, !p.add_valid_flag), sql: null }),
  summary: (p) => `check that ${p.column} matches ${p.pattern_type ? `the ${p.pattern_type} format` : `/${p.pattern}/`}${p.add_valid_flag ? ` and flag it in ${flagName(p)}` : ''}`,
  examples: [
    { prompt: 'are all the emails valid?', params: { column: 'email', pattern_type: 'email' } },
    { prompt: 'flag which order ids do not look like ORD- followed by 5 digits', params: { column: 'order_id', pattern: 'ORD-\\d{5}', add_valid_flag: true } },
  ],
};
