import { editDistance } from '../../../engine/values/suggest.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { knownValues } from './known-values.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';
import { KEEP, REMOVE } from './vocabulary.js';

const VALUE_ROWS = new RegExp(`^(?<verb>${REMOVE}|${KEEP})\\s+(?:only\\s+)?(?:all\\s+)?(?:the\\s+)?(?<value>.+?)(?:\\s+(?:rows?|records?|entries|ones|[\\p{L}_]+s))?(?:\\s+only)?$`, 'iu');
const REMOVING = new RegExp(`^${REMOVE}$`, 'i');

/** The one column whose known values include the text (any case; a near miss within one edit for longer words). */
function columnHolding(ctx: RuleContext, text: string): { column: string; value: string } | null {
  const folded = text.toLowerCase();
  const hits: { column: string; value: string }[] = [];
  for (const c of ctx.schema) {
    if (c.type !== 'string') continue;
    const value = knownValues(ctx, c.name).find((v) => v.trim().toLowerCase() === folded) ?? knownValues(ctx, c.name).find((v) => folded.length >= 6 && editDistance(v.trim().toLowerCase(), folded) <= 1);
    if (value !== undefined) hits.push({ column: c.name, value: value.trim() });
  }
  return hits.length === 1 ? hits[0] : null;
}

/** A value standing for its rows: "exclude cancelled", "keep only US rows", "remove inactive customers". */
export const valueRowsRule: Rule = {
  name: 'value-rows',
  plan(seg, ctx) {
    const m = matchSegment(seg, VALUE_ROWS);
    if (!m || ctx.columns.resolves(m.value!)) return null;
    // "remove canceled orders": with the noun, or the whole phrase when the noun is part of the value.
    const holder = columnHolding(ctx, unquote(m.value!)) ?? columnHolding(ctx, unquote(seg.text.slice(m.verb!.length).trim().replace(/^(?:only\s+)?(?:all\s+)?(?:the\s+)?/i, '')));
    if (!holder) return null;
    const keep = !REMOVING.test(m.verb!);
    const params = { conditions: [{ column: holder.column, operator: 'eq', value: holder.value }], logic: 'and', keep };
    return planned([step('filter_rows', params, `${keep ? 'Keep only' : 'Remove'} rows where ${holder.column} is '${holder.value}'`)], 0.8);
  },
};
