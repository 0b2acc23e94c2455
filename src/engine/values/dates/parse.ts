/**
 * The §2.10 priority list: which form a date text is written in, with its fields. The profile reads the
 * `format` (a strftime description of the text); the date primitives read the instant. Numeric `a/b/Y` texts
 * are returned unresolved, because their day/month order is decided once per column ({@link resolveMatch}).
 */
import { hour24, monthFromWord, twoDigitYear, utcDate, validDate, WEEKDAY_WORD } from './calendar.js';

/** A time of day as written: 24-hour fields, plus the strftime description of the text (` %I:%M %p`). */
interface Clock {
  hour: number;
  minute: number;
  second: number;
  ms: number;
  format: string;
}

export interface DateMatch {
  /** strftime pattern of the text; '' for numeric `a/b/Y` dates until the column order is known */
  format: string;
  hasTime: boolean;
  /** the instant (a zoned value converted to UTC wall-clock); absent for numeric `a/b/Y` dates */
  date?: Date;
  /** numeric day-and-month dates, resolved per column */
  numeric?: { a: number; b: number; year: number; sep: string; yearDigits: number; time: string; clock: Clock | null };
}

const FRACTION = '(?:\\.(\\d{1,9}))?';
const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:([T ])(\\d{1,2}):(\\d{2})(?::(\\d{2})${FRACTION})?(Z|[+-]\\d{2}:?\\d{2})?)?$`, 'i');
/** Time after year-first dates: as in ISO (`T` or a space, fractions), no zone; AM/PM tolerated. */
const YF_TIME = `(?:(T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})${FRACTION})?(?:\\s*([AaPp][Mm]))?)?`;
/** Time after numeric and month-name dates: `HH:MM[:SS]` with optional AM/PM. */
const TIME = `(?:(\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?()(?:\\s*([AaPp][Mm]))?)?`;
const YEAR_FIRST = new RegExp(`^(\\d{4})([/.])(\\d{1,2})\\2(\\d{1,2})${YF_TIME}$`);
const NUMERIC = new RegExp(`^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}$`);
const WEEKDAY = `(?:(${WEEKDAY_WORD})(\\.?,?)\\s+)?`;
const MONTH = '([a-z]{3,9})(\\.?)';
const ORDINAL = '(?:st|nd|rd|th)?';
const MONTH_DAY_YEAR = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORDINAL}(,?)\\s+(\\d{4})${TIME}$`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^${WEEKDAY}(\\d{1,2})${ORDINAL}\\s+${MONTH}(,?)\\s+(\\d{4})${TIME}$`, 'i');
const DAY_MON_YEAR = new RegExp(`^(\\d{1,2})-${MONTH}-(\\d{4}|\\d{2})${TIME}$`, 'i');

/** Milliseconds of a 1–9 digit fraction, truncated (§2.10: kept to milliseconds). */
const fractionMs = (digits?: string): number => (digits ? Number(digits.padEnd(3, '0').slice(0, 3)) : 0);

/** Reads the groups of TIME / YF_TIME: [separator, hour, minute, second, fraction, ampm]. */
function clockOf(g: (string | undefined)[], isoStyle: boolean): Clock | null | undefined {
  const [sep, h, mi, s, frac, ampm] = g;
  if (h === undefined) return undefined;
  const hour = hour24(Number(h), ampm);
  if (hour === null || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return null;
  const sepText = isoStyle && sep === 'T' ? 'T' : ' ';
  const format = `${sepText}${ampm ? '%I' : '%H'}:%M${s !== undefined ? ':%S' : ''}${frac ? '.%f' : ''}${ampm ? ' %p' : ''}`;
  return { hour, minute: Number(mi), second: s === undefined ? 0 : Number(s), ms: fractionMs(frac), format };
}

function dated(y: number, m: number, d: number, clock: Clock | undefined, format: string, offsetMin = 0): DateMatch | null {
  if (!validDate(y, m, d)) return null;
  const c = clock ?? { hour: 0, minute: 0, second: 0, ms: 0, format: '' };
  const date = utcDate(y, m, d, c.hour, c.minute - offsetMin, c.second, c.ms);
  return { format: format + c.format, hasTime: clock !== undefined, date };
}

/** `Z` → 0, `+05:30` / `+0530` → 330 minutes east; null when out of range. */
function offsetMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const hh = Number(zone.slice(1, 3));
  const mm = Number(zone.slice(-2));
  if (hh > 23 || mm > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hh * 60 + mm);
}

function isoMatch(m: RegExpExecArray): DateMatch | null {
  const clock = clockOf([m[4], m[5], m[6], m[7], m[8], undefined], true);
  if (clock === null) return null;
  const zone = m[9];
  const offset = zone ? offsetMinutes(zone) : 0;
  if (offset === null) return null;
  const zoneFormat = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : '%z') : '';
  const match = dated(+m[1], +m[2], +m[3], clock, '%Y-%m-%d', offset);
  return match && { ...match, format: match.format + zoneFormat };
}

function weekdayFormat(word: string | undefined, punct: string | undefined): string {
  if (!word) return '';
  return (word.length > 3 ? '%A' : '%a') + (punct ?? '') + ' ';
}

function named(word: string, dot: string, day: number, year: number, clockGroups: (string | undefined)[], pattern: (mon: string) => string): DateMatch | null {
  const month = monthFromWord(word);
  if (!month || (dot && month.full)) return null; // the `.` only follows an abbreviation
  const clock = clockOf(clockGroups, false);
  if (clock === null) return null;
  return dated(year, month.month, day, clock, pattern((month.full ? '%B' : '%b') + dot));
}

/** The first form of the priority list that matches the whole (trimmed) text, or null. */
export function matchDate(text: string): DateMatch | null {
  let m = ISO.exec(text);
  if (m) return isoMatch(m);
  if ((m = YEAR_FIRST.exec(text))) {
    const clock = clockOf(m.slice(5, 11), true);
    if (clock === null) return null;
    return dated(+m[1], +m[3], +m[4], clock, `%Y${m[2]}%m${m[2]}%d`);
  }
  if ((m = NUMERIC.exec(text))) {
    const clock = clockOf(m.slice(5, 11), false);
    if (clock === null) return null;
    const yearDigits = m[4].length;
    const year = yearDigits === 2 ? twoDigitYear(+m[4]) : +m[4];
    return { format: '', hasTime: clock !== undefined, numeric: { a: +m[1], b: +m[3], year, sep: m[2], yearDigits, time: clock?.format ?? '', clock: clock ?? null } };
  }
  if ((m = MONTH_DAY_YEAR.exec(text))) {
    const g = m;
    return named(g[3], g[4], +g[5], +g[7], g.slice(8, 14), (mon) => `${weekdayFormat(g[1], g[2])}${mon} %d${g[6]} %Y`);
  }
  if ((m = DAY_MONTH_YEAR.exec(text))) {
    const g = m;
    return named(g[4], g[5], +g[3], +g[7], g.slice(8, 14), (mon) => `${weekdayFormat(g[1], g[2])}%d ${mon}${g[6]} %Y`);
  }
  if ((m = DAY_MON_YEAR.exec(text))) {
    const g = m;
    const year = g[4].length === 2 ? twoDigitYear(+g[4]) : +g[4];
    return named(g[2], g[3], +g[1], year, g.slice(5, 11), (mon) => `%d-${mon}-${g[4].length === 2 ? '%y' : '%Y'}`);
  }
  return null;
}

/**
 * Day-first when some numeric value has a > 12 ≥ b and none has b > 12 ≥ a, else month-first (§2.10).
 * Non-numeric matches and nulls are ignored.
 */
export function decideDayFirst(matches: Iterable<DateMatch | null | undefined>): boolean {
  let dayEvidence = false;
  let monthEvidence = false;
  for (const d of matches) {
    if (!d?.numeric) continue;
    const { a, b } = d.numeric;
    if (a > 12 && b <= 12) dayEvidence = true;
    if (b > 12 && a <= 12) monthEvidence = true;
  }
  return dayEvidence && !monthEvidence;
}

/** The instant and format of a match in the column's order; null when invalid in that order (`13/02/2024` month-first). */
export function resolveMatch(match: DateMatch, dayFirst: boolean): { date: Date; format: string } | null {
  if (!match.numeric) return { date: match.date!, format: match.format };
  const { a, b, year, sep, yearDigits, clock } = match.numeric;
  const [month, day] = dayFirst ? [b, a] : [a, b];
  if (!validDate(year, month, day)) return null;
  const y = yearDigits === 2 ? '%y' : '%Y';
  const format = (dayFirst ? `%d${sep}%m${sep}${y}` : `%m${sep}%d${sep}${y}`) + match.numeric.time;
  const c = clock ?? { hour: 0, minute: 0, second: 0, ms: 0 };
  return { date: utcDate(year, month, day, c.hour, c.minute, c.second, c.ms), format };
}

/**
 * One text on its own (condition values, §3.3): trimmed, the priority list, numeric dates month-first unless
 * `dayFirst` says otherwise or the text itself is unambiguously day-first (`24/01/2024`).
 */
export function parseDateText(text: string, dayFirst: boolean | null = null): Date | null {
  const match = matchDate(text.trim());
  if (!match) return null;
  return resolveMatch(match, dayFirst ?? decideDayFirst([match]))?.date ?? null;
}
