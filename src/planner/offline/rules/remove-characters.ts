import { listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { isQuoted, unquote } from '../text/quotes.js';
import { splitList } from '../text/values.js';
import { columnProfile, planned, step, type Rule } from './rule.js';
import { REMOVE } from './vocabulary.js';

const SYMBOLS: Array<[RegExp, string]> = [
  [/^(?:dollar(?:\s+signs?)?|\$\s*signs?)$/i, '$'],
  [/^(?:currency\s+(?:signs?|symbols?))$/i, '$€£¥'],
  [/^(?:euro(?:\s+signs?)?)$/i, '€'],
  [/^(?:pound(?:\s+signs?)?)$/i, '£'],
  [/^(?:commas?|thousands?\s+separators?)$/i, ','],
  [/^(?:periods?|dots?|full\s+stops?)$/i, '.'],
  [/^(?:percent(?:age)?(?:\s+signs?)?|%\s*signs?)$/i, '%'],
  [/^(?:hyphens?|dashes?|minus\s+signs?)$/i, '-'],
  [/^(?:parenthes[ie]s|parens|brackets|round\s+brackets)$/i, '()'],
  [/^(?:square\s+brackets)$/i, '[]'],
  [/^(?:quotes|quotation\s+marks|quote\s+marks)$/i, '"\''],
  [/^(?:hash(?:es|tags?)?|pound\s+signs?|#\s*signs?)$/i, '#'],
  [/^(?:asterisks?|stars?)$/i, '*'],
  [/^(?:slash(?:es)?|forward\s+slash(?:es)?)$/i, '/'],
  [/^(?:plus(?:\s+signs?)?)$/i, '+'],
  [/^(?:at\s+signs?|@\s*signs?)$/i, '@'],
  [/^(?:underscores?)$/i, '_'],
  [/^(?:semicolons?)$/i, ';'],
  [/^(?:colons?)$/i, ':'],
  [/^(?:apostrophes?)$/i, "'"],
];
const TYPES: Array<[RegExp, string, string]> = [
  [/^(?:digits?|numbers?|numerals?|numeric\s+characters?)$/i, 'digits', 'digits'],
  [/^(?:letters?|alphabetic(?:al)?\s+characters?|alpha\s+characters?)$/i, 'letters', 'letters'],
  [/^(?:punctuation(?:\s+marks?)?|special\s+characters?|symbols?|non-?alphanumeric\s+symbols?)$/i, 'punctuation', 'punctuation'],
  [/^(?:spaces?|whitespace|white\s+space|blanks?\s+spaces?)$/i, 'whitespace', 'all spaces'],
];
const NOT_CHARACTERS = /^(?:blanks?|empty(?:\s+values)?|nulls?|missing(?:\s+values)?|duplicates?|dupes?|outliers?|rows?|records?|columns?|negatives?\b.*|invalid\b.*|bad\b.*|wrong\b.*|the\s+first\b.*|the\s+last\b.*|leading\b.*|trailing\b.*|extra\b.*|excess\b.*|double\b.*)$/i;

const FROM = '(?:from|in|out\\s+of|of|off)';
const REMOVING = new RegExp(`^(?:${REMOVE}|strip|clean)\\s+(?:out\\s+)?(?:all\\s+|the\\s+|any\\s+|every\\s+)*(?<what>.+?)\\s+${FROM}\\s+(?:the\\s+|all\\s+)?(?<cols>.+)$`, 'i');
const ONLY_DIGITS = [
  new RegExp(`^(?:keep|leave)\\s+only\\s+(?:the\\s+)?(?:digits|numbers|numeric\\s+characters)\\s+(?:in|of)\\s+(?:the\\s+)?(?<cols>.+)$`, 'i'),
  new RegExp(`^(?:${REMOVE}|strip)\\s+(?:all\\s+|the\\s+|any\\s+)*(?:non-?digits?|non-?numeric\\s+characters?|non-?numbers?|everything\\s+(?:but|except)\\s+(?:the\\s+)?(?:digits|numbers))\\s+${FROM}\\s+(?:the\\s+)?(?<cols>.+)$`, 'i'),
];
const NON_ALNUM = new RegExp(`^(?:${REMOVE}|strip)\\s+(?:all\\s+|the\\s+|any\\s+)*non-?alpha-?numeric(?:\\s+characters?)?\\s+${FROM}\\s+(?:the\\s+)?(?<cols>.+)$`, 'i');

/** Symbols named in words or written out ("$", "',' and '$'"); null when the text names something else. */
function symbolsOf(what: string): string | null {
  let chars = '';
  for (const item of splitList(what)) {
    const named = SYMBOLS.find(([re]) => re.test(item.trim()));
    const literal = unquote(item);
    if (named) chars += named[1];
    else if (literal.length > 0 && !/[\p{L}\p{N}\s]/u.test(literal)) chars += literal.replace(/\s*signs?$/i, '');
    else return null;
  }
  return chars.length > 0 ? [...new Set(chars)].join('') : null;
}

/** Removing characters: "remove $ from price", "strip commas from amount", "remove digits from name", "keep only digits in phone". */
export const removeCharactersRule: Rule = {
  name: 'remove-characters',
  plan(seg, ctx) {
    for (const re of ONLY_DIGITS) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const columns = ctx.columns.many(m.cols!);
      return planned(columns.map((column) => step('regex_replace', { column, pattern: '\\D', replacement: '' }, `Keep only the digits in ${column}`)));
    }
    const alnum = matchSegment(seg, NON_ALNUM);
    if (alnum) {
      const columns = ctx.columns.many(alnum.cols!);
      return planned(columns.map((column) => step('regex_replace', { column, pattern: '[^\\p{L}\\p{N}\\s]', replacement: '' }, `Remove everything but letters, digits and spaces from ${column}`)));
    }
    const m = matchSegment(seg, REMOVING);
    if (!m || NOT_CHARACTERS.test(m.what!)) return null;
    const type = TYPES.find(([re]) => re.test(m.what!.replace(/^(?:all|any)\s+/i, '')));
    const symbols = type ? null : symbolsOf(m.what!);
    if (!type && !symbols && !isQuoted(m.what!) && !ctx.columns.resolves(m.cols!)) return null;
    const columns = ctx.columns.many(m.cols!);
    // "remove spaces from names" means trimming; every space goes only from codes, numbers and contact details.
    const compact = ['phone', 'zipcode', 'id', 'numeric', 'currency', 'percentage', 'email', 'url'];
    const everySpace = /\b(?:all|every)\b/i.test(seg.text) || columns.every((c) => compact.includes(columnProfile(ctx, c)?.semantic_type ?? ''));
    if (type?.[1] === 'whitespace' && !everySpace) return null;
    if (type) {
      return planned(columns.map((column) => step('remove_characters', { column, remove_type: type[1] }, `Remove ${type[2]} from ${column}`)));
    }
    if (symbols) {
      const shown = listWords([...symbols].map((c) => `'${c}'`));
      return planned(columns.map((column) => step('remove_characters', { column, characters: symbols }, `Remove ${shown} from ${column}`)));
    }
    // "remove $ and USD from price": symbols go in one step, each word or quoted text in its own.
    const items = isQuoted(m.what!) ? [m.what!] : splitList(m.what!);
    const chars = items.map((i) => symbolsOf(i)).filter((c): c is string => c !== null).join('');
    const texts = items.filter((i) => symbolsOf(i) === null).map(unquote);
    return planned(columns.flatMap((column) => [
      ...(chars ? [step('remove_characters', { column, characters: chars }, `Remove ${listWords([...chars].map((c) => `'${c}'`))} from ${column}`)] : []),
      ...texts.map((find) => step('find_replace', { column, find, replace: '' }, `Remove '${find}' from ${column}`)),
    ]));
  },
};
