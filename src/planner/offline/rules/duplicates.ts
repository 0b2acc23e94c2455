import { listWords } from '../clarify.js';
import { matchSegment, type Groups } from '../text/segment.js';
import { planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';
import { ALL, REMOVE, ROWS } from './vocabulary.js';

const DUPES = '(?:duplicates?|dupes?|dups?|duplicated\\s+(?:rows|records|entries|lines)|duplicate\\s+(?:rows|records|entries|lines|data)|repeated\\s+(?:rows|records|entries)|repeats|double\\s+entries)';
const BY = '(?:by|based\\s+on|on|in|of|using|for|per|considering|across|from|with\\s+the\\s+same|by\\s+matching|according\\s+to|that\\s+share(?:\\s+the\\s+same)?)';
const KEEP_CLAUSE = '(?:,?\\s+(?:and\\s+)?(?<keep>keep(?:ing)?\\s+(?:only\\s+)?(?:the\\s+)?(?:first|last|latest|newest|earliest|oldest|most\\s+recent|original)(?:\\s+(?:one|row|record|occurrence|copy|entry))?|(?:keep(?:ing)?\\s+none|remove\\s+all\\s+copies|including\\s+(?:the\\s+)?(?:first|originals?)|entirely|completely)))?';

const REMOVE_DUPES = [
  new RegExp(`^${REMOVE}\\s+${ALL}(?:exact\\s+)?${DUPES}(?:\\s+${BY}\\s+(?:the\\s+)?(?<cols>.+?))?${KEEP_CLAUSE}$`, 'i'),
  new RegExp(`^(?:dedupe|de-dupe|dedup|deduplicate|de-duplicate|uniquify)(?:\\s+(?:the\\s+)?(?:data|rows|table|dataset|file|records|list|sheet))?(?:\\s+${BY}\\s+(?:the\\s+)?(?<cols>.+?))?${KEEP_CLAUSE}$`, 'i'),
  new RegExp(`^(?:dedupe|de-dupe|dedup|deduplicate|de-duplicate)\\s+(?<cols>.+?)${KEEP_CLAUSE}$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:with|that\\s+have|having)\\s+(?:the\\s+same|a\\s+duplicate|duplicate|duplicated|repeated|an?\\s+already\\s+seen)\\s+(?<cols>.+?)${KEEP_CLAUSE}$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}(?:duplicate|duplicated|repeated)\\s+(?<cols>.+?)${KEEP_CLAUSE}$`, 'i'),
  new RegExp(`^(?:make|ensure|keep)\\s+(?:sure\\s+)?(?:the\\s+)?(?<cols>.+?)\\s+(?:is\\s+|are\\s+)?unique$`, 'i'),
  new RegExp(`^(?:keep|leave)\\s+(?:only\\s+)?(?:one|a\\s+single)\\s+(?:row|record|entry)\\s+per\\s+(?<cols>.+?)${KEEP_CLAUSE}$`, 'i'),
  new RegExp(`^(?:keep\\s+only\\s+|only\\s+keep\\s+)?unique\\s+(?:rows|records)(?:\\s+${BY}\\s+(?<cols>.+?))?$`, 'i'),
];
const FLAG_DUPES = [
  new RegExp(`^(?:flag|mark|identify|highlight|tag|label)\\s+${ALL}(?:the\\s+)?${DUPES}(?:\\s+${BY}\\s+(?:the\\s+)?(?<cols>.+?))?$`, 'i'),
  new RegExp(`^(?:flag|mark|identify|highlight|tag|label)\\s+${ALL}(?:duplicate|duplicated|repeated)\\s+(?<cols>.+?)$`, 'i'),
  new RegExp(`^add\\s+(?:a\\s+)?(?:column|flag)\\s+(?:that\\s+)?(?:flag(?:s|ging)?|mark(?:s|ing)?|showing|for)\\s+${DUPES}(?:\\s+${BY}\\s+(?<cols>.+?))?$`, 'i'),
];
const MERGE_DUPES = [
  new RegExp(`^(?:merge|combine|collapse|consolidate|roll\\s+up)\\s+${ALL}(?:${DUPES}|${ROWS})\\s+(?:${BY}|with\\s+the\\s+same|that\\s+share(?:\\s+the\\s+same)?)\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s*,?\\s+(?:summing|adding\\s+up|and\\s+sum|totalling|totaling)\\s+(?<sum>.+))?$`, 'i'),
];

function keepOf(m: Groups): 'first' | 'last' | 'none' | undefined {
  const k = m.keep?.toLowerCase();
  if (!k) return undefined;
  if (/last|latest|newest|most\s+recent/.test(k)) return 'last';
  if (/none|all\s+copies|including|entirely|completely/.test(k)) return 'none';
  return 'first';
}

function subset(m: Groups, ctx: RuleContext): string[] | null {
  if (!m.cols || /^(?:all\s+columns|every\s+column|all\s+fields|everything|the\s+whole\s+row|whole\s+rows?|entire\s+rows?|all\s+values|(?:the\s+)?(?:data|dataset|table|file|sheet|list|rows|records))$/i.test(m.cols)) return null;
  return ctx.columns.many(m.cols);
}

const KEPT: Record<string, string> = { first: 'keeping the first of each', last: 'keeping the last of each', none: 'keeping none of them' };

function removeDuplicates(m: Groups, ctx: RuleContext): RuleResult {
  const cols = subset(m, ctx);
  const keep = keepOf(m);
  const params: Record<string, unknown> = cols ? { subset: cols } : {};
  if (keep) params.keep = keep;
  const what = cols ? `rows with a duplicate ${listWords(cols)}` : 'duplicate rows';
  return planned([step('remove_duplicates', params, `Remove ${what}${keep ? `, ${KEPT[keep]}` : ''}`)]);
}

/** Duplicates: removing ("remove duplicates", "remove duplicate emails", "dedupe by email keeping the last"), flagging and merging. */
export const duplicatesRule: Rule = {
  name: 'duplicates',
  plan(seg, ctx) {
    for (const re of REMOVE_DUPES) {
      const m = matchSegment(seg, re);
      if (m) return removeDuplicates(m, ctx);
    }
    for (const re of FLAG_DUPES) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const cols = subset(m, ctx);
      return planned([step('is_duplicate', cols ? { subset: cols } : {}, `Add a column _is_duplicate marking ${cols ? `rows whose ${listWords(cols)} repeats an earlier row` : 'rows that repeat an earlier row'}`)]);
    }
    for (const re of MERGE_DUPES) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const groupBy = ctx.columns.many(m.cols!);
      const sums = m.sum ? ctx.columns.many(m.sum) : [];
      const params: Record<string, unknown> = { group_by: groupBy };
      if (sums.length > 0) params.aggregations = Object.fromEntries(sums.map((c) => [c, 'sum']));
      const extra = sums.length > 0 ? `, adding up ${listWords(sums)}` : ', keeping the first value of each other column';
      return planned([step('merge_duplicates', params, `Merge rows with the same ${listWords(groupBy)} into one${extra}`)]);
    }
    return null;
  },
};
