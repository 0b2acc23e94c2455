import { matchSegment } from '../text/segment.js';
import { isAllColumns } from './all-columns.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';

const CASE = '(?<case>lower\\s*-?\\s*case(?:d)?|lowercased?|lower|small\\s+letters|upper\\s*-?\\s*case(?:d)?|uppercased?|upper|all\\s+caps|caps|capitals|capital\\s+letters|block\\s+capitals|title\\s*-?\\s*case(?:d)?|titlecased?|proper\\s*-?\\s*case|proper|name\\s+case|sentence\\s*-?\\s*case|sentence)';
const CASE_VERB = '(?<verb>lower\\s*-?\\s*case|lowercase|downcase|upper\\s*-?\\s*case|uppercase|upcase|capitali[sz]e|title\\s*-?\\s*case|titlecase|proper\\s*-?\\s*case|sentence\\s*-?\\s*case)';

const PATTERNS = [
  new RegExp(`^capitali[sz]e\\s+(?:the\\s+)?first\\s+letters?\\s+(?:of\\s+)?(?:each|every)\\s+word\\s+(?:in|of)\\s+(?<cols>.+)$`, 'i'),
  new RegExp(`^capitali[sz]e\\s+(?:only\\s+)?(?:the\\s+)?first\\s+letter\\s+(?:of|in)\\s+(?<cols>.+)$`, 'i'),
  new RegExp(`^${CASE_VERB}\\s+(?<cols>.+)$`, 'i'),
  new RegExp(`^(?:make|convert|change|turn|set|put|format|write|switch|transform)\\s+(?<cols>.+?)\\s+(?:to|into|in|as)?\\s*(?:all\\s+)?${CASE}(?:\\s+(?:letters|case))?$`, 'i'),
  new RegExp(`^(?<cols>.+?)\\s+(?:should\\s+be|must\\s+be|to|in|as|into)\\s+(?:all\\s+)?${CASE}(?:\\s+(?:letters|case))?$`, 'i'),
];

function caseOf(word: string, seg: string): 'lower' | 'upper' | 'title' | 'sentence' {
  const w = word.toLowerCase().replace(/[\s-]/g, '');
  if (/^capitali[sz]e$/.test(w) && /first\s+letter\s+(?:of|in)/i.test(seg) && !/each|every\s+word/i.test(seg)) return 'sentence';
  if (/^(?:lower|small|downcase)/.test(w)) return 'lower';
  if (/^(?:upper|allcaps|caps|capitals|capitalletters|blockcapitals|upcase)/.test(w)) return 'upper';
  if (/^sentence/.test(w)) return 'sentence';
  return 'title';
}

const NAMES: Record<string, string> = { lower: 'lowercase', upper: 'UPPERCASE', title: 'Title Case', sentence: 'Sentence case' };

const textColumns = (ctx: RuleContext) => ctx.schema.filter((c) => c.type === 'string').map((c) => c.name);

/** Casing: "lowercase country", "make email lower case", "title case the names", "convert state to uppercase". */
export const textCasingRule: Rule = {
  name: 'text-casing',
  plan(seg, ctx) {
    for (const re of PATTERNS) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      // The looser spellings ("X to caps") only when X names columns: "extract … into caps" is not a casing.
      if (re !== PATTERNS[2] && re !== PATTERNS[0] && re !== PATTERNS[1] && !isAllColumns(m.cols) && !ctx.columns.resolves(m.cols!)) continue;
      const kind = caseOf(m.case ?? m.verb ?? 'capitalize', seg.text);
      const columns = isAllColumns(m.cols) ? textColumns(ctx) : ctx.columns.many(m.cols!);
      return planned(columns.map((column) => step('change_text_casing', { column, case: kind }, `Change ${column} to ${NAMES[kind]}`)));
    }
    return null;
  },
};
