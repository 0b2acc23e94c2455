import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { daysInMonth, utcDate } from '../../values/dates/index.js';
import { newColumnProblems, sqlSelect } from '../text/shared.js';
import { dayFirst, readDates, validity, warningsOf } from './shared.js';

const UNITS = ['days', 'weeks', 'months', 'years', 'hours', 'minutes'] as const;
type Unit = (typeof UNITS)[number];

const addParams = params({
  column,
  amount: z.number().int(),
  unit: z.enum(UNITS).default('days'),
  new_column: newColumn.nullable().default(null),
  day_first: dayFirst,
});

type AddParams = z.infer<typeof addParams>;

const EXACT_MS: Record<Exclude<Unit, 'months' | 'years'>, number> = { days: 86_400_000, weeks: 604_800_000, hours: 3_600_000, minutes: 60_000 };
const target = (p: AddParams): string => p.new_column ?? p.column;

/** Moves on the calendar, clamping to the month's end (31 Jan + 1 month → 29 Feb); keeps the time of day. */
function addMonths(d: Date, months: number): Date {
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return utcDate(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** The date moved by `amount` units; null when the result leaves the range of dates. */
export function addToDate(d: Date, amount: number, unit: Unit): Date | null {
  const result =
    unit === 'months' ? addMonths(d, amount) : unit === 'years' ? addMonths(d, amount * 12) : new Date(d.getTime() + amount * EXACT_MS[unit]);
  return Number.isNaN(result.getTime()) ? null : result;
}

/** `date_add` (§4.8): adds (or subtracts) days, weeks, calendar months or years, hours or minutes. */
export const dateAdd: Primitive<AddParams> = {
  name: 'date_add',
  title: 'Add to date',
  category: 'dates',
  description:
    'Adds a whole number of days, weeks, months, years, hours or minutes to a date column (negative subtracts); months and years clamp to the month end. Writes in place unless new_column is given. Text dates are parsed; unreadable ones give null.',
  params: addParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }],
  check: (p, { schema }) => newColumnProblems('new_column', p.new_column, p.column, schema),
  outputSchema: (p, { schema }) =>
    schema.some((c) => c.name === target(p))
      ? schema.map((c) => (c.name === target(p) ? { name: c.name, type: 'datetime' as const } : c))
      : [...schema, { name: target(p), type: 'datetime' }],
  run(dt, p) {
    const parsed = readDates(dt, p.column, { dayFirst: p.day_first });
    const values = parsed.dates.map((d) => (d ? addToDate(d, p.amount, p.unit) : null));
    const { valid, invalid } = validity(values);
    return {
      table: setColumns(dt, [{ name: target(p), type: 'datetime', values }]),
      warnings: warningsOf(parsed),
      metadata: { amount_added: p.amount, unit: p.unit, valid_operations: valid, invalid_operations: invalid },
    };
  },
  render(p, schema) {
    const isDatetime = schema.find((c) => c.name === p.column)?.type === 'datetime';
    // PostgreSQL's timestamp + interval clamps months to the month's end as §4.8 does.
    const expr = `${ident(p.column)} + INTERVAL '${p.amount} ${p.unit}'`;
    const inPlace = target(p) === p.column;
    return {
      js: mdCall('date_add', p),
      sql: isDatetime ? sqlSelect(schema, inPlace ? { [p.column]: expr } : {}, inPlace ? [] : [[target(p), expr]]) : null,
    };
  },
  summary: (p) => `${p.amount < 0 ? 'subtract' : 'add'} ${Math.abs(p.amount)} ${p.unit} ${p.amount < 0 ? 'from' : 'to'} ${p.column}${p.new_column && p.new_column !== p.column ? ` into ${p.new_column}` : ''}`,
  examples: [
    { prompt: 'add 30 days to the invoice date to get the due date', params: { column: 'invoice_date', amount: 30, unit: 'days', new_column: 'due_date' } },
    { prompt: 'move every renewal date one month later', params: { column: 'renewal_date', amount: 1, unit: 'months' } },
    { prompt: 'subtract 2 hours from the timestamps (they are in the wrong zone)', params: { column: 'logged_at', amount: -2, unit: 'hours' } },
  ],
};
