import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import { StepFailure } from '../../plan/step-failure.js';
import type { Primitive, Warning } from '../../plan/types.js';
import { columnValues, type CellValue, type ColumnType } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { dateFormatError } from '../../values/dates/strftime.js';
import { parseDateColumn } from '../../values/dates/column.js';
import { num, roundDecimal } from '../../values/numbers.js';
import { columnTexts, oneColumn } from './shared.js';

const dateFormat = z.string().superRefine((format, ctx) => {
  const message = dateFormatError(format);
  if (message) ctx.addIssue({ code: 'custom', message });
});

const changeTypeParams = params({
  column,
  to_type: z.enum(['string', 'integer', 'float', 'boolean', 'datetime']),
  date_format: dateFormat.nullable().default(null),
  errors: z.enum(['raise', 'coerce', 'ignore']).default('coerce'),
  day_first: z.boolean().nullable().default(null),
});
type ChangeTypeParams = z.infer<typeof changeTypeParams>;

/** A failed cell. */
const FAIL = Symbol('fail');
type Converted = CellValue | typeof FAIL;

const TRUE_WORDS = new Set(['true', 'yes', 'y', 't', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f', '0', 'off']);

/** `float` conversion: numbers as they are, text by num(), booleans 1/0, datetimes fail. */
function toNumber(v: CellValue): Converted {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return num(v) ?? FAIL;
  return FAIL;
}

function toBoolean(v: CellValue): Converted {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : FAIL;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : FAIL;
  }
  return FAIL;
}

const plural = (n: number) => `${n} value${n === 1 ? '' : 's'}`;
const quoted = (samples: string[]) => samples.map((s) => `"${s}"`).join(', ');

/** Up to 5 distinct original texts of the given rows, in row order. */
function samplesOf(texts: readonly (string | null)[], rows: readonly number[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const t = texts[r] ?? '';
    if (!out.includes(t)) out.push(t);
    if (out.length === 5) break;
  }
  return out;
}

/** `change_column_type` (§4.2): converts a column in place; failures nulled, raised, or the column left as is. */
export const changeColumnType: Primitive<ChangeTypeParams> = {
  name: 'change_column_type',
  title: 'Change column type',
  category: 'columns',
  description:
    'Converts a column to text, integer, float, boolean or datetime. Values that cannot convert become blank (coerce, the default), stop the run (raise), or leave the column unchanged (ignore).',
  params: changeTypeParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: p.to_type } : c)),
  run(dt, p) {
    const type = dt.schema.find((c) => c.name === p.column)!.type;
    const values = columnValues(dt, p.column);
    const texts = columnTexts(dt, p.column);
    const out: CellValue[] = new Array(values.length);
    const failed: number[] = [];
    const rounded: number[] = [];
    let failWarning: Warning | null = null;

    if (p.to_type === 'datetime') {
      const parsed = parseDateColumn(p.column, values, type, { format: p.date_format, dayFirst: p.day_first });
      parsed.dates.forEach((d, r) => {
        out[r] = d;
        if (d === null && values[r] !== null) failed.push(r);
      });
      failWarning = parsed.warning;
    } else {
      const convert = (v: CellValue, r: number): Converted => {
        if (p.to_type === 'string') return texts[r];
        if (p.to_type === 'boolean') return toBoolean(v);
        const n = toNumber(v);
        if (n === FAIL || p.to_type === 'float') return n;
        const whole = roundDecimal(n as number, 0);
        if (!Number.isSafeInteger(whole)) return FAIL;
        if (whole !== n) rounded.push(r);
        return whole;
      };
      values.forEach((v, r) => {
        const c = v === null ? null : convert(v, r);
        if (c === FAIL) failed.push(r);
        out[r] = c === FAIL ? null : c;
      });
      if (failed.length > 0) {
        failWarning = {
          code: 'VALUES_NULLED',
          message: `${plural(failed.length)} in "${p.column}" could not be converted to ${p.to_type} and became null`,
          column: p.column,
          count: failed.length,
          samples: samplesOf(texts, failed),
        };
      }
    }

    const metadata = { converted_count: values.length - values.filter((v) => v === null).length - failed.length, failed_count: failed.length };
    if (failed.length > 0 && p.errors === 'raise') {
      throw new StepFailure('STEP_FAILED', `${plural(failed.length)} in "${p.column}" could not be converted to ${p.to_type}: ${quoted(samplesOf(texts, failed))}.`);
    }
    if (failed.length > 0 && p.errors === 'ignore') {
      return { table: dt, metadata: { converted_count: 0, failed_count: failed.length } };
    }
    const warnings: Warning[] = [];
    if (failWarning) warnings.push(failWarning);
    if (rounded.length > 0) {
      warnings.push({
        code: 'VALUES_ROUNDED',
        message: `${plural(rounded.length)} in "${p.column}" had a fraction and ${rounded.length === 1 ? 'was' : 'were'} rounded to a whole number`,
        column: p.column,
        count: rounded.length,
        samples: samplesOf(texts, rounded),
      });
    }
    return { table: setColumns(dt, [{ name: p.column, type: p.to_type as ColumnType, values: out }]), warnings, metadata };
  },
  render: (p) => ({ js: mdCall('change_column_type', p), sql: null }),
  summary: (p) => `convert ${p.column} to ${p.to_type}${p.date_format ? ` (format ${p.date_format})` : ''}`,
  examples: [
    { prompt: 'make the price column a number', params: { column: 'price', to_type: 'float' } },
    { prompt: 'turn signup_date into real dates, the format is day/month/year', params: { column: 'signup_date', to_type: 'datetime', date_format: '%d/%m/%Y' } },
    { prompt: 'treat zip as text so the leading zeros stay', params: { column: 'zip', to_type: 'string' } },
  ],
};
