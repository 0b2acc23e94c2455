import { ask, listWords } from '../clarify.js';
import { showValue } from '../conditions/describe-condition.js';
import { matchSegment } from '../text/segment.js';
import { isQuoted } from '../text/quotes.js';
import { isAllColumns } from './all-columns.js';
import { columnType, isNumericType, planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';
import { constantValue, valueForColumn } from './typed-value.js';

const FILL = '(?:fill(?:\\s+in)?|replace|populate|impute|substitute)';
const BLANK = '(?:empty|blank|missing|null|na|nan|unfilled)';
const CELLS = '(?:values?|cells?|entries|fields?|spots?|ones|rows)';
const WITH = '(?:with|using|by|to|as)';

const EVERYWHERE = [
  new RegExp(`^${FILL}\\s+(?:all\\s+|any\\s+|the\\s+|every\\s+)*(?:${BLANK}\\s+)?(?:${CELLS}|blanks?|nulls?|gaps|holes|empties|missing)(?:\\s+(?:everywhere|in\\s+(?:all|every|each)\\s+(?:the\\s+)?columns?|in\\s+the\\s+(?:table|data|dataset|file)))?\\s+${WITH}\\s+(?<v>.+)$`, 'i'),
  new RegExp(`^set\\s+(?:all\\s+|any\\s+|every\\s+)*(?:${BLANK}\\s+)(?:${CELLS})\\s+to\\s+(?<v>.+)$`, 'i'),
];
const IN_COLUMN = [
  new RegExp(`^${FILL}\\s+(?:all\\s+|any\\s+|the\\s+)*${BLANK}\\s+(?:${CELLS}\\s+)?(?:in\\s+|of\\s+|for\\s+|from\\s+)?(?:the\\s+)?(?<col>.+?)\\s+(?:${CELLS}\\s+)?${WITH}\\s+(?<v>.+)$`, 'i'),
  new RegExp(`^${FILL}\\s+(?:the\\s+)?(?<col>.+?)(?:'s)?\\s+(?:blanks|nulls|gaps|holes|empties|${BLANK}\\s+${CELLS})\\s+${WITH}\\s+(?<v>.+)$`, 'i'),
  new RegExp(`^${FILL}\\s+(?:in\\s+)?(?:the\\s+|all\\s+|any\\s+)*(?:blanks|gaps|holes|nulls|empties)\\s+(?:in|of|for)\\s+(?:the\\s+)?(?<col>.+?)\\s+${WITH}\\s+(?<v>.+)$`, 'i'),
  new RegExp(`^set\\s+(?:all\\s+|the\\s+|any\\s+)*${BLANK}\\s+(?:${CELLS}\\s+(?:in|of)\\s+)?(?:the\\s+)?(?<col>.+?)\\s+(?:${CELLS}\\s+)?to\\s+(?<v>.+)$`, 'i'),
  new RegExp(`^(?:where|when|if)\\s+(?<col>.+?)\\s+is\\s+${BLANK},?\\s+(?:set|fill|make)\\s+it\\s+(?:to\\s+|with\\s+)?(?<v>.+)$`, 'i'),
  new RegExp(`^(?:default|set\\s+(?:the\\s+)?default\\s+(?:of|for))\\s+(?<col>.+?)\\s+to\\s+(?<v>.+)$`, 'i'),
  new RegExp(`^fill\\s+(?:in\\s+)?(?:the\\s+)?(?<col>.+?)\\s+(?:with|using)\\s+(?<v>.+)$`, 'i'),
];
const FORWARD = [
  new RegExp(`^(?:forward[\\s-]?fill|ffill|fill[\\s-]forward|fill\\s+down|carry\\s+forward|propagate)(?:\\s+(?:the\\s+)?(?:${BLANK}\\s+)?(?:${CELLS}\\s+)?(?:in\\s+|of\\s+|for\\s+)?(?<cols>.+?))?(?:\\s+(?:within|per|by|for\\s+each)\\s+(?<group>.+))?$`, 'i'),
  new RegExp(`^fill\\s+(?:the\\s+)?(?<cols>.+?)\\s+(?:down|forward|downwards)(?:\\s+(?:within|per|by|for\\s+each)\\s+(?<group>.+))?$`, 'i'),
];
const BACKWARD = [
  new RegExp(`^(?:back(?:ward)?[\\s-]?fill|bfill|fill[\\s-]backwards?|fill\\s+up(?:wards)?|carry\\s+backwards?)(?:\\s+(?:the\\s+)?(?:${BLANK}\\s+)?(?:${CELLS}\\s+)?(?:in\\s+|of\\s+|for\\s+)?(?<cols>.+?))?(?:\\s+(?:within|per|by|for\\s+each)\\s+(?<group>.+))?$`, 'i'),
  new RegExp(`^fill\\s+(?:the\\s+)?(?<cols>.+?)\\s+(?:up|backwards?|upwards)(?:\\s+(?:within|per|by|for\\s+each)\\s+(?<group>.+))?$`, 'i'),
];

const METHODS: Array<[RegExp, string, string]> = [
  [/^(?:the\s+|its\s+|their\s+)?(?:column(?:'s)?\s+)?(?:mean|average|avg)(?:\s+value)?(?:\s+of\s+.+)?$/i, 'mean', 'the mean'],
  [/^(?:the\s+|its\s+|their\s+)?(?:column(?:'s)?\s+)?median(?:\s+value)?(?:\s+of\s+.+)?$/i, 'median', 'the median'],
  [/^(?:the\s+|its\s+|their\s+)?(?:mode|most\s+(?:common|frequent|popular)(?:\s+value)?)(?:\s+of\s+.+)?$/i, 'mode', 'the most common value'],
  [/^(?:the\s+)?(?:previous|prior|last(?:\s+known)?|preceding|above)\s+(?:non-?blank\s+)?(?:value|row|one|entry)?$|^(?:the\s+)?value\s+(?:above|before)$|^forward(?:\s+fill)?$/i, 'forward', 'the previous value'],
  [/^(?:the\s+)?(?:next|following|below)\s+(?:non-?blank\s+)?(?:value|row|one|entry)?$|^(?:the\s+)?value\s+(?:below|after)$|^backward?s?(?:\s+fill)?$/i, 'backward', 'the next value'],
];

function fillColumn(column: string, raw: string, ctx: RuleContext): RuleResult {
  const method = METHODS.find(([re]) => re.test(raw.trim()));
  if (method) {
    const [, name, what] = method;
    if ((name === 'mean' || name === 'median') && !isNumericType(columnType(ctx, column))) {
      ask('ambiguous', `'${column}' is not a number column, so it has no ${name}. Fill it with a value (e.g. "fill empty ${column} with 'Unknown'") or the most common value?`, [`fill empty ${column} with the most common value`]);
    }
    return planned([step('fill_blanks', { column, method: name }, `Fill blank ${column} with ${what}`)]);
  }
  // "fill missing phone with mobile": another column supplies the value.
  const source = !isQuoted(raw) ? ctx.columns.find(raw.replace(/^(?:the\s+)?(?:values?\s+(?:from|in|of)\s+)?/i, '')) : null;
  if (source && source !== column) {
    return planned([step('coalesce', { columns: [column, source], new_column: column }, `Fill blank ${column} with the value of ${source}`)]);
  }
  const value = valueForColumn(raw, columnType(ctx, column));
  return planned([step('fill_blanks', { column, method: 'value', value }, `Fill blank ${column} with ${showValue(value)}`)]);
}

function fillDirection(op: 'fill_forward' | 'fill_backward', cols: string | undefined, group: string | undefined, ctx: RuleContext): RuleResult {
  const params: Record<string, unknown> = {};
  const columns = isAllColumns(cols) ? null : ctx.columns.many(cols!);
  if (columns) params.columns = columns;
  const groupBy = group ? ctx.columns.many(group) : null;
  if (groupBy) params.group_by = groupBy;
  const where = columns ? listWords(columns) : 'every column';
  const within = groupBy ? ` within each ${listWords(groupBy)}` : '';
  const how = op === 'fill_forward' ? 'the value above (forward fill)' : 'the value below (backward fill)';
  return planned([step(op, params, `Fill blanks in ${where} with ${how}${within}`)]);
}

/** Filling blanks: "fill empty amount with 0", "fill missing age with the median", "forward fill region", "fill all blanks with 0". */
export const fillBlanksRule: Rule = {
  name: 'fill-blanks',
  plan(seg, ctx) {
    for (const re of FORWARD) {
      const m = matchSegment(seg, re);
      if (m) return fillDirection('fill_forward', m.cols, m.group, ctx);
    }
    for (const re of BACKWARD) {
      const m = matchSegment(seg, re);
      if (m) return fillDirection('fill_backward', m.cols, m.group, ctx);
    }
    for (const re of EVERYWHERE) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const value = constantValue(m.v!);
      if (value === null) ask('ambiguous', 'What value should the blanks get?');
      if (METHODS.some(([method]) => method.test(m.v!))) {
        ask('ambiguous', 'Which columns should I fill that way? The mean, median or neighbouring value is worked out per column.', ctx.schema.map((c) => c.name));
      }
      return planned([step('replace_null', { value }, `Fill every blank cell with ${showValue(value!)}`)]);
    }
    for (const re of IN_COLUMN) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      if (re === IN_COLUMN[IN_COLUMN.length - 1] && !ctx.columns.resolves(m.col!)) continue;
      const columns = isAllColumns(m.col) ? null : ctx.columns.many(m.col!);
      if (!columns) continue;
      const results = columns.map((column) => fillColumn(column, m.v!, ctx));
      return planned(results.flatMap((r) => r.steps));
    }
    return null;
  },
};
