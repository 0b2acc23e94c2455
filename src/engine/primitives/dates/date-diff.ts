import { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall, selectList } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import type { CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { normalizeFloat, roundDecimal } from '../../values/numbers.js';
import { columnExists } from '../quality/shared.js';
import { dayFirst, readDates, validity, warningsOf } from './shared.js';

const UNITS = ['days', 'weeks', 'months', 'years', 'hours', 'minutes', 'seconds'] as const;
type Unit = (typeof UNITS)[number];

const diffParams = params({
  start_column: column,
  end_column: column,
  unit: z.enum(UNITS).default('days'),
  new_column: newColumn.nullable().default(null),
  absolute: z.boolean().default(false),
  day_first: dayFirst,
});

type DiffParams = z.infer<typeof diffParams>;

const DAY = 86_400_000;
const EXACT_MS: Partial<Record<Unit, number>> = { hours: 3_600_000, minutes: 60_000, seconds: 1000 };
const outputName = (p: DiffParams): string => p.new_column ?? `date_diff_${p.unit}`;
const outputType = (unit: Unit) => (unit === 'days' || unit === 'months' || unit === 'years' ? 'integer' : 'float');

/** Milliseconds since the start of the month: "the day and time" that DATEDIF compares. */
const intoMonth = (d: Date): number => (d.getUTCDate() - 1) * DAY + (((d.getTime() % DAY) + DAY) % DAY);

/** Complete calendar months from `a` to `b` (b ≥ a), as spreadsheet DATEDIF "M". */
function completeMonths(a: Date, b: Date): number {
  const months = 12 * (b.getUTCFullYear() - a.getUTCFullYear()) + (b.getUTCMonth() - a.getUTCMonth());
  return months - (intoMonth(b) < intoMonth(a) ? 1 : 0);
}

/** `end − start` in the unit (§4.8). */
export function dateDifference(start: Date, end: Date, unit: Unit): number {
  const ms = end.getTime() - start.getTime();
  switch (unit) {
    case 'days':
      return Math.trunc(ms / DAY) || 0; // toward zero; `|| 0` turns -0 into 0
    case 'weeks':
      return roundDecimal(normalizeFloat((Math.trunc(ms / DAY) || 0) / 7)!, 2);
    case 'months':
    case 'years': {
      const months = ms >= 0 ? completeMonths(start, end) : -completeMonths(end, start);
      const value = unit === 'months' ? months : Math.sign(months) * Math.floor(Math.abs(months) / 12);
      return value || 0;
    }
    default:
      return normalizeFloat(ms / EXACT_MS[unit]!)!;
  }
}

function sqlMonths(s: string, e: string): string {
  const intoMonthSql = (c: string) => `(${c} - DATE_TRUNC('month', ${c}))`;
  const m = (a: string, b: string) =>
    `(12 * (EXTRACT(YEAR FROM ${b}) - EXTRACT(YEAR FROM ${a})) + EXTRACT(MONTH FROM ${b}) - EXTRACT(MONTH FROM ${a}) - CASE WHEN ${intoMonthSql(b)} < ${intoMonthSql(a)} THEN 1 ELSE 0 END)`;
  return `(CASE WHEN ${e} >= ${s} THEN ${m(s, e)} ELSE -${m(e, s)} END)`;
}

/** PostgreSQL for `timestamp` columns; floats go through float8 → numeric (15 significant digits) like normalizeFloat. */
function sqlDiff(p: DiffParams): string {
  const s = ident(p.start_column);
  const e = ident(p.end_column);
  const seconds = `EXTRACT(EPOCH FROM (${e} - ${s}))`;
  const days = `TRUNC(${seconds} / 86400)`;
  let expr: string;
  switch (p.unit) {
    case 'days': expr = `${days}::bigint`; break;
    case 'weeks': expr = `ROUND((${days} / 7)::float8::numeric, 2)::float8`; break;
    case 'months': expr = `${sqlMonths(s, e)}::bigint`; break;
    case 'years': expr = `(SIGN(${sqlMonths(s, e)}) * FLOOR(ABS(${sqlMonths(s, e)}) / 12))::bigint`; break;
    default: expr = `(${seconds} / ${EXACT_MS[p.unit]! / 1000})::float8::numeric::float8`;
  }
  return p.absolute ? `ABS(${expr})` : expr;
}

/** `date_diff` (§4.8): `end − start` per row in days, weeks, calendar months or years, hours, minutes or seconds. */
export const dateDiff: Primitive<DiffParams> = {
  name: 'date_diff',
  title: 'Date difference',
  category: 'dates',
  description:
    'Appends end − start per row: whole days (toward zero), weeks (2 decimals), complete calendar months or years (as spreadsheet DATEDIF), or exact hours, minutes, seconds; optionally absolute. Text dates are parsed; a missing or unreadable side gives null.',
  params: diffParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [
    { param: 'start_column', column: p.start_column },
    { param: 'end_column', column: p.end_column },
  ],
  check: (p, { schema }) => columnExists('new_column', outputName(p), schema),
  outputSchema: (p, { schema }) => [...schema, { name: outputName(p), type: outputType(p.unit) }],
  run(dt, p) {
    const start = readDates(dt, p.start_column, { dayFirst: p.day_first });
    const end = p.end_column === p.start_column ? start : readDates(dt, p.end_column, { dayFirst: p.day_first });
    const values: CellValue[] = start.dates.map((s, i) => {
      const e = end.dates[i];
      if (!s || !e) return null;
      const diff = dateDifference(s, e, p.unit);
      return p.absolute ? Math.abs(diff) : diff;
    });
    const { valid, invalid } = validity(values);
    return {
      table: setColumns(dt, [{ name: outputName(p), type: outputType(p.unit), values }]),
      warnings: p.end_column === p.start_column ? warningsOf(start) : warningsOf(start, end),
      metadata: { unit: p.unit, valid_calculations: valid, invalid_calculations: invalid },
    };
  },
  render(p, schema) {
    const datetimes = [p.start_column, p.end_column].every((c) => schema.find((s) => s.name === c)?.type === 'datetime');
    return {
      js: mdCall('date_diff', p),
      sql: datetimes ? `SELECT ${selectList(schema)}, ${sqlDiff(p)} AS ${ident(outputName(p))}, "_row" FROM {input} ORDER BY "_row"` : null,
    };
  },
  summary: (p) => `${p.absolute ? 'absolute ' : ''}${p.unit} from ${p.start_column} to ${p.end_column} into ${outputName(p)}`,
  examples: [
    { prompt: 'how many days between order date and ship date?', params: { start_column: 'order_date', end_column: 'ship_date', unit: 'days', new_column: 'days_to_ship' } },
    { prompt: "compute each employee's age in years from birth_date to as_of_date", params: { start_column: 'birth_date', end_column: 'as_of_date', unit: 'years', new_column: 'age' } },
    { prompt: 'hours between check-in and check-out', params: { start_column: 'check_in', end_column: 'check_out', unit: 'hours' } },
  ],
};
