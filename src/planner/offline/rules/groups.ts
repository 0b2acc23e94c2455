import { ask, listWords } from '../clarify.js';
import { matchSegment, toSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { splitOutsideQuotes } from '../text/split-outside-quotes.js';
import { AGG_WORD_SOURCE, NUMERIC_FUNCTIONS, ROW_NOUNS, aggregateOf } from './aggregate-functions.js';
import { requireNumbers } from './numeric-text-guard.js';
import { planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';
import type { PlannerStep } from '../../types.js';

const GROUP = '(?:group|aggregate|summari[sz]e|roll\\s+up|break\\s+down|bucket)';
const GROUP_BY = new RegExp(`^${GROUP}\\s+(?:the\\s+)?(?:data\\s+|rows\\s+|table\\s+|it\\s+)?(?:by|on|per)\\s+(?:the\\s+)?(?<keys>.+?)(?:(?:\\s*,\\s*|\\s+)(?:and\\s+|then\\s+|to\\s+(?:get|show|calculate|compute)\\s+|with\\s+|showing\\s+|calculating\\s+|computing\\s+|getting\\s+)?(?:(?:calculate|compute|get|show|find|take|work\\s+out)\\s+)?(?:the\\s+)?(?<aggs>${AGG_WORD_SOURCE}\\b.*?))?$`, 'i');
const AGG_BY = new RegExp(`^(?:(?:show|calculate|compute|get|give\\s+me|find|what\\s+is|what's|list|sum|count)\\s+)?(?:me\\s+)?(?:the\\s+)?(?<aggs>${AGG_WORD_SOURCE}\\b.*?)\\s+(?:by|per|for\\s+each|for\\s+every|grouped\\s+by|across|broken\\s+down\\s+by|in\\s+each)\\s+(?:the\\s+)?(?<keys>.+)$`, 'i');
const AGG_ITEM = new RegExp(`^(?:the\\s+)?(?<fn>${AGG_WORD_SOURCE})(?:\\s+(?:of|for|in))?(?:\\s+(?:the|all))?(?:\\s+(?<col>.+))?$`, 'i');
const AGG_ITEM_AFTER = new RegExp(`^(?:the\\s+)?(?<col>.+?)\\s+(?<fn>${AGG_WORD_SOURCE})$`, 'i');

const FN = '(?:(?<fn>sum|total|average|avg|mean|count|number|min|minimum|max|maximum|first)\\s+(?:of\\s+)?(?:the\\s+)?)?';
const PIVOT = [
  new RegExp(`^(?:make\\s+a\\s+|create\\s+a\\s+|build\\s+a\\s+)?pivot(?:\\s+table)?\\s+(?:the\\s+)?(?:data\\s+|table\\s+)?(?:with|using)\\s+(?<index>.+?)\\s+as\\s+(?:the\\s+)?rows?,?\\s+(?<columns>.+?)\\s+as\\s+(?:the\\s+)?columns?,?\\s+(?:and\\s+)?${FN}(?<values>.+?)\\s+as\\s+(?:the\\s+)?values?$`, 'i'),
  new RegExp(`^pivot\\s+(?:the\\s+)?(?<columns>.+?)\\s+(?:values\\s+)?(?:into|to|as)\\s+columns(?:\\s+(?:with|using|showing|of)\\s+${FN}(?<values>.+?))?\\s+(?:by|per|for\\s+each|with\\s+rows?)\\s+(?:the\\s+)?(?<index>.+)$`, 'i'),
  new RegExp(`^(?:make\\s+a\\s+|create\\s+a\\s+|build\\s+a\\s+|show\\s+a\\s+)?pivot(?:\\s+table)?\\s+(?:of\\s+)?${FN}(?<values>.+?)\\s+by\\s+(?:the\\s+)?(?<index>.+?)\\s+and\\s+(?:the\\s+)?(?<columns>.+)$`, 'i'),
  new RegExp(`^pivot\\s+(?:the\\s+)?(?<index>.+?)\\s+(?:by|against|across)\\s+(?:the\\s+)?(?<columns>.+?)(?:\\s+(?:with|using|showing|of)\\s+${FN}(?<values>.+))?$`, 'i'),
];
const UNPIVOT = [
  new RegExp(`^(?:unpivot|melt|stack|gather)\\s+(?:the\\s+)?(?:columns?\\s+)?(?<cols>.+?)(?:\\s+columns?)?(?:\\s+into\\s+(?:rows|long\\s+format))?(?:,?\\s+(?:keeping|with|by)\\s+(?:the\\s+)?(?<ids>.+?)(?:\\s+(?:fixed|as\\s+(?:the\\s+)?ids?|as\\s+identifiers?))?)?(?:\\s+(?:as|into|called)\\s+(?<var>[^\\s]+)\\s+and\\s+(?<val>[^\\s]+))?$`, 'i'),
  new RegExp(`^(?:turn|convert|reshape|transform|move)\\s+(?:the\\s+)?(?:columns?\\s+)?(?<cols>.+?)(?:\\s+columns?)?\\s+(?:into|to)\\s+rows(?:,?\\s+(?:keeping|with|by)\\s+(?:the\\s+)?(?<ids>.+?)(?:\\s+fixed)?)?(?:\\s+(?:as|called)\\s+(?<var>[^\\s]+)\\s+and\\s+(?<val>[^\\s]+))?$`, 'i'),
  new RegExp(`^(?:reshape|convert|transform|make)\\s+(?:the\\s+)?(?:data|table|it)\\s+(?:from\\s+wide\\s+)?(?:to|into)\\s+(?:long|tall)(?:\\s+format)?(?:,?\\s+(?:keeping|with|by)\\s+(?:the\\s+)?(?<ids>.+?)(?:\\s+(?:fixed|as\\s+ids?))?)?$`, 'i'),
];

interface Aggregation {
  column: string;
  fn: string;
  label: string;
}

function parseAggs(text: string, ctx: RuleContext): Aggregation[] {
  const items = splitOutsideQuotes(text, /\s*,\s*(?:and\s+)?|\s+and\s+(?:the\s+)?(?=\S)/gi).map((s) => s.trim()).filter(Boolean);
  const parsed = items.map((item) => {
    const m = matchSegment(toSegment(item), AGG_ITEM) ?? matchSegment(toSegment(item), AGG_ITEM_AFTER);
    const agg = m ? aggregateOf(m.fn!) : null;
    return { item, agg, phrase: (agg ? m!.col : item)?.trim() };
  });
  // "min and max price": a function without a column takes the next item's; "sum amount and quantity": an item
  // without a function takes the previous one's.
  for (let i = parsed.length - 2; i >= 0; i--) {
    if (parsed[i].agg && !parsed[i].phrase && parsed[i].agg![0] !== 'count') parsed[i].phrase = parsed[i + 1].phrase;
  }
  const result: Aggregation[] = [];
  let lastFn: [string, string] | null = null;
  for (const { item, agg, phrase } of parsed) {
    const chosen: [string, string] = agg ?? lastFn ?? ask('ambiguous', `What should I calculate for '${item}' (sum, average, count, ...)?`, ['sum', 'average', 'count', 'min', 'max']);
    const [fn, label] = chosen;
    lastFn = chosen;
    if (fn === 'count' && (!phrase || (ROW_NOUNS.test(phrase) && !ctx.columns.find(phrase)))) {
      result.push({ column: '', fn: 'size', label: 'number of rows' });
      continue;
    }
    if (!phrase) ask('ambiguous', `Which column should I take the ${label} of?`, ctx.schema.map((c) => c.name));
    const column = ctx.columns.one(phrase!.replace(/^(?:of\s+)?(?:the\s+)?/i, ''));
    if (NUMERIC_FUNCTIONS.has(fn)) requireNumbers(ctx, column, `take the ${label} of`);
    result.push({ column, fn, label: `${label} ${column}` });
  }
  return result;
}

function aggregate(keys: string[], aggs: Aggregation[]): RuleResult {
  const aggregations: Record<string, string[]> = {};
  const steps: PlannerStep[] = [];
  for (const a of aggs) {
    const column = a.fn === 'size' ? keys[0] : a.column;
    const list = (aggregations[column] ??= []);
    if (!list.includes(a.fn)) list.push(a.fn);
  }
  const labels = aggs.map((a) => a.label);
  steps.push(step('aggregate', { group_by: keys, aggregations }, `Group rows by ${listWords(keys)} and compute the ${listWords(labels)} for each group`));
  // A row count is computed on the first key ("region_size"); it reads better as "count".
  if (aggs.some((a) => a.fn === 'size')) {
    steps.push(step('rename_columns', { mapping: { [`${keys[0]}_size`]: 'count' } }, `Name the row count column 'count'`));
  }
  return planned(steps);
}

const AGGFUNC: Record<string, string> = { sum: 'sum', total: 'sum', average: 'mean', avg: 'mean', mean: 'mean', count: 'count', number: 'count', min: 'min', minimum: 'min', max: 'max', maximum: 'max', first: 'first' };

/** Grouping: "group by region and sum amount", "average price by category", "count rows by status", pivots and unpivots. */
export const groupsRule: Rule = {
  name: 'groups',
  plan(seg, ctx) {
    for (const re of PIVOT) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.index!) || !ctx.columns.resolves(m.columns!)) continue;
      const index = ctx.columns.many(m.index!);
      const columns = ctx.columns.one(m.columns!);
      const values = m.values ? ctx.columns.one(m.values) : null;
      if (!values) return ask('ambiguous', `Which column's values should fill the pivot table (e.g. "pivot ${index[0]} by ${columns} with sum of amount")?`, ctx.schema.map((c) => c.name).filter((n) => n !== columns && !index.includes(n)));
      const aggfunc = AGGFUNC[(m.fn ?? 'sum').toLowerCase()];
      if (aggfunc === 'sum' || aggfunc === 'mean') requireNumbers(ctx, values, 'sum');
      return planned([step('pivot', { index, columns, values, aggfunc }, `Pivot: one row per ${listWords(index)}, one column per ${columns} value, cells = ${aggfunc} of ${values}`)]);
    }
    for (const re of UNPIVOT) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const names = ctx.schema.map((c) => c.name);
      const ids = m.ids ? ctx.columns.many(m.ids) : null;
      const cols = m.cols && !/^(?:everything|all(?:\s+(?:the\s+)?(?:other\s+)?columns)?)(?:\s+(?:except|but)\s+.+)?$/i.test(m.cols) ? ctx.columns.many(m.cols) : null;
      const id_columns = ids ?? (cols ? names.filter((n) => !cols.includes(n)) : ask('ambiguous', 'Which columns should stay as identifiers, and which become rows?', names));
      const params: Record<string, unknown> = { id_columns };
      if (cols) params.value_columns = cols;
      if (m.var) params.var_name = unquote(m.var);
      if (m.val) params.value_name = unquote(m.val);
      const turned = cols ?? names.filter((n) => !id_columns.includes(n));
      return planned([step('unpivot', params, `Turn the columns ${listWords(turned)} into rows (${(params.var_name as string) ?? 'variable'} / ${(params.value_name as string) ?? 'value'}), keeping ${listWords(id_columns)}`)]);
    }
    const groupBy = matchSegment(seg, GROUP_BY);
    const aggBy = groupBy ? null : matchSegment(seg, AGG_BY);
    const m = groupBy ?? aggBy;
    if (!m || (aggBy && !ctx.columns.resolves(aggBy.keys!))) return null;
    const keys = ctx.columns.many(m.keys!);
    if (!m.aggs) {
      return ask('ambiguous', `What should I calculate for each ${listWords(keys)}? For example "count rows by ${keys[0]}" or "sum amount by ${keys[0]}".`, [`count rows by ${keys[0]}`]);
    }
    return aggregate(keys, parseAggs(m.aggs, ctx));
  },
};
