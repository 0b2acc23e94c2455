/**
 * Date format strings of §2.10 (`output_format`, `input_format`, `date_format`): the token list, its
 * validation, and writing a date with it. English names, UTC fields, no locale.
 */
import { dayOfYear, MONTH_NAMES, WEEKDAY_NAMES, weekdayIndex } from './calendar.js';

/** Tokens after `%` (with `-` for the unpadded forms). */
export const DATE_TOKENS = ['Y', 'y', 'm', 'd', 'e', 'B', 'b', 'A', 'a', 'H', 'I', 'p', 'M', 'S', 'f', 'j', 'F', 'T', '%'] as const;
export const UNPADDED_TOKENS = ['m', 'd', 'H', 'I', 'M', 'S'] as const;

/** A format split into literal text and tokens (`%Y`, `%-d`); `%F` and `%T` are expanded. */
export type FormatPart = { literal: string } | { token: string };

/** The parts of a format, or the message of its first problem. */
export function tokenizeDateFormat(format: string): FormatPart[] | string {
  const parts: FormatPart[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ literal });
    literal = '';
  };
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      literal += format[i];
      continue;
    }
    const unpadded = format[i + 1] === '-';
    const token = format[i + (unpadded ? 2 : 1)];
    const allowed: readonly string[] = unpadded ? UNPADDED_TOKENS : DATE_TOKENS;
    if (token === undefined || !allowed.includes(token)) {
      const shown = format.slice(i, i + (unpadded ? 3 : 2));
      return `unknown date format token "${shown}". Allowed: ${DATE_TOKENS.map((t) => `%${t}`).join(' ')} and ${UNPADDED_TOKENS.map((t) => `%-${t}`).join(' ')}`;
    }
    i += unpadded ? 2 : 1;
    if (token === '%') {
      literal += '%';
      continue;
    }
    flush();
    if (token === 'F') parts.push({ token: 'Y' }, { literal: '-' }, { token: 'm' }, { literal: '-' }, { token: 'd' });
    else if (token === 'T') parts.push({ token: 'H' }, { literal: ':' }, { token: 'M' }, { literal: ':' }, { token: 'S' });
    else parts.push({ token: unpadded ? `-${token}` : token });
  }
  flush();
  return parts;
}

/** Null when the format is valid, else why not (for INVALID_PARAM). */
export function dateFormatError(format: string): string | null {
  if (format === '') return 'must be a non-empty date format';
  const parts = tokenizeDateFormat(format);
  return typeof parts === 'string' ? parts : null;
}

const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);

function yearText(y: number): string {
  return y < 0 ? '-' + pad(-y, 4) : pad(y, 4);
}

function tokenText(token: string, d: Date): string {
  const hour = d.getUTCHours();
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  switch (token) {
    case 'Y': return yearText(d.getUTCFullYear());
    case 'y': return pad(((d.getUTCFullYear() % 100) + 100) % 100, 2);
    case 'm': return pad(d.getUTCMonth() + 1, 2);
    case '-m': return String(d.getUTCMonth() + 1);
    case 'd': return pad(d.getUTCDate(), 2);
    case '-d': return String(d.getUTCDate());
    case 'e': return pad(d.getUTCDate(), 2, ' ');
    case 'B': return MONTH_NAMES[d.getUTCMonth()];
    case 'b': return MONTH_NAMES[d.getUTCMonth()].slice(0, 3);
    case 'A': return WEEKDAY_NAMES[weekdayIndex(d)];
    case 'a': return WEEKDAY_NAMES[weekdayIndex(d)].slice(0, 3);
    case 'H': return pad(hour, 2);
    case '-H': return String(hour);
    case 'I': return pad(hour12, 2);
    case '-I': return String(hour12);
    case 'p': return hour < 12 ? 'AM' : 'PM';
    case 'M': return pad(d.getUTCMinutes(), 2);
    case '-M': return String(d.getUTCMinutes());
    case 'S': return pad(d.getUTCSeconds(), 2);
    case '-S': return String(d.getUTCSeconds());
    case 'f': return pad(d.getUTCMilliseconds() * 1000, 6);
    case 'j': return pad(dayOfYear(d), 3);
    default: throw new Error(`unknown date token %${token}`);
  }
}

/** Writes a date with a format (validate it first with {@link dateFormatError}). */
export function formatDate(date: Date, format: string | FormatPart[]): string {
  const parts = typeof format === 'string' ? tokenizeDateFormat(format) : format;
  if (typeof parts === 'string') throw new Error(parts);
  return parts.map((p) => ('literal' in p ? p.literal : tokenText(p.token, date))).join('');
}
