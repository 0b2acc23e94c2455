import { matchSegment } from '../text/segment.js';
import { ADD, BY, INTO, groupOf, nameOr, within } from './new-column-words.js';
import { requireNumbers } from './numeric-text-guard.js';
import { planned, step, type Rule } from './rule.js';

const PERCENT = [
  new RegExp(`^${ADD}(?:percent(?:age)?|share|%|proportion)\\s+of\\s+(?:the\\s+)?total\\s+(?:for|of)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i'),
  new RegExp(`^${ADD}(?<col>.+?)\\s+as\\s+a\\s+(?:percent(?:age)?|share|proportion|fraction)\\s+of\\s+(?:the\\s+)?(?:(?<total>total|sum|column\\s+total|grand\\s+total)|(?<den>.+?))${INTO}$`, 'i'),
  new RegExp(`^${ADD}(?:percent(?:age)?|share|proportion)\\s+(?:of\\s+(?:the\\s+)?)?(?<col>.+?)\\s+(?:of|out\\s+of|over)\\s+(?:the\\s+)?(?:(?<total>total|sum)|(?<den>.+?))${INTO}$`, 'i'),
  new RegExp(`^${ADD}(?:ratio)\\s+of\\s+(?:the\\s+)?(?<col>.+?)\\s+to\\s+(?:the\\s+)?(?<den>.+?)${INTO}$`, 'i'),
];
const RUNNING = new RegExp(`^${ADD}(?:running|cumulative|cummulative|rolling)\\s+(?:total|sum)s?\\s+(?:of|for)\\s+(?:the\\s+)?(?<col>.+?)${BY}${INTO}$`, 'i');
const RUNNING_ALT = new RegExp(`^(?:cumulatively\\s+sum|cumsum|accumulate)\\s+(?:the\\s+)?(?<col>.+?)${BY}${INTO}$`, 'i');

/** Shares of a total or of another column, and running totals: "percentage of total for price", "running total of quantity". */
export const calculationsRule: Rule = {
  name: 'calculations',
  plan(seg, ctx) {
    for (const re of PERCENT) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.col!)) continue;
      const column = ctx.columns.one(m.col!);
      requireNumbers(ctx, column, 'compute a percentage of');
      if (m.den && !/^(?:total|sum)$/i.test(m.den)) {
        const denominator_column = ctx.columns.one(m.den);
        const new_column = nameOr(m.into, `${column}_pct_of_${denominator_column}`);
        return planned([step('percentage', { column, new_column, mode: 'ratio', denominator_column }, `Add ${new_column}: ${column} as a percentage of ${denominator_column}`)]);
      }
      const new_column = nameOr(m.into, `${column}_pct`);
      return planned([step('percentage', { column, new_column }, `Add ${new_column}: each ${column} as a percentage of the column total`)]);
    }
    const running = matchSegment(seg, RUNNING) ?? matchSegment(seg, RUNNING_ALT);
    if (running) {
      const column = ctx.columns.one(running.col!);
      requireNumbers(ctx, column, 'add up');
      const group = groupOf(running.group, ctx);
      const new_column = nameOr(running.into, `${column}_running_total`);
      const params: Record<string, unknown> = { column, new_column };
      if (group) params.group_by = group;
      return planned([step('running_total', params, `Add ${new_column}: the running total of ${column}${within(group)}`)]);
    }
    return null;
  },
};
