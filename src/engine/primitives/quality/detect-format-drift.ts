import { z } from 'zod';
import { column, params, regex } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { compileRegex } from '../../values/regex.js';
import { columnTexts, distinctSamples, oneColumn, rate } from './shared.js';
import { BUILT_IN_PATTERNS } from './validate-pattern.js';

/** Built-in formats, in the order alternatives are reported. */
const FORMATS = {
  date_iso: String.raw`^\d{4}-\d{2}-\d{2}$`,
  date_us: String.raw`^\d{1,2}/\d{1,2}/\d{2,4}$`,
  date_eu: String.raw`^\d{1,2}\.\d{1,2}\.\d{2,4}$`,
  phone_us: String.raw`^(\+1)?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}$`,
  phone_intl: String.raw`^\+\d{1,3}[\s.-]?\d{4,14}$`,
  uuid: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  email: BUILT_IN_PATTERNS.email,
} as const;

type FormatType = keyof typeof FORMATS;
const FORMAT_NAMES = Object.keys(FORMATS) as [FormatType, ...FormatType[]];

const detectFormatDriftParams = params({
  column,
  expected_format: regex.nullable().default(null),
  format_type: z.enum(FORMAT_NAMES).nullable().default(null),
  sample_size: z.number().int().min(1).default(1000),
}).superRefine((p, ctx) => {
  if (p.expected_format === null && p.format_type === null) ctx.addIssue({ code: 'custom', message: "Must specify either 'expected_format' or 'format_type'" });
});

type DetectFormatDriftParams = z.infer<typeof detectFormatDriftParams>;

/** Full, case-insensitive match (§4.9). */
const matcher = (pattern: string) => {
  const re = compileRegex(pattern, { fullMatch: true, caseInsensitive: true });
  return (t: string) => re.test(t);
};

/** `detect_format_drift` (§4.9): how many values of a column still follow the expected format. */
export const detectFormatDrift: Primitive<DetectFormatDriftParams> = {
  name: 'detect_format_drift',
  title: 'Detect format drift',
  category: 'quality',
  description:
    'Checks a sample of a column against an expected format (a regex or a built-in: date_iso, date_us, date_eu, phone_us, phone_intl, uuid, email): match rate, non-matching samples and which other formats they follow. The table is unchanged.',
  params: detectFormatDriftParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const expectedName = p.expected_format !== null ? 'custom' : p.format_type!;
    const matches = matcher(p.expected_format ?? FORMATS[p.format_type!]);
    const sample = columnTexts(dt, p.column)
      .filter((t): t is string => t !== null)
      .slice(0, p.sample_size);
    const failing = sample.filter((t) => !matches(t));
    const matchCount = sample.length - failing.length;
    const alternatives = FORMAT_NAMES.filter((name) => name !== expectedName)
      .map((name) => {
        const test = matcher(FORMATS[name]);
        return { format: name, match_count: failing.filter(test).length };
      })
      .filter((a) => a.match_count > 0);
    const matchRate = sample.length === 0 ? 1 : rate(matchCount, sample.length);
    return {
      table: dt,
      metadata: {
        has_drift: matchCount < sample.length,
        expected_format: expectedName,
        match_rate: matchRate,
        match_count: matchCount,
        non_match_count: failing.length,
        non_matching_samples: distinctSamples(failing, 10),
        detected_alternative_formats: alternatives,
      },
    };
  },
  render: (p) => ({ js: mdCall('detect_format_drift', p, true), sql: null }),
  summary: (p) => `check that ${p.column} follows ${p.format_type ?? `/${p.expected_format}/`}`,
  examples: [
    { prompt: 'are all order dates still in YYYY-MM-DD format?', params: { column: 'order_date', format_type: 'date_iso' } },
    { prompt: 'check the sku column still looks like three letters, a dash and four digits', params: { column: 'sku', expected_format: '[A-Z]{3}-\\d{4}' } },
  ],
};
