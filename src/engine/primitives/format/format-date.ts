import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { formatDate as writeDate, tokenizeDateFormat, type FormatPart } from '../../values/dates/index.js';
import { oneColumn } from '../quality/shared.js';
import { dateFormat, dayFirst, readDates, warningsOf } from '../dates/shared.js';

const formatDateParams = params({
  column,
  output_format: dateFormat.default('%Y-%m-%d'),
  input_format: dateFormat.nullable().default(null),
  day_first: dayFirst,
});

type FormatDateParams = z.infer<typeof formatDateParams>;

/** `format_date` (§4.3): reads each cell as a date (§2.10) and rewrites it as text in `output_format`. */
export const formatDate: Primitive<FormatDateParams> = {
  name: 'format_date',
  title: 'Format dates',
  category: 'format',
  description:
    'Rewrites a date column as text in one format (strftime tokens such as %Y-%m-%d, %d/%m/%Y, %B %-d, %Y). Text dates are parsed with input_format or recognized automatically (one day/month order per column); unreadable ones become null.',
  params: formatDateParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: 'string' as const } : c)),
  run(dt, p) {
    const parsed = readDates(dt, p.column, { format: p.input_format, dayFirst: p.day_first });
    const parts = tokenizeDateFormat(p.output_format) as FormatPart[];
    // A format of literal text only could print '' — empty text is null (§2.1).
    const values = parsed.dates.map((d) => (d ? writeDate(d, parts) || null : null));
    return {
      table: setColumns(dt, [{ name: p.column, type: 'string', values }]),
      warnings: warningsOf(parsed),
      metadata: { dates_formatted: parsed.parsed, dates_unparsed: parsed.unparsed, day_first: parsed.dayFirst },
    };
  },
  render: (p) => ({ js: mdCall('format_date', p), sql: null }),
  summary: (p) => `format ${p.column} as ${p.output_format}`,
  examples: [
    { prompt: 'make all the dates in order_date look like 2024-01-31', params: { column: 'order_date', output_format: '%Y-%m-%d' } },
    { prompt: 'show the birthday column as "January 5, 2024"', params: { column: 'birthday', output_format: '%B %-d, %Y' } },
    { prompt: 'the dates are European (day first); rewrite them as MM/DD/YYYY', params: { column: 'date', output_format: '%m/%d/%Y', day_first: true } },
    { prompt: 'parse the timestamps written like 20240131 and show them as 31.01.2024', params: { column: 'stamp', input_format: '%Y%m%d', output_format: '%d.%m.%Y' } },
  ],
};
