/**
 * Recognizers for what a text cell looks like: emails, URLs, phones, money, percentages,
 * numbers (also written as words), null placeholders, letter case and a coarse shape.
 * Each works on one trimmed text and allocates little, because the profiler runs them over
 * every distinct value of a column.
 */

export const EMAIL = /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/;
export const URL_LIKE = /^(https?:\/\/[^\s/$.?#][^\s]*|www\.[^\s]+\.[^\s]+)$/i;
export const ZIPCODE = /^\d{5}(-\d{4})?$/;
export const TIME_OF_DAY = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?(\s?[AaPp][Mm])?$/;
/** num() of PRIMITIVES.md §2.3, and the same with thousands separators */
export const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Texts people type for "no value". They stay text (PRIMITIVES.md §2.6) and are reported. */
const PLACEHOLDERS = new Set([
  'n/a', 'na', 'n.a.', 'n.a', '#n/a', 'null', '(null)', 'none', 'nan', 'nil', '-', '--', '---', '?', '??',
  'missing', 'undefined', '(blank)', 'blank', '(empty)', 'empty', 'not available', 'not applicable', 'no data',
]);

export function isPlaceholder(trimmed: string): boolean {
  return trimmed.length <= 16 && PLACEHOLDERS.has(trimmed.toLowerCase());
}

export function isNumberText(trimmed: string): boolean {
  return PLAIN_NUMBER.test(trimmed) || GROUPED_NUMBER.test(trimmed);
}

export function numberOf(trimmed: string): number | null {
  if (PLAIN_NUMBER.test(trimmed)) return finite(Number(trimmed));
  if (GROUPED_NUMBER.test(trimmed)) return finite(Number(trimmed.replace(/,/g, '')));
  return null;
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

export type MoneyFormat = 'symbol' | 'code' | 'word' | 'plain';

const MONEY =
  /^([-+]?)\s*([$€£¥₹])?\s*([-+]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(usd|eur|gbp|cad|aud|jpy|chf|inr|dollars?|euros?|pounds?|bucks)?$/i;

/** Money as people write it: `$1,250.00`, `79.99 USD`, `14.99 dollars`, or a plain number. */
export function moneyOf(trimmed: string): { value: number; format: MoneyFormat } | null {
  const m = MONEY.exec(trimmed);
  if (!m || (m[1] && m[3])) return null;
  const value = Number(m[4].replace(/,/g, '')) * (m[1] === '-' || m[3] === '-' ? -1 : 1);
  if (!Number.isFinite(value)) return null;
  const suffix = m[5]?.toLowerCase();
  const format: MoneyFormat = m[2] ? 'symbol' : suffix ? (suffix.length === 3 ? 'code' : 'word') : 'plain';
  if (m[2] && suffix) return null; // `$5 USD` is unusual enough to leave alone
  return { value, format };
}

export type PercentFormat = 'percent_sign' | 'spaced_sign' | 'word' | 'plain';

const PERCENT = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))(\s*)(%|percent|pct)$/i;

export function percentOf(trimmed: string): { value: number; format: PercentFormat } | null {
  const m = PERCENT.exec(trimmed);
  if (m) {
    const format: PercentFormat = m[3] === '%' ? (m[2] ? 'spaced_sign' : 'percent_sign') : 'word';
    return { value: Number(m[1]), format };
  }
  const n = PLAIN_NUMBER.test(trimmed) ? finite(Number(trimmed)) : null;
  return n === null ? null : { value: n, format: 'plain' };
}

const NUMBER_WORDS =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|' +
  'seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million';
const SPELLED = new RegExp(
  `^(${NUMBER_WORDS})([\\s-]+(and[\\s-]+)?(${NUMBER_WORDS}))*(\\s+(percent|dollars?|years?( old)?))?$`,
  'i',
);

/** `thirty-two`, `fifty`, `twelve percent`: numbers a person wrote as words. */
export function isSpelledNumber(trimmed: string): boolean {
  return SPELLED.test(trimmed);
}

const PHONE_CHARS = /^\+?[\d\s().\-]{7,24}$/;

/** Phone-like text: digits with optional `+ ( ) - .` and spaces, 7 to 15 digits. */
export function isPhoneLike(trimmed: string): boolean {
  if (!PHONE_CHARS.test(trimmed)) return false;
  let digits = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 7 && digits <= 15;
}

/** Whether a phone is written with separators (`(212) 555-1234`) rather than as bare digits. */
export function isFormattedPhone(trimmed: string): boolean {
  return /[\s().\-+]/.test(trimmed);
}

/** Digits → 9, letters → A (a in lower case), everything else kept: `(212) 555-1234` → `(999) 999-9999`. */
export function shapeOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) out += '9';
    else if (ch.toLowerCase() !== ch.toUpperCase()) out += ch === ch.toUpperCase() ? 'A' : 'a';
    else out += ch;
  }
  return out;
}

export type CaseStyle = 'upper' | 'lower' | 'title' | 'other';

/**
 * The letter case a value is written in. One capital letter (`M`) counts as Title Case, so
 * `M`/`Male` agree and `m`/`MALE` stand out.
 */
export function caseStyleOf(trimmed: string): CaseStyle {
  const upper = trimmed.toUpperCase();
  const lower = trimmed.toLowerCase();
  if (upper === lower) return 'other'; // no letters
  if (trimmed === lower) return 'lower';
  const words = trimmed.split(/\s+/);
  const title = words.every((w) => {
    const first = w.charAt(0);
    const rest = w.slice(1);
    return first === first.toUpperCase() && rest === rest.toLowerCase();
  });
  if (title && !(trimmed === upper && lower.replace(/[^\p{L}]/gu, '').length > 1)) return 'title';
  if (trimmed === upper) return 'upper';
  return 'other';
}

const PERSON_NAME = /^[\p{L}][\p{L}'’.\-]*(\s+[\p{L}][\p{L}'’.\-]*){0,4}$/u;

export function isPersonNameLike(trimmed: string): boolean {
  return PERSON_NAME.test(trimmed);
}

const CODE = /^[A-Za-z]{1,6}[-_]?\d{1,12}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Identifier-shaped text: `C001`, `ORD-001`, a UUID. */
export function isCodeLike(trimmed: string): boolean {
  return CODE.test(trimmed);
}

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f', 'on', 'off']);

export function isBooleanWord(trimmed: string): boolean {
  return BOOLEAN_WORDS.has(trimmed.toLowerCase());
}
