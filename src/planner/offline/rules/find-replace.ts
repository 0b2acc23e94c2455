import { ask, listWords } from '../clarify.js';
import { matchSegment, toSegment } from '../text/segment.js';
import { isQuoted, unquote } from '../text/quotes.js';
import { splitOutsideQuotes } from '../text/split-outside-quotes.js';
import { EMPTY_WORDS } from '../text/values.js';
import { isAllColumns } from './all-columns.js';
import { columnsContaining, isWholeValue } from './known-values.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';
import type { PlannerStep } from '../../types.js';

const VERB = '(?<verb>replace|change|substitute|swap|map|turn|rewrite|switch)';
const IGNORE = '(?<ci>,?\\s+(?:ignoring\\s+case|case[\\s-]insensitive(?:ly)?|regardless\\s+of\\s+case|in\\s+any\\s+case|any\\s+case|(?:with|in)\\s+any\\s+capitali[sz]ation))?';
const REGEX = '(?<re>,?\\s+(?:using|as|with)\\s+(?:a\\s+)?(?:regex|regular\\s+expression)|\\s+\\(regex\\))?';
const OCCURRENCES = '(?:all\\s+|every\\s+|each\\s+|any\\s+)?(?:(?:occurrences?|instances?|cases)\\s+of\\s+)?';
const IN = '(?:in|within|inside|on|across|for|throughout|from)';

const COLUMN_FIRST = new RegExp(`^(?:in|for|within|inside)\\s+(?:the\\s+)?(?<col>.+?),?\\s+${VERB}\\s+${OCCURRENCES}(?<pattern>(?:the\\s+)?(?:regex|pattern)\\s+)?(?<pairs>.+?)${IGNORE}${REGEX}$`, 'i');
const COLUMN_LAST = new RegExp(`^${VERB}\\s+${OCCURRENCES}(?<pattern>(?:the\\s+)?(?:regex|pattern)\\s+)?(?<pairs>.+?)\\s+${IN}\\s+(?:the\\s+)?(?<col>.+?)${IGNORE}${REGEX}$`, 'i');
const NO_COLUMN = new RegExp(`^(?<verb>replace|substitute|swap)\\s+${OCCURRENCES}(?<pattern>(?:the\\s+)?(?:regex|pattern)\\s+)?(?<pairs>.+?)${IGNORE}${REGEX}(?:\\s+everywhere)?$`, 'i');
const PAIR = /^(?<from>.+?)\s+(?:with|by|to|into|->|=>|→|for|as)\s+(?<to>.+)$/i;

interface Pair {
  from: string;
  to: string;
}

function pairsOf(text: string): Pair[] {
  return splitOutsideQuotes(text, /\s*[,;]\s*(?:and\s+)?|\s+and\s+(?=['"“‘])/gi)
    .map((p) => matchSegment(toSegment(p.trim()), PAIR))
    .filter((m) => m !== null)
    .map((m) => ({ from: unquote(m!.from!), to: EMPTY_WORDS.test(m!.to!) && !isQuoted(m!.to!) ? '' : unquote(m!.to!) }));
}

const shown = (text: string) => (text === '' ? 'nothing' : `'${text}'`);

function stepsFor(column: string, pairs: Pair[], flags: { ci: boolean; regex: boolean; pattern: boolean }, ctx: RuleContext): PlannerStep[] {
  if (flags.pattern) {
    return pairs.map((p) => step('regex_replace', { column, pattern: p.from, replacement: p.to, ...(flags.ci ? { case_sensitive: false } : {}) }, `Replace matches of the pattern ${p.from} in ${column} with ${shown(p.to)}`));
  }
  // Whole values ("M" → "Male" in gender) are mapped as values, so "Male" never becomes "Maleale".
  const whole = !flags.regex && pairs.every((p) => p.to !== '' && isWholeValue(ctx, column, p.from));
  if (whole) {
    const mapping: Record<string, string[]> = {};
    for (const p of pairs) (mapping[p.to] ??= []).push(p.from);
    const what = listWords(pairs.map((p) => `'${p.from}' with '${p.to}'`));
    return [step('standardize_values', { column, mapping }, `Replace the values ${what} in ${column}`)];
  }
  return pairs.map((p) => {
    const params: Record<string, unknown> = { column, find: p.from, replace: p.to };
    if (flags.regex) params.use_regex = true;
    if (flags.ci) params.case_sensitive = false;
    const how = flags.regex ? 'matches of the pattern ' : '';
    return step('find_replace', params, `Replace ${how}${shown(p.from)} with ${shown(p.to)} in ${column}${flags.ci ? ' (any case)' : ''}`);
  });
}

/** Find and replace: "replace 'Smith and Co' with 'Smith & Co' in company", "in status, change 'actv' to 'active'". */
export const findReplaceRule: Rule = {
  name: 'find-replace',
  plan(seg, ctx) {
    const first = matchSegment(seg, COLUMN_FIRST);
    const last = first ? null : matchSegment(seg, COLUMN_LAST);
    const m = first ?? (last && !isAllColumns(last.col) ? last : null);
    const flagsOf = (g: Record<string, string | undefined>) => ({ ci: Boolean(g.ci), regex: Boolean(g.re), pattern: Boolean(g.pattern) });
    if (m) {
      const pairs = pairsOf(m.pairs!);
      if (pairs.length === 0 || pairs.some((p) => p.from === '')) return null;
      const columns = ctx.columns.many(m.col!);
      return planned(columns.flatMap((column) => stepsFor(column, pairs, flagsOf(m), ctx)));
    }
    const bare = last ?? matchSegment(seg, NO_COLUMN);
    if (!bare) return null;
    const pairs = pairsOf(bare.pairs!);
    if (pairs.length === 0 || pairs.some((p) => p.from === '')) return null;
    const holders = [...new Set(pairs.flatMap((p) => columnsContaining(ctx, p.from)))];
    if (holders.length === 0) {
      const text = ctx.schema.filter((c) => c.type === 'string').map((c) => c.name);
      return ask('ambiguous', `Which column should I replace ${shown(pairs[0].from)} in?`, text);
    }
    return planned(holders.flatMap((column) => stepsFor(column, pairs, flagsOf(bare), ctx)), 0.8);
  },
};
