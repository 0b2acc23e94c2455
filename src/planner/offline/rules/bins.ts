import { matchSegment } from '../text/segment.js';
import { ask } from '../clarify.js';
import { unquote } from '../text/quotes.js';
import { parseInteger, parseNumber, splitList } from '../text/values.js';
import { INTO, nameOr } from './new-column-words.js';
import { requireNumbers } from './numeric-text-guard.js';
import { planned, step, type Rule } from './rule.js';

const BINS = [
  new RegExp(`^(?:bin|bucket|group|band|categori[sz]e|discreti[sz]e|split|cut)\\s+(?:the\\s+)?(?<col>.+?)\\s+into\\s+(?<n>\\d+|two|three|four|five|six|ten)\\s+(?:equal(?:[\\s-]width)?\\s+)?(?:bins|buckets|bands|ranges|groups|intervals|categories)${INTO}$`, 'i'),
  new RegExp(`^(?:bin|bucket|group|band|categori[sz]e|cut)\\s+(?:the\\s+)?(?<col>.+?)\\s+(?:into\\s+(?:ranges|bins|buckets|bands)\\s+)?(?:at|by|using|with|on)\\s+(?:the\\s+)?(?:edges|boundaries|breaks|cut\\s*points|ranges|thresholds)?\\s*(?<edges>-?\\d[\\d.,\\s]*(?:and\\s+-?\\d[\\d.]*)?)(?:\\s+(?:labell?ed|with\\s+labels|called)\\s+(?<labels>.+?))?${INTO}$`, 'i'),
];

/** Ranges of values: "bin price into 3 bins", "bin quantity at 0, 2, 5, 10". */
export const binsRule: Rule = {
  name: 'bins',
  plan(seg, ctx) {
    for (const re of BINS) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.col!)) continue;
      const column = ctx.columns.one(m.col!);
      requireNumbers(ctx, column, 'bin');
      const new_column = nameOr(m.into, `${column}_bin`);
      if (m.n) {
        const bins = parseInteger(m.n)!;
        return planned([step('bin_values', { column, new_column, bins }, `Add ${new_column}: ${column} grouped into ${bins} equal-width ranges`)]);
      }
      const edges = splitList(m.edges!).map((e) => parseNumber(e));
      if (edges.some((e) => e === null) || edges.length < 2) return ask('ambiguous', 'Which range boundaries should I use, e.g. "bin age at 0, 18, 65, 120"?');
      const labels = m.labels ? splitList(m.labels).map(unquote) : null;
      const params: Record<string, unknown> = { column, new_column, bins: edges };
      if (labels) params.labels = labels;
      return planned([step('bin_values', params, `Add ${new_column}: ${column} grouped into the ranges ${(edges as number[]).join(', ')}`)]);
    }
    return null;
  },
};
