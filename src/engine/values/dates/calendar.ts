/** Calendar facts shared by date parsing, formatting and arithmetic (PRIMITIVES.md §2.10). All UTC, English names. */

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
/** Monday first: index = day of week with Monday = 0 (§4.8 `dayofweek`). */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const FULL_MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const ABBR_MONTHS = FULL_MONTHS.map((m) => m.slice(0, 3));

/** A month word of the priority list: full or 3-letter name, or `Sept`, any case; `full` says which. */
export function monthFromWord(word: string): { month: number; full: boolean } | null {
  const w = word.toLowerCase();
  if (w === 'sept') return { month: 9, full: false };
  const full = FULL_MONTHS.indexOf(w);
  if (full >= 0) return { month: full + 1, full: w.length > 3 };
  const abbr = ABBR_MONTHS.indexOf(w);
  return abbr >= 0 ? { month: abbr + 1, full: false } : null;
}

/** Weekday words accepted before a month-name date (the weekday is not checked against the date). */
export const WEEKDAY_WORD = '(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)';

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function validDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(m) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** `00`–`68` → 2000–2068, `69`–`99` → 1969–1999. */
export const twoDigitYear = (yy: number): number => (yy <= 68 ? 2000 : 1900) + yy;

/**
 * A UTC instant from wall-clock fields (month 1–12; overflowing fields carry, as in `Date.UTC`). Years 0–99
 * stay those years: `Date.UTC` would read them as 1900–1999, so they go through a year 400 later (a 400-year
 * Gregorian cycle is exactly 146 097 days).
 */
export function utcDate(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  if (y >= 0 && y < 100) return new Date(Date.UTC(y + 400, m - 1, d, h, mi, s, ms) - 146_097 * 86_400_000);
  return new Date(Date.UTC(y, m - 1, d, h, mi, s, ms));
}

/** The 24-hour hour of a clock reading, or null when out of range (0–23, or 1–12 with AM/PM). */
export function hour24(hour: number, ampm?: string): number | null {
  if (!ampm) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  const pm = ampm[0].toLowerCase() === 'p';
  return (hour % 12) + (pm ? 12 : 0);
}

/** Day of the year, 1–366. */
export function dayOfYear(d: Date): number {
  const start = Date.UTC(2000, 0, 1);
  const jan1 = new Date(start);
  jan1.setUTCFullYear(d.getUTCFullYear(), 0, 1);
  return Math.floor((d.getTime() - jan1.getTime()) / 86_400_000) + 1;
}

/** Monday = 0 … Sunday = 6. */
export const weekdayIndex = (d: Date): number => (d.getUTCDay() + 6) % 7;

/** ISO-8601 week number (1–53): the week with the year's first Thursday is week 1. */
export function isoWeek(d: Date): number {
  const thursday = new Date(d.getTime());
  thursday.setUTCDate(d.getUTCDate() + 3 - weekdayIndex(d));
  return Math.floor((dayOfYear(thursday) - 1) / 7) + 1;
}
