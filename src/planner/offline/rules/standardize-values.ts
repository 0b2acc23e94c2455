import { ask, listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { knownValues } from './known-values.js';
import { planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';
import { explicitMapping, inferredMapping } from './value-mapping.js';

const STANDARDIZE = [
  new RegExp(`^(?:standardi[sz]e|normali[sz]e|unify|harmoni[sz]e|clean(?:\\s+up)?|make\\s+consistent|consolidate)\\s+(?:the\\s+)?(?:values?\\s+(?:in|of)\\s+(?:the\\s+)?)?(?<col>.+?)(?:\\s+values?)?(?:\\s*(?::|with|using|so\\s+that|where)\\s+(?<pairs>.+))?$`, 'i'),
  new RegExp(`^(?:map|group|merge|treat)\\s+(?<pairs>.+?)\\s+(?:in|within|for)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+column)?$`, 'i'),
  new RegExp(`^(?:make|fix)\\s+(?:the\\s+)?(?<col>.+?)\\s+(?:values\\s+)?consistent$`, 'i'),
];

/** The standardize_values step for one column: the mapping the user gave, or one inferred from the profile. */
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

/** Standard spellings: "standardize gender", "standardize status: M = Male", "map 'M' to 'Male' in gender". */
export const standardizeValuesRule: Rule = {
  name: 'standardize-values',
  plan(seg, ctx) {
    for (const re of STANDARDIZE) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.col!)) continue;
      return standardize(ctx.columns.one(m.col!), m.pairs, ctx);
    }
    return null;
  },
};
