import { ask } from '../clarify.js';
import { describeCondition } from '../conditions/describe-condition.js';
import { parseConditions } from '../conditions/parse-conditions.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';

const NAME = '(?:\\s+(?:as|in\\s+a\\s+column\\s+(?:called|named)|into\\s+(?:a\\s+)?(?:new\\s+)?column(?:\\s+(?:called|named))?|with\\s+a\\s+column\\s+(?:called|named))\\s+(?<into>[^\\s]+))?';
const FLAG = [
  new RegExp(`^(?:flag|mark|tag|highlight|identify|label)\\s+(?:the\\s+|all\\s+)?(?:rows|records|entries|lines|ones)?\\s*(?:where|with|whose|that|which|if|when|in\\s+which)\\s+(?<cond>.+?)${NAME}$`, 'i'),
  new RegExp(`^(?:add|create|make)\\s+(?:a\\s+)?(?:new\\s+)?(?:boolean\\s+|true\\s*/\\s*false\\s+|yes\\s*/\\s*no\\s+)?(?:column|flag|indicator)(?:\\s+(?:called|named)\\s+(?<into2>[^\\s]+))?\\s+(?:showing|that\\s+shows|indicating|for|marking|flagging|saying|to\\s+show|that\\s+says|telling)\\s+(?:whether|if|where|when)\\s+(?<cond>.+)$`, 'i'),
  new RegExp(`^(?:check|test|see)\\s+(?:whether|if)\\s+(?<cond>.+?)${NAME}$`, 'i'),
];

function freshName(ctx: RuleContext, base: string): string {
  const taken = new Set(ctx.schema.map((c) => c.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Flags: "flag rows where feedback contains 'great'", "add a column showing whether age is between 18 and 65", "flag rows where amount > 1000". */
export const flagsRule: Rule = {
  name: 'flags',
  plan(seg, ctx) {
    for (const re of FLAG) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const parsed = parseConditions(m.cond!, ctx);
      const into = m.into ?? m.into2;
      const named = into ? unquote(into) : null;
      if (parsed.conditions.length === 1 && !parsed.negated) {
        const c = parsed.conditions[0];
        if (c.operator === 'contains' && parsed.conversions.length === 0) {
          const params: Record<string, unknown> = { column: c.column, substring: c.value };
          if (named) params.new_column = named;
          const name = named ?? `${c.column}_contains`;
          return planned([step('string_contains', params, `Add ${name}: whether ${c.column} contains '${String(c.value)}' (any case)`)]);
        }
        if (c.operator === 'between' && parsed.conversions.length === 0 && Array.isArray(c.value)) {
          const [low, high] = c.value as Array<string | number>;
          const params: Record<string, unknown> = { column: c.column, min_value: low, max_value: high };
          if (named) params.new_column = named;
          const name = named ?? `${c.column}_in_range`;
          return planned([step('is_between', params, `Add ${name}: whether ${c.column} is between ${low} and ${high} (inclusive)`)]);
        }
      }
      if (parsed.negated) return ask('ambiguous', 'Please phrase the flag without "not" (I will mark the rows where the condition holds).');
      if (parsed.conditions.length > 1 && parsed.logic === 'and') return ask('ambiguous', 'A flag can test one condition, or several joined with "or". Please split the "and" conditions.');
      const name = named ?? freshName(ctx, 'flag');
      const cases = parsed.conditions.map((condition) => ({ condition, result: true }));
      const when = parsed.conditions.map((c) => describeCondition(c, parsed.dateColumns.includes(c.column))).join(' or ');
      return planned([...parsed.conversions, step('case_when', { cases, new_column: name, default: false }, `Add ${name}: true where ${when}, otherwise false`)]);
    }
    return null;
  },
};
