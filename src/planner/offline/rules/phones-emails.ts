import { ask } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { isAllColumns } from './all-columns.js';
import { columnsOfKind, planned, step, type Rule } from './rule.js';

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
const EMAIL_FORMAT = new RegExp(`^(?:format|clean(?:\\s+up)?|fix|normali[sz]e|standardi[sz]e|tidy(?:\\s+up)?)\\s+(?:all\\s+)?(?:the\\s+)?(?:e-?mails?|e-?mail\\s+addresses|(?<col>.+?))$`, 'i');

/** The engine's phone format for a spelled-out one ("XXX-XXX-XXXX", "digits only"); the default without one. */
function phoneFormat(raw: string | undefined): string | null {
  if (!raw) return '(XXX) XXX-XXXX';
  const text = unquote(raw.trim());
  return PHONE_FORMATS.find(([re]) => re.test(text))?.[1] ?? null;
}

/** Phone numbers and emails: "format phone as XXX-XXX-XXXX", "format phone numbers", "clean up emails". */
export const phonesEmailsRule: Rule = {
  name: 'phones-emails',
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
    return null;
  },
};
