import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Warning } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { columnTexts, distinctSamples, oneColumn } from '../quality/shared.js';

const FORMATS = ['(XXX) XXX-XXXX', 'XXX-XXX-XXXX', 'XXXXXXXXXX', '+1 XXX-XXX-XXXX'] as const;
type PhoneFormat = (typeof FORMATS)[number];

const phoneParams = params({
  column,
  format: z.enum(FORMATS).default('(XXX) XXX-XXXX'),
  country_code: z.string().regex(/^[0-9]{1,3}$/, 'must be 1–3 digits').default('1'),
});

type PhoneParams = z.infer<typeof phoneParams>;

function layout(d: string, format: PhoneFormat, countryCode: string): string {
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  switch (format) {
    case '(XXX) XXX-XXXX': return `(${a}) ${b}-${c}`;
    case 'XXX-XXX-XXXX': return `${a}-${b}-${c}`;
    case 'XXXXXXXXXX': return d;
    case '+1 XXX-XXX-XXXX': return `+${countryCode} ${a}-${b}-${c}`;
  }
}

/** The formatted number, or null when the digits are not a 10-digit number (optionally after the country code). */
export function formatPhone(text: string, format: PhoneFormat, countryCode: string): string | null {
  const digits = text.replace(/[^0-9]/g, '');
  if (digits.length === 10) return layout(digits, format, countryCode);
  if (digits.length === 10 + countryCode.length && digits.startsWith(countryCode)) return layout(digits.slice(countryCode.length), format, countryCode);
  return null;
}

/** `format_phone` (§4.3): 10-digit phone numbers in one layout; anything else is left as it was and reported. */
export const formatPhoneNumbers: Primitive<PhoneParams> = {
  name: 'format_phone',
  title: 'Format phone numbers',
  category: 'format',
  description:
    'Formats phone numbers with 10 digits (or the country code followed by 10 digits) as (XXX) XXX-XXXX, XXX-XXX-XXXX, XXXXXXXXXX or +<code> XXX-XXX-XXXX; other values are left unchanged and counted as failed.',
  params: phoneParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: 'string' as const } : c)),
  run(dt, p) {
    const texts = columnTexts(dt, p.column);
    const failed: string[] = [];
    let formatted = 0;
    const values = texts.map((text) => {
      if (text === null || text.trim() === '') return text; // whitespace-only is not a phone number to check
      const phone = formatPhone(text, p.format, p.country_code);
      if (phone === null) failed.push(text);
      else formatted++;
      return phone ?? text;
    });
    const warnings: Warning[] = failed.length
      ? [{
          code: 'PHONES_UNFORMATTED',
          message: `${failed.length} value${failed.length === 1 ? '' : 's'} in "${p.column}" ${failed.length === 1 ? 'is' : 'are'} not a 10-digit phone number and ${failed.length === 1 ? 'was' : 'were'} left unchanged`,
          column: p.column,
          count: failed.length,
          samples: distinctSamples(failed, 5),
        }]
      : [];
    return {
      table: setColumns(dt, [{ name: p.column, type: 'string', values }]),
      warnings,
      metadata: { phones_formatted: formatted, phones_failed: failed.length },
    };
  },
  render: (p) => ({ js: mdCall('format_phone', p), sql: null }),
  summary: (p) => `format ${p.column} as ${p.format === '+1 XXX-XXX-XXXX' ? `+${p.country_code} XXX-XXX-XXXX` : p.format}`,
  examples: [
    { prompt: 'clean up the phone numbers to look like (555) 123-4567', params: { column: 'phone', format: '(XXX) XXX-XXXX' } },
    { prompt: 'format mobile numbers with the +1 prefix', params: { column: 'mobile', format: '+1 XXX-XXX-XXXX', country_code: '1' } },
    { prompt: 'store phone numbers as plain digits', params: { column: 'phone', format: 'XXXXXXXXXX' } },
  ],
};
