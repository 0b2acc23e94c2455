import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall, selectList } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import type { CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { dayOfYear, isoWeek, MONTH_NAMES, WEEKDAY_NAMES, weekdayIndex } from '../../values/dates/index.js';
import { columnExists, oneColumn } from '../quality/shared.js';
import { dayFirst, readDates, validity, warningsOf } from './shared.js';

const PARTS = ['year', 'month', 'day', 'week', 'quarter', 'dayofweek', 'dayofyear', 'hour', 'minute', 'second', 'weekday_name', 'month_name'] as const;
type Part = (typeof PARTS)[number];

const extractParams = params({
  column,
  part: z.enum(PARTS),
  new_column: newColumn.nullable().default(null),
  day_first: dayFirst,
});

type ExtractParams = z.infer<typeof extractParams>;

const outputName = (p: ExtractParams): string => p.new_column ?? `${p.column}_${p.part}`;
const isName = (part: Part): boolean => part === 'weekday_name' || part === 'month_name';

const PART_OF: Record<Part, (d: Date) => CellValue> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day: (d) => d.getUTCDate(),
  week: isoWeek,
  quarter: (d) => Math.floor(d.getUTCMonth() / 3) + 1,
  dayofweek: weekdayIndex,
  dayofyear: dayOfYear,
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  second: (d) => d.getUTCSeconds(),
  weekday_name: (d) => WEEKDAY_NAMES[weekdayIndex(d)],
  month_name: (d) => MONTH_NAMES[d.getUTCMonth()],
};

/** PostgreSQL for a `timestamp` column: EXTRACT gives numerics (seconds with fractions), TO_CHAR's FM drops padding. */
function sqlPart(part: Part, col: string): string {
  switch (part) {
    case 'weekday_name': return `TO_CHAR(${col}, 'FMDay')`;
    case 'month_name': return `TO_CHAR(${col}, 'FMMonth')`;
    case 'week': return `EXTRACT(WEEK FROM ${col})::bigint`;
    case 'dayofweek': return `(EXTRACT(ISODOW FROM ${col}) - 1)::bigint`;
    case 'dayofyear': return `EXTRACT(DOY FROM ${col})::bigint`;
    case 'second': return `FLOOR(EXTRACT(SECOND FROM ${col}))::bigint`;
    default: return `EXTRACT(${part.toUpperCase()} FROM ${col})::bigint`;
  }
}

/** `extract_date_part` (§4.8): appends one calendar or clock part of a date column. */
export const extractDatePart: Primitive<ExtractParams> = {
  name: 'extract_date_part',
  title: 'Extract date part',
  category: 'dates',
  description:
    'Appends a column with one part of a date: year, month, day, ISO week, quarter, day of week (Monday = 0), day of year, hour, minute, second, or the English weekday or month name. Text dates are parsed; unreadable ones give null.',
  params: extractParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.column),
  check: (p, { schema }) => columnExists('new_column', outputName(p), schema),
  outputSchema: (p, { schema }) => [...schema, { name: outputName(p), type: isName(p.part) ? 'string' : 'integer' }],
  run(dt, p) {
    const parsed = readDates(dt, p.column, { dayFirst: p.day_first });
    const extract = PART_OF[p.part];
    const values = parsed.dates.map((d) => (d ? extract(d) : null));
    const { valid, invalid } = validity(values);
    return {
      table: setColumns(dt, [{ name: outputName(p), type: isName(p.part) ? 'string' : 'integer', values }]),
      warnings: warningsOf(parsed),
      metadata: { part_extracted: p.part, valid_dates: valid, invalid_dates: invalid },
    };
  },
  render(p, schema) {
    const type = schema.find((c) => c.name === p.column)?.type;
    return {
      js: mdCall('extract_date_part', p),
      sql: type === 'datetime' ? `SELECT ${selectList(schema)}, ${sqlPart(p.part, ident(p.column))} AS ${ident(outputName(p))}, "_row" FROM {input} ORDER BY "_row"` : null,
    };
  },
  summary: (p) => `extract the ${p.part.replace('_', ' ')} of ${p.column} into ${outputName(p)}`,
  examples: [
    { prompt: 'add a column with the year of each order date', params: { column: 'order_date', part: 'year' } },
    { prompt: 'which weekday was each signup on?', params: { column: 'signup_date', part: 'weekday_name', new_column: 'signup_weekday' } },
    { prompt: 'get the month number from the invoice date (dates are written day first)', params: { column: 'invoice_date', part: 'month', day_first: true } },
  ],
};
