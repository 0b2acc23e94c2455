import { dateFormatError } from '../../../engine/values/dates/index.js';
import { unquote } from '../text/quotes.js';

const NAMED: Array<[RegExp, string, string]> = [
  [/^(?:iso(?:[\s-]?8601)?|iso\s+dates?|standard|international|sortable|year[\s-]first)(?:\s+format)?$/i, '%Y-%m-%d', 'YYYY-MM-DD'],
  [/^(?:us|u\.s\.|american|month[\s-]first)(?:\s+(?:date\s+)?format)?$/i, '%m/%d/%Y', 'MM/DD/YYYY'],
  [/^(?:european|eu|uk|british|day[\s-]first)(?:\s+(?:date\s+)?format)?$/i, '%d/%m/%Y', 'DD/MM/YYYY'],
  [/^(?:long|full|written(?:[\s-]out)?|month\s+name)(?:\s+(?:date\s+)?format)?$/i, '%B %d, %Y', 'Month DD, YYYY'],
];

/** Converts a pattern people write (YYYY-MM-DD, dd/mm/yy, MMM D, YYYY, HH:mm) into strftime tokens (§2.10). */
function fromPattern(pattern: string): string | null {
  const hasTime = /[Hh]{1,2}\s*:\s*mm/.test(pattern);
  let out = '';
  let tokens = 0;
  const rules: Array<[RegExp, string | ((m: string) => string)]> = [
    [/^YYYY/i, '%Y'], [/^YY/i, '%y'], [/^MMMM/, '%B'], [/^MMM/, '%b'], [/^Mon(?:th)?/, '%B'],
    [/^dddd/, '%A'], [/^ddd/, '%a'],
    [/^MM/, '%m'], [/^mm/, () => (hasTime && /[Hh]/.test(out) ? '%M' : '%m')], [/^M/, '%-m'],
    [/^DD/i, '%d'], [/^D/i, '%-d'], [/^HH/, '%H'], [/^H/, '%-H'], [/^hh/, '%I'], [/^h/, '%-I'],
    [/^SS/i, '%S'], [/^(?:A|AM\/PM|am\/pm|AM|PM)/, '%p'],
  ];
  let rest = pattern;
  while (rest.length > 0) {
    const rule = rules.find(([re]) => re.test(rest));
    if (rule) {
      const m = rest.match(rule[0])![0];
      out += typeof rule[1] === 'string' ? rule[1] : rule[1](m);
      rest = rest.slice(m.length);
      tokens += 1;
    } else if (/^[A-Za-z]/.test(rest)) {
      return null;
    } else {
      out += rest[0] === '%' ? '%%' : rest[0];
      rest = rest.slice(1);
    }
  }
  return tokens >= 2 ? out : null;
}

export interface DateFormat {
  /** strftime form for the engine. */
  format: string;
  /** As the explanation shows it. */
  shown: string;
}

/** A date format named in a request ("ISO", "US format", 'YYYY-MM-DD', '%d.%m.%Y'); null when the text is none. */
export function parseDateFormat(raw: string): DateFormat | null {
  const text = unquote(raw.replace(/^(?:the\s+)?(?:format\s+)?/i, '').replace(/\s+(?:format|dates?)$/i, '').trim());
  for (const [re, format, shown] of NAMED) if (re.test(text)) return { format, shown };
  // "month/day/year", "day.month.year"
  if (/^(?:month|day|year)(?:\s*[/.\-\s]\s*(?:month|day|year)){2}$/i.test(text)) {
    const pattern = text.replace(/month/gi, 'MM').replace(/day/gi, 'DD').replace(/year/gi, 'YYYY');
    return { format: fromPattern(pattern)!, shown: pattern };
  }
  if (text.includes('%')) return dateFormatError(text) === null ? { format: text, shown: text } : null;
  if (!/[YyDd]/.test(text) && !/M/.test(text)) return null;
  const format = fromPattern(text);
  return format && dateFormatError(format) === null ? { format, shown: text } : null;
}
