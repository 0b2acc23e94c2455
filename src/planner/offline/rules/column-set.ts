import { listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { splitList } from '../text/values.js';
import { planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';
import { COLUMN_WORD, KEEP, REMOVE } from './vocabulary.js';

const EXCEPT = '(?:except(?:\\s+for)?|but|other\\s+than|apart\\s+from|besides|save)';

const DROP_STRICT = [
  new RegExp(`^${REMOVE}\\s+(?:the\\s+)?${COLUMN_WORD}\\s+(?:called\\s+|named\\s+)?(?<cols>.+)$`, 'i'),
  new RegExp(`^${REMOVE}\\s+(?:the\\s+)?(?<cols>.+?)\\s+${COLUMN_WORD}$`, 'i'),
];
const DROP_LOOSE = new RegExp(`^(?:${REMOVE}|hide)\\s+(?:the\\s+)?(?<cols>.+)$`, 'i');
const SELECT_STRICT = [
  new RegExp(`^(?:${KEEP}|use|leave)\\s+(?:only\\s+)?(?:the\\s+)?${COLUMN_WORD}\\s+(?<cols>.+?)(?:\\s+only)?$`, 'i'),
  new RegExp(`^(?:${KEEP}|use|leave)\\s+(?:only\\s+)?(?:the\\s+)?(?<cols>.+?)\\s+${COLUMN_WORD}(?:\\s+only)?$`, 'i'),
  new RegExp(`^(?:${REMOVE})\\s+(?:all\\s+|every\\s+)?(?:the\\s+)?(?:other\\s+)?${COLUMN_WORD}\\s+${EXCEPT}\\s+(?:the\\s+)?(?<cols>.+)$`, 'i'),
  new RegExp(`^(?:${REMOVE})\\s+everything\\s+${EXCEPT}\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s+${COLUMN_WORD})?$`, 'i'),
];
const SELECT_LOOSE = new RegExp(`^(?:keep|select|retain|show|use)\\s+only\\s+(?:the\\s+)?(?<cols>.+)$|^(?:only\\s+keep|just\\s+keep|keep\\s+just)\\s+(?:the\\s+)?(?<cols2>.+)$|^(?:select|choose|pick)\\s+(?:the\\s+)?(?<cols3>.+)$`, 'i');
const KEEP_ALL_BUT = new RegExp(`^(?:keep|select)\\s+(?:all|every)\\s+(?:the\\s+)?${COLUMN_WORD}\\s+${EXCEPT}\\s+(?:the\\s+)?(?<cols>.+)$`, 'i');

const MOVE = '(?:move|put|place|bring|shift)';
const TO_FRONT = new RegExp(`^${MOVE}\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s+${COLUMN_WORD})?\\s+(?:to\\s+)?(?:the\\s+)?(?:very\\s+)?(?:front|start|beginning|first|left(?:most)?|first\\s+position)(?:\\s+of\\s+the\\s+(?:table|columns))?$`, 'i');
const TO_END = new RegExp(`^${MOVE}\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s+${COLUMN_WORD})?\\s+(?:to\\s+)?(?:the\\s+)?(?:very\\s+)?(?:end|back|last|right(?:most)?|last\\s+position)(?:\\s+of\\s+the\\s+(?:table|columns))?$`, 'i');
const NEXT_TO = new RegExp(`^${MOVE}\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s+${COLUMN_WORD})?\\s+(?<where>right\\s+after|just\\s+after|after|next\\s+to|right\\s+before|just\\s+before|before|in\\s+front\\s+of|behind)\\s+(?:the\\s+)?(?<anchor>.+)$`, 'i');
const REORDER = new RegExp(`^(?:reorder|re-order|rearrange|order|arrange|sort)\\s+(?:the\\s+)?${COLUMN_WORD}\\s*(?:as|to|like|in\\s+(?:this|the)\\s+order|:)?\\s*:?\\s*(?<cols>.+)$`, 'i');
const SWAP = /^(?:swap|switch)\s+(?:the\s+)?(?:columns?\s+)?(?<a>.+?)\s+(?:and|with)\s+(?<b>.+?)(?:\s+columns?)?$/i;

const names = (ctx: RuleContext) => ctx.schema.map((c) => c.name);
const plural = (cols: string[]) => (cols.length > 1 ? 's' : '');

function select(cols: string[]): RuleResult {
  return planned([step('select_columns', { columns: cols }, `Keep only the column${plural(cols)} ${listWords(cols)}`)]);
}

function drop(cols: string[]): RuleResult {
  return planned([step('remove_columns', { columns: cols }, `Remove the column${plural(cols)} ${listWords(cols)}`)]);
}

function reorder(order: string[], explanation: string): RuleResult {
  return planned([step('reorder_columns', { order }, explanation)]);
}

/** Every list item names a column confidently enough to act without the word "column". */
const allResolve = (text: string, ctx: RuleContext) => splitList(text).every((item) => ctx.columns.resolves(item)) || ctx.columns.find(text) !== null;

const NOT_NAMES = /\b(?:file|session|dataset|table|everything|all|data|rows?|records?|entries|values?|duplicates?|blanks?|nulls?|outliers?|spaces?|whitespace|characters?|first|last|top|bottom)\b/i;

/** "drop city and state": short names that are meant as columns even when none exists (the user then hears so). */
const looksLikeNames = (text: string) => {
  const items = splitList(text);
  return items.length <= 4 && items.every((i) => i.trim().split(/\s+/).length <= 2) && !NOT_NAMES.test(text) && !/['"]/.test(text);
};

/** Dropping, selecting and reordering columns: "drop the phone column", "keep only name and email", "move email to the front". */
export const columnSetRule: Rule = {
  name: 'column-set',
  plan(seg, ctx) {
    const keepAllBut = matchSegment(seg, KEEP_ALL_BUT);
    if (keepAllBut) return drop(ctx.columns.many(keepAllBut.cols!));
    for (const re of SELECT_STRICT) {
      const m = matchSegment(seg, re);
      if (m) return select(ctx.columns.many(m.cols!));
    }
    for (const re of DROP_STRICT) {
      const m = matchSegment(seg, re);
      if (m) return drop(ctx.columns.many(m.cols!));
    }
    const front = matchSegment(seg, TO_FRONT);
    if (front) {
      const cols = ctx.columns.many(front.cols!);
      return reorder(cols, `Move ${listWords(cols)} to the front`);
    }
    const end = matchSegment(seg, TO_END);
    if (end) {
      const cols = ctx.columns.many(end.cols!);
      return reorder([...names(ctx).filter((n) => !cols.includes(n)), ...cols], `Move ${listWords(cols)} to the end`);
    }
    const next = matchSegment(seg, NEXT_TO);
    if (next && ctx.columns.resolves(next.anchor!)) {
      const cols = ctx.columns.many(next.cols!);
      const anchor = ctx.columns.one(next.anchor!);
      const rest = names(ctx).filter((n) => !cols.includes(n));
      const at = rest.indexOf(anchor) + (/before|front/i.test(next.where!) ? 0 : 1);
      const order = [...rest.slice(0, at), ...cols, ...rest.slice(at)];
      return reorder(order, `Move ${listWords(cols)} ${/before|front/i.test(next.where!) ? 'before' : 'after'} ${anchor}`);
    }
    const swap = matchSegment(seg, SWAP);
    if (swap && ctx.columns.resolves(swap.a!) && ctx.columns.resolves(swap.b!)) {
      const [a, b] = [ctx.columns.one(swap.a!), ctx.columns.one(swap.b!)];
      const order = names(ctx).map((n) => (n === a ? b : n === b ? a : n));
      return reorder(order, `Swap the positions of ${a} and ${b}`);
    }
    const re = matchSegment(seg, REORDER);
    if (re) {
      if (/^alphabetical(?:ly)?|^a\s*(?:-|to)\s*z|^by\s+name$/i.test(re.cols!)) {
        const order = [...names(ctx)].sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0));
        return reorder(order, 'Order the columns alphabetically');
      }
      const cols = ctx.columns.many(re.cols!);
      return reorder(cols, `Reorder the columns: ${cols.join(', ')}${cols.length < names(ctx).length ? ', then the rest' : ''}`);
    }
    const selectLoose = matchSegment(seg, SELECT_LOOSE);
    const selected = selectLoose?.cols ?? selectLoose?.cols2 ?? selectLoose?.cols3;
    if (selected && allResolve(selected, ctx)) return select(ctx.columns.many(selected));
    const dropLoose = matchSegment(seg, DROP_LOOSE);
    if (dropLoose && (allResolve(dropLoose.cols!, ctx) || looksLikeNames(dropLoose.cols!))) return drop(ctx.columns.many(dropLoose.cols!));
    return null;
  },
};
