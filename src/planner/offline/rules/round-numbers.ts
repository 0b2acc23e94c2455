import { ask } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { parseInteger } from '../text/values.js';
import { isAllColumns } from './all-columns.js';
import { requireNumbers } from './numeric-text-guard.js';
import { columnProfile, isNumericType, planned, step, type Rule, type RuleContext } from './rule.js';

const PLACES = '(?<places>\\d+|one|two|three|four|zero|no)\\s+(?:decimal(?:\\s+places?|s|\\s+points?|\\s+digits?)?|dp|d\\.p\\.|places?|digits?(?:\\s+after\\s+the\\s+(?:decimal\\s+)?point)?)';
const NEAREST = '(?:the\\s+)?nearest\\s+(?<nearest>whole(?:\\s+number)?|integer|int|dollar|unit|cent|tenth|hundredth|thousandth|ten|10|hundred|100|thousand|1000|1,000|million)';
const ROUND = [
  new RegExp(`^(?<how>round)\\s+(?:all\\s+)?(?:the\\s+)?(?:numbers|numeric\\s+(?:columns|values)|values)(?:\\s+(?:in|of)\\s+(?<cols>.+?))?(?:\\s+(?:to|at)\\s+(?:${PLACES}|${NEAREST}))?$`, 'i'),
  new RegExp(`^(?<how>round(?:\\s+(?:up|down|off))?|ceil(?:ing)?|floor)\\s+(?:all\\s+|the\\s+)?(?<cols>.+?)(?:\\s+(?:up|down|off))?(?:\\s+(?:to|at|with)\\s+(?:${PLACES}|${NEAREST}))?$`, 'i'),
  new RegExp(`^(?:take|get|use|compute)\\s+the\\s+(?<how>floor|ceiling)\\s+of\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s+(?:to|at)\\s+${PLACES})?$`, 'i'),
  new RegExp(`^(?:show|keep|limit|display)\\s+(?:the\\s+)?(?<cols>.+?)\\s+(?:to|with)\\s+(?:only\\s+)?${PLACES}$`, 'i'),
];
const ABS = [
  /^(?:take\s+|get\s+|use\s+|compute\s+)?(?:the\s+)?absolute\s+values?\s+(?:of|for|in)\s+(?:the\s+)?(?<cols>.+?)$/i,
  /^(?:make|turn|convert)\s+(?:all\s+)?(?:the\s+)?(?<cols>.+?)\s+(?:values\s+)?(?:positive|non-?negative|absolute)$/i,
  /^(?:remove|drop|strip)\s+(?:the\s+)?(?:negative|minus)\s+signs?\s+(?:from|in)\s+(?:the\s+)?(?<cols>.+)$/i,
  /^abs\s+(?<cols>.+)$/i,
];

const NEAREST_DECIMALS: Array<[RegExp, number]> = [
  [/^(?:whole|integer|int|dollar|unit)/i, 0], [/^cent|hundredth/i, 2], [/^tenth/i, 1], [/^thousandth/i, 3],
  [/^(?:ten|10)$/i, -1], [/^(?:hundred|100)$/i, -2], [/^(?:thousand|1,?000)$/i, -3], [/^million$/i, -6],
];

function decimalsOf(m: Record<string, string | undefined>): number {
  if (m.nearest) return NEAREST_DECIMALS.find(([re]) => re.test(m.nearest!))![1];
  if (!m.places || /^(?:zero|no)$/i.test(m.places)) return 0;
  const n = parseInteger(m.places);
  return n === null || n > 15 ? ask('ambiguous', `How many decimal places ('${m.places}')? Up to 15.`) : n;
}

/** "round all numbers": the number columns that rounding can change (ids never; whole numbers only to tens and above). */
const numericColumns = (ctx: RuleContext, decimals: number) =>
  ctx.schema.filter((c) => (decimals >= 0 ? c.type === 'float' : isNumericType(c.type)) && columnProfile(ctx, c.name)?.semantic_type !== 'id').map((c) => c.name);

/** Rounding: "round price to 2 decimals", "round amount to the nearest hundred", "round up total", "floor price", "absolute value of change". */
export const roundNumbersRule: Rule = {
  name: 'round-numbers',
  plan(seg, ctx) {
    for (const re of ABS) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.cols!)) continue;
      const columns = ctx.columns.many(m.cols!);
      columns.forEach((c) => requireNumbers(ctx, c, 'take the absolute value of'));
      return planned(columns.map((column) => step('absolute_value', { column }, `Replace ${column} with its absolute value (negatives become positive)`)));
    }
    for (const re of ROUND) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const how = (m.how ?? 'round').toLowerCase();
      const decimals = decimalsOf(m);
      const everything = re === ROUND[0] && isAllColumns(m.cols);
      const columns = everything ? numericColumns(ctx, decimals) : ctx.columns.many(m.cols!);
      columns.forEach((c) => requireNumbers(ctx, c, 'round'));
      const where = decimals > 0 ? `${decimals} decimal place${decimals === 1 ? '' : 's'}` : decimals === 0 ? 'a whole number' : `the nearest ${10 ** -decimals}`;
      if (/^(?:floor|ceil)/.test(how)) {
        const method = how.startsWith('floor') ? 'floor' : 'ceil';
        return planned(columns.map((column) => step('floor_ceil', decimals === 0 ? { column, method } : { column, method, precision: decimals }, `Take the ${method === 'floor' ? 'floor' : 'ceiling'} of ${column} to ${where}`)));
      }
      const up = /\bup\b/.test(how) || /\s+up(?:\s|$)/i.test(seg.text.replace(/^round\s+\S+/i, ''));
      const down = /\bdown\b/.test(how) || /\s+down(?:\s|$)/i.test(seg.text.replace(/^round\s+\S+/i, ''));
      const method = up ? 'ceil' : down ? 'floor' : null;
      return planned(columns.map((column) => {
        const params: Record<string, unknown> = { column, decimals };
        if (method) params.method = method;
        return step('round_numbers', params, `Round ${column}${method ? (method === 'ceil' ? ' up' : ' down') : ''} to ${where}`);
      }));
    }
    return null;
  },
};
