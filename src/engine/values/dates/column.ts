/**
 * Parsing a whole column to dates (§2.10): `datetime` cells as they are, numbers and booleans unparseable,
 * text trimmed and read by the explicit format or by the priority list with one day/month order for the column.
 * Unparseable non-null cells become null and are reported once as `DATES_UNPARSED` with original-text samples.
 */
import type { Warning } from '../../plan/types.js';
import { datetimeFormOf, textOf, type CellValue, type ColumnType } from '../../table.js';
import { decideDayFirst, matchDate, resolveMatch, type DateMatch } from './parse.js';
import { compileDateFormat } from './strptime.js';

export interface DateParseOptions {
  /** an explicit format (`input_format`, `date_format`); null → the priority list */
  format?: string | null;
  /** forces the order of numeric `a/b/Y` dates; null → decided from the column */
  dayFirst?: boolean | null;
}

export interface DateColumn {
  /** one cell per row: the instant, or null (null or unparseable) */
  dates: (Date | null)[];
  /** the order used for numeric dates; null when an explicit format was given (the format decides) */
  dayFirst: boolean | null;
  /** non-null cells read as dates */
  parsed: number;
  /** non-null cells that could not be read (now null) */
  unparsed: number;
  /** `DATES_UNPARSED` when `unparsed` > 0 */
  warning: Warning | null;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The `DATES_UNPARSED` warning: count and up to 5 distinct original texts in row order. */
export function datesUnparsedWarning(column: string, count: number, samples: string[]): Warning {
  return {
    code: 'DATES_UNPARSED',
    message: `${plural(count, 'value')} in "${column}" could not be read as dates and became null`,
    column,
    count,
    samples,
  };
}

export function parseDateColumn(column: string, values: readonly CellValue[], type: ColumnType, options: DateParseOptions = {}): DateColumn {
  const n = values.length;
  const dates: (Date | null)[] = new Array(n).fill(null);
  const failed: number[] = [];
  let dayFirst: boolean | null = null;

  if (type === 'datetime') {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v instanceof Date) dates[i] = v;
      else if (v !== null) failed.push(i);
    }
    dayFirst = options.format ? null : options.dayFirst ?? false;
  } else if (options.format) {
    const parse = compileDateFormat(options.format);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) continue;
      const d = typeof v === 'string' ? parse(v) : v instanceof Date ? v : null;
      if (d) dates[i] = d;
      else failed.push(i);
    }
  } else {
    // Match each distinct text once; the day/month order is decided over all of them before resolving.
    const cache = new Map<string, DateMatch | null>();
    const matches: (DateMatch | null)[] = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v !== 'string') continue;
      let m = cache.get(v);
      if (m === undefined) cache.set(v, (m = matchDate(v.trim())));
      matches[i] = m;
    }
    dayFirst = options.dayFirst ?? decideDayFirst(cache.values());
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) continue;
      const d = v instanceof Date ? v : matches[i] ? resolveMatch(matches[i]!, dayFirst)?.date ?? null : null;
      if (d) dates[i] = d;
      else failed.push(i);
    }
  }

  let warning: Warning | null = null;
  if (failed.length > 0) {
    const form = type === 'datetime' ? datetimeFormOf(values) : undefined;
    const samples: string[] = [];
    for (const i of failed) {
      const text = textOf(values[i], type, form) ?? '';
      if (!samples.includes(text)) samples.push(text);
      if (samples.length === 5) break;
    }
    warning = datesUnparsedWarning(column, failed.length, samples);
  }
  return { dates, dayFirst, parsed: n - countNulls(values) - failed.length, unparsed: failed.length, warning };
}

function countNulls(values: readonly CellValue[]): number {
  let k = 0;
  for (const v of values) if (v === null) k++;
  return k;
}
