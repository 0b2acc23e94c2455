/**
 * Which date format a text is written in, as a strftime pattern (`%Y-%m-%d`, `%m/%d/%Y`,
 * `%B %d, %Y %I:%M %p`, …). It follows the forms of PRIMITIVES.md §2.10 (ISO, year-first with
 * `/` or `.`, numeric day and month, month names) so that the profile describes what the date
 * primitives will read; numeric `a/b/Y` dates get their month/day order once per column, with the
 * §2.10 rule, via {@link resolveDateFormats}.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH_WORD = '([A-Za-z]{3,9})\\.?';
const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const TIME = '(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp][Mm])?)?';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_FIRST = new RegExp(`^(\\d{4})([/.])(\\d{1,2})\\2(\\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(`^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}$`);
const MONTH_FIRST = new RegExp(`^${WEEKDAY}${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?(,?)\\s+(\\d{4})${TIME}$`, 'i');
const DAY_FIRST = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD}(,?)\\s+(\\d{4})${TIME}$`, 'i');
const DAY_MON_YEAR = /^(\d{1,2})-([A-Za-z]{3,9})-(\d{4}|\d{2})$/;

export interface DateMatch {
  /** strftime pattern; for numeric `a/b/Y` dates a placeholder until the column order is known */
  format: string;
  hasTime: boolean;
  /** numeric day-and-month dates, resolved per column */
  numeric?: { a: number; b: number; year: number; sep: string; yearDigits: number; time: string };
}

function monthIndex(word: string): { month: number; full: boolean } | null {
  const w = word.toLowerCase();
  if (w === 'sept') return { month: 9, full: false };
  const full = FULL_MONTHS.indexOf(w);
  if (full >= 0) return { month: full + 1, full: w.length > 3 };
  const abbr = MONTHS.indexOf(w);
  return abbr >= 0 ? { month: abbr + 1, full: false } : null;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, m, 0)).getUTCDate(); // 2000 is a leap year
  return d <= (m === 2 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 28 : days);
}

/** Format of a `HH:MM[:SS] [AM]` suffix, or null when its fields are out of range. */
function timeFormat(h?: string, mi?: string, s?: string, ampm?: string): string | null {
  if (h === undefined) return '';
  const hour = +h;
  if (+mi! > 59 || (s !== undefined && +s > 59)) return null;
  if (ampm ? hour < 1 || hour > 12 : hour > 23) return null;
  return (ampm ? ' %I:%M' : ' %H:%M') + (s !== undefined ? ':%S' : '') + (ampm ? ' %p' : '');
}

export function classifyDate(text: string): DateMatch | null {
  let m = ISO.exec(text);
  if (m) {
    if (!validDate(+m[1], +m[2], +m[3])) return null;
    if (m[5] !== undefined && (+m[5] > 23 || +m[6] > 59 || (m[7] !== undefined && +m[7] > 59))) return null;
    const time = m[5] === undefined ? '' : `${m[4] === 'T' ? 'T' : ' '}%H:%M${m[7] !== undefined ? ':%S' : ''}`;
    return { format: `%Y-%m-%d${time}${m[8] ? (m[8] === 'Z' ? 'Z' : '%z') : ''}`, hasTime: time !== '' };
  }
  if ((m = YEAR_FIRST.exec(text))) {
    const time = timeFormat(m[5], m[6], m[7], m[8]);
    if (time === null || !validDate(+m[1], +m[3], +m[4])) return null;
    return { format: `%Y${m[2]}%m${m[2]}%d${time}`, hasTime: time !== '' };
  }
  if ((m = NUMERIC.exec(text))) {
    const time = timeFormat(m[5], m[6], m[7], m[8]);
    if (time === null) return null;
    const yearDigits = m[4].length;
    const year = yearDigits === 2 ? (+m[4] <= 68 ? 2000 : 1900) + +m[4] : +m[4];
    return { format: '', hasTime: time !== '', numeric: { a: +m[1], b: +m[3], year, sep: m[2], yearDigits, time } };
  }
  const day = weekdayFormat(text);
  if ((m = MONTH_FIRST.exec(text))) return named(m[1], +m[2], +m[4], (mon) => `${day}${mon} %d${m![3]} %Y`, m.slice(5));
  if ((m = DAY_FIRST.exec(text))) return named(m[2], +m[1], +m[4], (mon) => `${day}%d ${mon}${m![3]} %Y`, m.slice(5));
  if ((m = DAY_MON_YEAR.exec(text))) {
    const year = m[3].length === 2 ? (+m[3] <= 68 ? 2000 : 1900) + +m[3] : +m[3];
    const y = m[3].length === 2 ? '%y' : '%Y';
    return named(m[2], +m[1], year, (mon) => `%d-${mon}-${y}`, []);
  }
  return null;
}

const WEEKDAY_PREFIX = /^(mon|tue|wed|thu|fri|sat|sun)([a-z]*)\.?(,?)\s/i;

/** `%A, ` for `Monday, …`, `%a ` for `Mon …`, '' without a weekday. */
function weekdayFormat(text: string): string {
  const m = WEEKDAY_PREFIX.exec(text);
  if (!m) return '';
  return (m[2].length > 1 ? '%A' : '%a') + m[3] + ' ';
}

function named(
  word: string,
  day: number,
  year: number,
  pattern: (month: string) => string,
  time: (string | undefined)[],
): DateMatch | null {
  const month = monthIndex(word);
  if (!month || !validDate(year, month.month, day)) return null;
  const t = timeFormat(time[0], time[1], time[2], time[3]);
  if (t === null) return null;
  return { format: pattern(month.full ? '%B' : '%b') + t, hasTime: t !== '' };
}

/**
 * Gives numeric `a/b/Y` matches their format for the whole column (§2.10: day-first when some
 * value has a > 12 ≥ b and none has b > 12 ≥ a, else month-first). A value invalid in the chosen
 * order becomes null (unparseable), like `24/01/2024` among month-first dates.
 */
export function resolveDateFormats(matches: (DateMatch | null)[]): { formats: (string | null)[]; dayFirst: boolean } {
  let dayEvidence = false;
  let monthEvidence = false;
  for (const d of matches) {
    if (!d?.numeric) continue;
    const { a, b } = d.numeric;
    if (a > 12 && b <= 12) dayEvidence = true;
    if (b > 12 && a <= 12) monthEvidence = true;
  }
  const dayFirst = dayEvidence && !monthEvidence;
  const formats = matches.map((d) => {
    if (!d) return null;
    if (!d.numeric) return d.format;
    const { a, b, year, sep, yearDigits, time } = d.numeric;
    const [month, day] = dayFirst ? [b, a] : [a, b];
    if (!validDate(year, month, day)) return null;
    const y = yearDigits === 2 ? '%y' : '%Y';
    return (dayFirst ? `%d${sep}%m${sep}${y}` : `%m${sep}%d${sep}${y}`) + time;
  });
  return { formats, dayFirst };
}
