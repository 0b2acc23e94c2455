import { matchSegment } from '../text/segment.js';
import { parseInteger } from '../text/values.js';
import { ADD, BY, INTO, groupOf, nameOr, within } from './new-column-words.js';
import { planned, step, type Rule } from './rule.js';

const RANK = new RegExp(`^(?:(?<verb>rank|dense[\\s-]rank|number)\\s+(?:the\\s+)?(?:rows|records|entries|items)?\\s*(?:by|on|according\\s+to|based\\s+on)\\s+(?:the\\s+)?(?<col>.+?)|${ADD}(?<kind>dense\\s+rank|percentile\\s+rank|percent\\s+rank|rank(?:ing)?)(?:\\s+column)?\\s+(?:for|of|by|on|based\\s+on)\\s+(?:the\\s+)?(?<col2>.+?))(?:\\s+(?<dir>descending|desc|ascending|asc|highest\\s+first|lowest\\s+first|from\\s+highest|from\\s+lowest|high\\s+to\\s+low|low\\s+to\\s+high))?${BY}${INTO}$`, 'i');
const NTILE = new RegExp(`^(?:(?:split|divide|bucket|group|put|assign)\\s+(?:the\\s+)?(?:rows\\s+)?(?:by\\s+)?(?<col>.+?)\\s+into\\s+(?<n>\\d+|four|five|ten)\\s+(?:equal(?:[\\s-]sized)?\\s+)?(?<word>quartiles|quintiles|deciles|percentiles|groups|buckets|tiles)|${ADD}(?<word2>quartiles?|quintiles?|deciles?)\\s+(?:of|for|by|based\\s+on)\\s+(?:the\\s+)?(?<col2>.+?))${INTO}$`, 'i');
const WORD_N: Record<string, number> = { quartile: 4, quartiles: 4, quintile: 5, quintiles: 5, decile: 10, deciles: 10, percentiles: 100 };

/** Ranks and equal-sized groups: "rank by price", "dense rank of score", "percentile rank of price", "quartiles of price". */
export const ranksRule: Rule = {
  name: 'ranks',
  plan(seg, ctx) {
    const ntile = matchSegment(seg, NTILE);
    if (ntile) {
      const order_by = ctx.columns.one(ntile.col ?? ntile.col2!);
      const word = (ntile.word ?? ntile.word2 ?? '').toLowerCase();
      const n = ntile.n ? parseInteger(ntile.n)! : WORD_N[word] ?? 4;
      const new_column = nameOr(ntile.into, WORD_N[word] === 4 ? `${order_by}_quartile` : `${order_by}_ntile_${n}`);
      return planned([step('ntile', { n, order_by, new_column }, `Add ${new_column}: which of ${n} equal-sized groups each row falls in by ${order_by} (1 = lowest)`)]);
    }
    const rank = matchSegment(seg, RANK);
    if (rank && (rank.col || rank.col2) && !(rank.verb && /^number$/i.test(rank.verb) && !ctx.columns.resolves(rank.col!))) {
      const column = ctx.columns.one(rank.col ?? rank.col2!);
      const ascending = rank.dir ? /asc|lowest\s+first|from\s+lowest|low\s+to/i.test(rank.dir) : false;
      const kind = (rank.kind ?? rank.verb ?? 'rank').toLowerCase();
      const group = groupOf(rank.group, ctx);
      const order = ascending ? '1 = lowest' : '1 = highest';
      if (/percent/.test(kind)) {
        const new_column = nameOr(rank.into, `${column}_pct_rank`);
        const params: Record<string, unknown> = { column, new_column };
        if (group) params.partition_by = group;
        return planned([step('percent_rank', params, `Add ${new_column}: the percentile rank of ${column} from 0 (lowest) to 1 (highest)${within(group)}`)]);
      }
      if (/dense/.test(kind)) {
        const new_column = nameOr(rank.into, `${column}_dense_rank`);
        const params: Record<string, unknown> = { column, new_column, ascending };
        if (group) params.partition_by = group;
        return planned([step('dense_rank', params, `Add ${new_column}: the dense rank of ${column} (${order}, ties share a rank)${within(group)}`)]);
      }
      const new_column = nameOr(rank.into, `${column}_rank`);
      const params: Record<string, unknown> = { column, new_column, ascending };
      if (group) params.group_by = group;
      return planned([step('rank', params, `Add ${new_column}: the rank of ${column} (${order})${within(group)}`)]);
    }
    return null;
  },
};
