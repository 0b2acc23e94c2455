/** Helpers shared by the date primitives (§4.8) and `format_date` (§4.3): parameters and parsing a column (§2.10). */
import { z } from 'zod';
import type { Warning } from '../../plan/types.js';
import { columnValues, type DataTable } from '../../table.js';
import { dateFormatError, parseDateColumn, type DateColumn } from '../../values/dates/index.js';

/** `fmt` (§2.10): a date format whose tokens are all known; anything else is INVALID_PARAM. */
export const dateFormat = z.string().superRefine((format, ctx) => {
  const message = dateFormatError(format);
  if (message) ctx.addIssue({ code: 'custom', message });
});

/** `day_first` bool | null = null: forces the order of numeric `a/b/Y` dates; null lets the column decide. */
export const dayFirst = z.boolean().nullable().default(null);

/** The column's cells read as dates, with its `DATES_UNPARSED` warning. */
export function readDates(dt: DataTable, column: string, options: { dayFirst?: boolean | null; format?: string | null } = {}): DateColumn {
  const type = dt.schema.find((c) => c.name === column)!.type;
  return parseDateColumn(column, columnValues(dt, column), type, options);
}

export const warningsOf = (...columns: DateColumn[]): Warning[] => columns.flatMap((c) => (c.warning ? [c.warning] : []));

/** Rows that got a result, and rows that did not (null or unparseable input). */
export function validity(results: readonly unknown[]): { valid: number; invalid: number } {
  let valid = 0;
  for (const r of results) if (r !== null) valid++;
  return { valid, invalid: results.length - valid };
}
