import { ask } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { parseDelimiter, parseInteger } from '../text/values.js';
import { columnProfile, planned, step, type Rule } from './rule.js';

const INTO = '(?:\\s+(?:into|in|to|as)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?';
const GET = '(?:extract|get|pull(?:\\s+out)?|take|grab|parse(?:\\s+out)?|split\\s+out|separate\\s+out|isolate)';

const DOMAIN = new RegExp(`^${GET}\\s+(?:the\\s+)?(?:email\\s+)?(?<part>domains?|usernames?|user\\s+names?|local\\s+parts?|handles?)\\s+(?:name\\s+)?(?:from|of|in)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i');
const AROUND = new RegExp(`^${GET}\\s+(?:the\\s+)?(?:text|part|characters|everything|value|string)\\s+(?<where>before|after|following|preceding|up\\s+to)\\s+(?:the\\s+)?(?:first\\s+)?(?<delim>.+?)\\s+(?:from|in|of)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i');
const BETWEEN = new RegExp(`^${GET}\\s+(?:the\\s+)?(?:text|part|characters|everything|value)\\s+between\\s+(?<d1>.+?)\\s+and\\s+(?<d2>.+?)\\s+(?:from|in|of)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i');
const DIGITS = new RegExp(`^${GET}\\s+(?:the\\s+|all\\s+|any\\s+)?(?<what>digits|numbers?|numeric\\s+part|first\\s+number|letters|first\\s+word|last\\s+word)\\s+(?:from|in|of)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i');
const PATTERN = new RegExp(`^${GET}\\s+(?:the\\s+)?(?:pattern|regex|match(?:es)?\\s+(?:of|for))\\s+(?<pattern>.+?)\\s+(?:from|in|of)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i');
const FIRST_N = new RegExp(`^(?:(?<verb>keep|take|extract|get|use|cut)\\s+)?(?:only\\s+)?(?:the\\s+)?(?<end>first|last|leftmost|rightmost)\\s+(?<n>\\d+|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(?:characters?|chars?|letters?|digits?|symbols?)\\s+(?:of|from|in)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i');
const TRUNCATE = new RegExp(`^(?:truncate|shorten|cut|limit)\\s+(?:the\\s+)?(?<col>.+?)\\s+(?:to|at)\\s+(?:the\\s+first\\s+|at\\s+most\\s+|max\\s+)?(?<n>\\d+)\\s+(?:characters?|chars?|letters?)$`, 'i');
const LENGTH = [
  new RegExp(`^(?:add|create|compute|calculate|count|get|measure|show|find)\\s+(?:a\\s+column\\s+(?:with|for)\\s+)?(?:the\\s+)?(?:text\\s+|string\\s+|character\\s+)?(?:length|number\\s+of\\s+characters|character\\s+count|characters|letters)\\s+(?:of|in|for)\\s+(?:each\\s+)?(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i'),
  new RegExp(`^(?:text\\s+|string\\s+)?length\\s+of\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i'),
  new RegExp(`^how\\s+long\\s+is\\s+(?:each\\s+|the\\s+)?(?<col>.+?)$`, 'i'),
];
const PAD = [
  new RegExp(`^(?<side>left|right)?[\\s-]*(?<zero>zero[\\s-]*)?pad\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+with\\s+(?:leading\\s+|trailing\\s+)?(?<char>zeros?|0s|spaces?|'.'|".")(?:\\s+on\\s+the\\s+(?<side2>left|right))?)?(?:\\s+(?:to|up\\s+to)\\s+(?:a\\s+(?:length|width)\\s+of\\s+)?(?<len>\\d+)(?:\\s+(?:digits|characters|chars|places|long))?)?(?:\\s+with\\s+(?:leading\\s+|trailing\\s+)?(?<char2>zeros?|0s|spaces?|'.'|"."))?$`, 'i'),
  new RegExp(`^add\\s+(?<lead>leading|trailing)\\s+(?<char>zeros?|spaces?)\\s+to\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+(?:to\\s+make\\s+(?:it|them|each)|so\\s+(?:it|they|each)\\s+(?:is|are|has|have)|up\\s+to|to)\\s+(?<len>\\d+)(?:\\s+(?:digits|characters|chars|long))?)?$`, 'i'),
];

const words: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10' };

function newName(given: string | undefined, fallback: string): string {
  return given ? unquote(given) : fallback;
}

function delimiterOf(text: string): string {
  const d = parseDelimiter(text.replace(/\s+(?:sign|symbol|character)$/i, ''));
  return d ?? ask('ambiguous', `Which character do you mean by '${text}'? Put it in quotes, e.g. '-'.`);
}

/** Parts of text: the domain of an email, text before/after a separator, digits, the first N characters, lengths, padding. */
export const textExtractRule: Rule = {
  name: 'text-extract',
  plan(seg, ctx) {
    const domain = matchSegment(seg, DOMAIN);
    if (domain) {
      const column = ctx.columns.one(domain.col!);
      const isDomain = /^domain/i.test(domain.part!);
      const new_column = newName(domain.into, `${column}_${isDomain ? 'domain' : 'username'}`);
      return planned([step('extract_text', { column, new_column, method: isDomain ? 'after' : 'before', delimiter: '@' }, `Extract the ${isDomain ? 'domain (after @)' : 'username (before @)'} of ${column} into ${new_column}`)]);
    }
    const between = matchSegment(seg, BETWEEN);
    if (between) {
      const column = ctx.columns.one(between.col!);
      const [d1, d2] = [delimiterOf(between.d1!), delimiterOf(between.d2!)];
      const new_column = newName(between.into, `${column}_extracted`);
      return planned([step('extract_text', { column, new_column, method: 'between', delimiter: d1, delimiter2: d2 }, `Extract the text between '${d1}' and '${d2}' in ${column} into ${new_column}`)]);
    }
    const around = matchSegment(seg, AROUND);
    if (around) {
      const column = ctx.columns.one(around.col!);
      const method = /before|preceding|up\s+to/i.test(around.where!) ? 'before' : 'after';
      const delimiter = delimiterOf(around.delim!);
      const new_column = newName(around.into, `${column}_${method}`);
      return planned([step('extract_text', { column, new_column, method, delimiter }, `Extract the text ${method} the first '${delimiter}' in ${column} into ${new_column}`)]);
    }
    const digits = matchSegment(seg, DIGITS);
    if (digits) {
      const column = ctx.columns.one(digits.col!);
      const what = digits.what!.toLowerCase();
      const [pattern, label, suffix] = /word/.test(what)
        ? (/first/.test(what) ? ['^\\S+', 'the first word', 'first_word'] : ['\\S+$', 'the last word', 'last_word'])
        : /letters/.test(what)
          ? ['\\p{L}+', 'the first run of letters', 'letters']
          : /digits/.test(what)
            ? ['\\d+', 'the first run of digits', 'digits']
            : ['\\d+(?:\\.\\d+)?', 'the first number', 'number'];
      const new_column = newName(digits.into, `${column}_${suffix}`);
      return planned([step('regex_extract', { column, pattern, new_column }, `Extract ${label} in ${column} into ${new_column}`)]);
    }
    const pattern = matchSegment(seg, PATTERN);
    if (pattern) {
      const column = ctx.columns.one(pattern.col!);
      const new_column = newName(pattern.into, `${column}_match`);
      const regex = unquote(pattern.pattern!);
      return planned([step('regex_extract', { column, pattern: regex, new_column }, `Extract the first match of ${regex} in ${column} into ${new_column}`)]);
    }
    const firstN = matchSegment(seg, FIRST_N);
    if (firstN) {
      const column = ctx.columns.one(firstN.col!);
      const n = Number(words[firstN.n!.toLowerCase()] ?? firstN.n);
      const fromEnd = /last|right/i.test(firstN.end!);
      const params: Record<string, unknown> = fromEnd ? { column, start: -n } : { column, start: 0, length: n };
      const inPlace = !firstN.into && (!firstN.verb || /keep|cut|use/i.test(firstN.verb));
      if (!inPlace) params.new_column = newName(firstN.into, `${column}_${fromEnd ? 'last' : 'first'}_${n}`);
      const which = `the ${fromEnd ? 'last' : 'first'} ${n} characters`;
      const explanation = inPlace ? `Keep only ${which} of ${column}` : `Extract ${which} of ${column} into ${params.new_column}`;
      return planned([step('substring', params, explanation)]);
    }
    const truncate = matchSegment(seg, TRUNCATE);
    if (truncate) {
      const column = ctx.columns.one(truncate.col!);
      const n = Number(truncate.n);
      return planned([step('substring', { column, start: 0, length: n }, `Shorten ${column} to its first ${n} characters`)]);
    }
    for (const re of LENGTH) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const column = ctx.columns.one(m.col!);
      const new_column = newName(m.into, `${column}_length`);
      return planned([step('text_length', { column, new_column }, `Add ${new_column}: the number of characters in ${column}`)]);
    }
    for (const re of PAD) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const column = ctx.columns.one(m.col!);
      const charWord = m.char ?? m.char2 ?? (m.zero ? 'zeros' : 'zeros');
      const pad_char = /^(?:zeros?|0s)$/i.test(charWord) ? '0' : /^spaces?$/i.test(charWord) ? ' ' : unquote(charWord);
      const right = /right/i.test(m.side ?? m.side2 ?? '') || /trailing/i.test(m.lead ?? '');
      let length = m.len ? parseInteger(m.len) : null;
      if (length === null && columnProfile(ctx, column)?.semantic_type === 'zipcode') length = 5;
      if (length === null) return ask('ambiguous', `How long should ${column} be after padding (e.g. "pad ${column} to 5 digits")?`);
      const params: Record<string, unknown> = { column, length, pad_char };
      if (right) params.side = 'right';
      const what = pad_char === '0' ? 'zeros' : pad_char === ' ' ? 'spaces' : `'${pad_char}'`;
      return planned([step('pad_text', params, `Pad ${column} on the ${right ? 'right' : 'left'} with ${what} to ${length} characters`)]);
    }
    return null;
  },
};
