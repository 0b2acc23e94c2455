/**
 * Parsing with an explicit format (§2.10): strict, the whole trimmed text must match; tokens as for output plus
 * `%p` with `%I`; month and weekday names in any case. Numbers accept 1–2 digits (`%m` reads `3` and `03`),
 * whitespace in the format matches any run of whitespace. Missing fields default to 1900-01-01 00:00:00.
 */
import { hour24, MONTH_NAMES, twoDigitYear, utcDate, validDate, WEEKDAY_NAMES } from './calendar.js';
import { tokenizeDateFormat, type FormatPart } from './strftime.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const names = (list: string[], abbreviated: boolean): string =>
  `(${list.map((n) => (abbreviated ? n.slice(0, 3) : n)).join('|')})`;

const TOKEN_PATTERN: Record<string, string> = {
  Y: '(\\d{4})',
  y: '(\\d{2})',
  m: '(\\d{1,2})', '-m': '(\\d{1,2})',
  d: '(\\d{1,2})', '-d': '(\\d{1,2})', e: '\\s?(\\d{1,2})',
  B: names(MONTH_NAMES, false), b: names(MONTH_NAMES, true),
  A: names(WEEKDAY_NAMES, false), a: names(WEEKDAY_NAMES, true),
  H: '(\\d{1,2})', '-H': '(\\d{1,2})', I: '(\\d{1,2})', '-I': '(\\d{1,2})',
  p: '([AaPp][Mm])',
  M: '(\\d{1,2})', '-M': '(\\d{1,2})', S: '(\\d{1,2})', '-S': '(\\d{1,2})',
  f: '(\\d{1,9})',
  j: '(\\d{1,3})',
};

function fieldsToDate(tokens: string[], groups: string[]): Date | null {
  let year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0;
  let yday: number | null = null;
  let hour12: number | null = null;
  let ampm: string | undefined;
  let hasMonthOrDay = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].replace('-', '');
    const g = groups[i];
    const n = Number(g);
    switch (t) {
      case 'Y': year = n; break;
      case 'y': year = twoDigitYear(n); break;
      case 'm': month = n; hasMonthOrDay = true; break;
      case 'd': case 'e': day = n; hasMonthOrDay = true; break;
      case 'B': case 'b': month = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(g.toLowerCase())) + 1; hasMonthOrDay = true; break;
      case 'H': if (n > 23) return null; hour = n; break;
      case 'I': hour12 = n; break;
      case 'p': ampm = g; break;
      case 'M': if (n > 59) return null; minute = n; break;
      case 'S': if (n > 59) return null; second = n; break;
      case 'f': ms = Number(g.padEnd(3, '0').slice(0, 3)); break;
      case 'j': yday = n; break;
      // weekday names are read but not checked against the date
    }
  }
  if (hour12 !== null) {
    const h = hour24(hour12, ampm ?? 'AM');
    if (h === null) return null;
    hour = h;
  } else if (ampm !== undefined) {
    const h = hour24(hour, ampm); // `%H … %p`: a 1–12 hour with its half of the day
    if (h === null) return null;
    hour = h;
  }
  if (yday !== null && !hasMonthOrDay) {
    const days = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
    if (yday < 1 || yday > days) return null;
    return utcDate(year, 1, yday, hour, minute, second, ms);
  }
  if (!validDate(year, month, day)) return null;
  return utcDate(year, month, day, hour, minute, second, ms);
}

/** A parser for one explicit format; throws on an invalid format (validate it first). */
export function compileDateFormat(format: string): (text: string) => Date | null {
  const parts = tokenizeDateFormat(format);
  if (typeof parts === 'string') throw new Error(parts);
  const tokens: string[] = [];
  const source = parts
    .map((p: FormatPart) => {
      if ('literal' in p) return p.literal.split(/(\s+)/).map((s) => (/^\s+$/.test(s) ? '\\s+' : escape(s))).join('');
      tokens.push(p.token);
      return TOKEN_PATTERN[p.token];
    })
    .join('');
  const re = new RegExp(`^${source}$`, 'i');
  return (text) => {
    const m = re.exec(text.trim());
    return m ? fieldsToDate(tokens, m.slice(1)) : null;
  };
}
