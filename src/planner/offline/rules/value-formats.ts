import { editDistance } from '../../../engine/values/suggest.js';
import { listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { splitList } from '../text/values.js';
import { ask } from '../clarify.js';
import { isAllColumns } from './all-columns.js';
import { knownValues } from './known-values.js';
import { columnsOfKind, planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';

const PHONE_FORMATS: Array<[RegExp, string]> = [
  [/^\+\s*1\s*[\s-]?(?:\(?x{3}\)?|\d{3})[\s-]\s*(?:x{3}|\d{3})-(?:x{4}|\d{4})$/i, '+1 XXX-XXX-XXXX'],
  [/^\((?:x{3}|\d{3})\)\s*(?:x{3}|\d{3})-(?:x{4}|\d{4})$/i, '(XXX) XXX-XXXX'],
  [/^(?:x{3}|\d{3})-(?:x{3}|\d{3})-(?:x{4}|\d{4})$/i, 'XXX-XXX-XXXX'],
  [/^(?:x{10}|\d{10})$/i, 'XXXXXXXXXX'],
  [/^(?:international|e\.?164|with\s+(?:the\s+)?country\s+code|\+1)$/i, '+1 XXX-XXX-XXXX'],
  [/^(?:digits(?:\s+only)?|plain\s+digits|numbers\s+only|no\s+punctuation)$/i, 'XXXXXXXXXX'],
  [/^(?:dashes|dashed|with\s+dashes)$/i, 'XXX-XXX-XXXX'],
  [/^(?:us|standard|american|parenthes[ie]s|with\s+parenthes[ie]s|the\s+usual\s+way)$/i, '(XXX) XXX-XXXX'],
];
const PHONE = [
  new RegExp(`^(?:format|reformat|standardi[sz]e|normali[sz]e|clean(?:\\s+up)?|fix|unify)\\s+(?:all\\s+)?(?:the\\s+)?(?<cols>.+?)(?:\\s+(?:as|to|like|in|into|using)\\s+(?:the\\s+)?(?<fmt>.+?)(?:\\s+format)?)?$`, 'i'),
  new RegExp(`^(?:make|put|write)\\s+(?:all\\s+)?(?:the\\s+)?(?<cols>.+?)\\s+(?:look\\s+like|in\\s+(?:the\\s+)?format|as|in)\\s+(?<fmt>.+?)(?:\\s+format)?$`, 'i'),
];
const STANDARDIZE = [
  new RegExp(`^(?:standardi[sz]e|normali[sz]e|unify|harmoni[sz]e|clean(?:\\s+up)?|make\\s+consistent|consolidate)\\s+(?:the\\s+)?(?:values?\\s+(?:in|of)\\s+(?:the\\s+)?)?(?<col>.+?)(?:\\s+values?)?(?:\\s*(?::|with|using|so\\s+that|where)\\s+(?<pairs>.+))?$`, 'i'),
  new RegExp(`^(?:map|group|merge|treat)\\s+(?<pairs>.+?)\\s+(?:in|within|for)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+column)?$`, 'i'),
  new RegExp(`^(?:make|fix)\\s+(?:the\\s+)?(?<col>.+?)\\s+(?:values\\s+)?consistent$`, 'i'),
];
const EMAIL_FORMAT = new RegExp(`^(?:format|clean(?:\\s+up)?|fix|normali[sz]e|standardi[sz]e|tidy(?:\\s+up)?)\\s+(?:all\\s+)?(?:the\\s+)?(?:e-?mails?|e-?mail\\s+addresses|(?<col>.+?))$`, 'i');

/** Well-known synonyms, so "standardize gender" maps M/F and Y/N without being told. */
const SYNONYMS: Array<[RegExp, Record<string, string[]>]> = [
  [/^(?:m|f|male|female|man|woman|men|women)$/i, { Male: ['m', 'man', 'men'], Female: ['f', 'woman', 'women'] }],
  [/^(?:y|n|yes|no)$/i, { Yes: ['y'], No: ['n'] }],
];

function phoneFormat(raw: string | undefined): string | null {
  if (!raw) return '(XXX) XXX-XXXX';
  const text = unquote(raw.trim());
  return PHONE_FORMATS.find(([re]) => re.test(text))?.[1] ?? null;
}

const titleCase = (text: string) => text.toLowerCase().replace(/(^|[\s\-/(])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

/**
 * The standard spelling of a group of variants: codes stay upper case ("US") in a column of codes, a brand
 * spelling with inner capitals wins ("LinkedIn"), then an existing Title Case spelling, else the most frequent
 * spelling in Title Case.
 */
function standardOf(spellings: string[], codes: boolean, merged = false): string {
  const trimmed = spellings.map((s) => s.trim());
  if (trimmed.length === 1 && !merged) return trimmed[0];
  if (codes && /^\p{Lu}+$/u.test(trimmed[0])) return trimmed[0];
  return trimmed.find((s) => /\p{Ll}\p{Lu}/u.test(s)) ?? trimmed.find((s) => s === titleCase(s)) ?? titleCase(trimmed[0]);
}

/**
 * Groups the column's known values that differ only in case or surrounding spaces, plus near misses (a rare
 * spelling within two edits of a group, "Qualifed") and well-known synonyms (M/F, Y/N), under one standard each.
 */
function inferredMapping(ctx: RuleContext, column: string): Record<string, string[]> {
  const p = ctx.profile.columns.find((c) => c.name === column);
  const tops = (p?.distribution.top_values ?? []).filter((t) => t.value !== null).map((t) => ({ text: String(t.value), count: t.count }));
  const groups = new Map<string, { spellings: string[]; merged: string[]; count: number }>();
  for (const t of tops) {
    const key = t.text.trim().toLowerCase();
    const group = groups.get(key) ?? { spellings: [], merged: [], count: 0 };
    group.spellings.push(t.text);
    group.count += t.count;
    groups.set(key, group);
  }
  const keys = [...groups.keys()];
  for (const key of keys) {
    const group = groups.get(key)!;
    const synonym = SYNONYMS.find(([re]) => re.test(key));
    const synonymTarget = synonym ? Object.entries(synonym[1]).find(([std, variants]) => std.toLowerCase() !== key && variants.includes(key))?.[0].toLowerCase() : undefined;
    const nearTarget = group.count === 1 && key.length >= 5 ? keys.find((k) => k !== key && groups.has(k) && groups.get(k)!.count > 1 && editDistance(k, key) <= 2) : undefined;
    const target = synonymTarget && groups.has(synonymTarget) ? synonymTarget : nearTarget;
    if (target && groups.has(target)) {
      groups.get(target)!.merged.push(...group.spellings);
      groups.delete(key);
    }
  }
  const codes = [...groups.keys()].filter((k) => k.length <= 3).length * 2 >= groups.size;
  const mapping: Record<string, string[]> = {};
  for (const group of groups.values()) {
    const standard = standardOf(group.spellings, codes, group.merged.length > 0);
    mapping[standard] = [...new Set([...group.spellings, ...group.merged].filter((v) => v !== standard))];
  }
  return mapping;
}

function explicitMapping(text: string): Record<string, string[]> | null {
  const mapping: Record<string, string[]> = {};
  for (const item of text.split(/\s*[;,]\s*(?:and\s+)?|\s+and\s+(?=\S+\s+(?:→|->|=>|=|to|as|means|becomes)\s)/i)) {
    const m = /^(?<from>.+?)\s*(?:→|->|=>|=|\s+to\s+|\s+as\s+|\s+means\s+|\s+becomes\s+)\s*(?<to>.+)$/i.exec(item.trim());
    if (!m) return null;
    const to = unquote(m.groups!.to);
    for (const from of splitList(m.groups!.from)) (mapping[to] ??= []).push(unquote(from));
  }
  return Object.keys(mapping).length > 0 ? mapping : null;
}

function standardize(column: string, pairs: string | undefined, ctx: RuleContext): RuleResult {
  const mapping = pairs ? explicitMapping(pairs) : inferredMapping(ctx, column);
  if (!mapping) return ask('ambiguous', `Which values should become which in ${column}? e.g. "standardize ${column}: M = Male, F = Female".`);
  const changes = Object.entries(mapping).filter(([, v]) => v.length > 0);
  for (const [standard, variants] of Object.entries(mapping)) if (variants.length === 0) delete mapping[standard];
  if (changes.length === 0) {
    return ask('ambiguous', `The values of ${column} I can see (${knownValues(ctx, column).slice(0, 5).join(', ')}) already look consistent. Which values should be merged?`);
  }
  const what = changes.map(([std, variants]) => `${listWords(variants.map((v) => `'${v}'`), 'or')} → '${std}'`).join('; ');
  return planned([step('standardize_values', { column, mapping }, `Standardize ${column}: ${what} (any case, extra spaces ignored)`)], pairs ? 0.95 : 0.8);
}

/** Value formats: phone numbers, emails, and standardizing a column's spellings ("standardize gender", "map M and F to Male and Female"). */
export const valueFormatsRule: Rule = {
  name: 'value-formats',
  plan(seg, ctx) {
    const phones = columnsOfKind(ctx, 'phone');
    for (const re of PHONE) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const exact = ctx.columns.find(m.cols!);
      const generic = !exact && (/^(?:all\s+)?(?:the\s+)?(?:phones?|phone\s+numbers?|telephone(?:\s+numbers?)?|numbers)$/i.test(m.cols!) || isAllColumns(m.cols));
      const named = generic ? null : exact ?? (ctx.columns.resolves(m.cols!) ? ctx.columns.one(m.cols!) : null);
      const columns = named ? [named] : generic ? phones : [];
      if (columns.length === 0 || !columns.every((c) => phones.includes(c) || /phone|tel|mobile|cell|fax/i.test(c))) continue;
      const format = phoneFormat(m.fmt);
      if (!format) return ask('ambiguous', `Which phone format do you want? I can write (XXX) XXX-XXXX, XXX-XXX-XXXX, XXXXXXXXXX or +1 XXX-XXX-XXXX.`, ['(XXX) XXX-XXXX', 'XXX-XXX-XXXX', 'XXXXXXXXXX', '+1 XXX-XXX-XXXX']);
      return planned(columns.map((column) => step('format_phone', format === '(XXX) XXX-XXXX' ? { column } : { column, format }, `Format ${column} as ${format} (numbers that are not 10 digits are left as they are)`)));
    }
    const email = matchSegment(seg, EMAIL_FORMAT);
    if (email) {
      const named = email.col ? ctx.columns.find(email.col) : null;
      const emails = named ? [named] : email.col ? [] : columnsOfKind(ctx, 'email');
      if (emails.length > 0 && emails.every((c) => columnsOfKind(ctx, 'email').includes(c))) {
        return planned(emails.flatMap((column) => [
          step('trim_whitespace', { columns: [column], trim_type: 'both' }, `Trim leading and trailing whitespace in ${column}`),
          step('change_text_casing', { column, case: 'lower' }, `Change ${column} to lowercase`),
        ]));
      }
    }
    for (const re of STANDARDIZE) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.col!)) continue;
      return standardize(ctx.columns.one(m.col!), m.pairs, ctx);
    }
    return null;
  },
};
