import { ask, listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { parseInteger, parseNumber, splitList } from '../text/values.js';
import { requireNumbers } from './numeric-text-guard.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';

const INTO = '(?:\\s+(?:into|in|as|called|named)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?';
const ADD = '(?:(?:add|create|compute|calculate|get|show|make|work\\s+out|derive|give\\s+me)\\s+)?(?:a\\s+|an\\s+|the\\s+)?(?:new\\s+)?(?:column\\s+(?:with|for)\\s+(?:the\\s+)?)?';
const BY = '(?:\\s+(?:by|per|for\\s+each|within(?:\\s+each)?|grouped\\s+by|partitioned\\s+by)\\s+(?:the\\s+)?(?<group>.+?))?';

const PERCENT = [
  new RegExp(`^${ADD}(?:percent(?:age)?|share|%|proportion)\\s+of\\s+(?:the\\s+)?total\\s+(?:for|of)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i'),
  new RegExp(`^${ADD}(?<col>.+?)\\s+as\\s+a\\s+(?:percent(?:age)?|share|proportion|fraction)\\s+of\\s+(?:the\\s+)?(?:(?<total>total|sum|column\\s+total|grand\\s+total)|(?<den>.+?))${INTO}$`, 'i'),
  new RegExp(`^${ADD}(?:percent(?:age)?|share|proportion)\\s+(?:of\\s+(?:the\\s+)?)?(?<col>.+?)\\s+(?:of|out\\s+of|over)\\s+(?:the\\s+)?(?:(?<total>total|sum)|(?<den>.+?))${INTO}$`, 'i'),
  new RegExp(`^${ADD}(?:ratio)\\s+of\\s+(?:the\\s+)?(?<col>.+?)\\s+to\\s+(?:the\\s+)?(?<den>.+?)${INTO}$`, 'i'),
];
const RUNNING = new RegExp(`^${ADD}(?:running|cumulative|cummulative|rolling)\\s+(?:total|sum)s?\\s+(?:of|for)\\s+(?:the\\s+)?(?<col>.+?)${BY}${INTO}$`, 'i');
const RUNNING_ALT = new RegExp(`^(?:cumulatively\\s+sum|cumsum|accumulate)\\s+(?:the\\s+)?(?<col>.+?)${BY}${INTO}$`, 'i');
const RANK = new RegExp(`^(?:(?<verb>rank|dense[\\s-]rank|number)\\s+(?:the\\s+)?(?:rows|records|entries|items)?\\s*(?:by|on|according\\s+to|based\\s+on)\\s+(?:the\\s+)?(?<col>.+?)|${ADD}(?<kind>dense\\s+rank|percentile\\s+rank|percent\\s+rank|rank(?:ing)?)(?:\\s+column)?\\s+(?:for|of|by|on|based\\s+on)\\s+(?:the\\s+)?(?<col2>.+?))(?:\\s+(?<dir>descending|desc|ascending|asc|highest\\s+first|lowest\\s+first|from\\s+highest|from\\s+lowest|high\\s+to\\s+low|low\\s+to\\s+high))?${BY}${INTO}$`, 'i');
const NTILE = new RegExp(`^(?:(?:split|divide|bucket|group|put|assign)\\s+(?:the\\s+)?(?:rows\\s+)?(?:by\\s+)?(?<col>.+?)\\s+into\\s+(?<n>\\d+|four|five|ten)\\s+(?:equal(?:[\\s-]sized)?\\s+)?(?<word>quartiles|quintiles|deciles|percentiles|groups|buckets|tiles)|${ADD}(?<word2>quartiles?|quintiles?|deciles?)\\s+(?:of|for|by|based\\s+on)\\s+(?:the\\s+)?(?<col2>.+?))${INTO}$`, 'i');
const BINS = [
  new RegExp(`^(?:bin|bucket|group|band|categori[sz]e|discreti[sz]e|split|cut)\\s+(?:the\\s+)?(?<col>.+?)\\s+into\\s+(?<n>\\d+|two|three|four|five|six|ten)\\s+(?:equal(?:[\\s-]width)?\\s+)?(?:bins|buckets|bands|ranges|groups|intervals|categories)${INTO}$`, 'i'),
  new RegExp(`^(?:bin|bucket|group|band|categori[sz]e|cut)\\s+(?:the\\s+)?(?<col>.+?)\\s+(?:into\\s+(?:ranges|bins|buckets|bands)\\s+)?(?:at|by|using|with|on)\\s+(?:the\\s+)?(?:edges|boundaries|breaks|cut\\s*points|ranges|thresholds)?\\s*(?<edges>-?\\d[\\d.,\\s]*(?:and\\s+-?\\d[\\d.]*)?)(?:\\s+(?:labell?ed|with\\s+labels|called)\\s+(?<labels>.+?))?${INTO}$`, 'i'),
];
const MOVING = new RegExp(`^${ADD}(?:(?<w>\\d+)[\\s-](?:row|day|period|point|month|week)s?[\\s-])?(?:moving|rolling|running|trailing)\\s+(?:average|mean|avg)\\s+(?:of|for)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+(?:over|with\\s+a\\s+window\\s+of|across|using)\\s+(?:the\\s+)?(?:last\\s+)?(?<w2>\\d+)\\s+(?:rows|days|periods|points|months|weeks|values))?${BY}${INTO}$`, 'i');
const SHIFT = [
  new RegExp(`^${ADD}(?<which>previous|prior|last|preceding|next|following)\\s+(?:row'?s\\s+)?(?:value\\s+(?:of|for|in)\\s+)?(?:the\\s+)?(?<col>.+?)(?:\\s+value)?${BY}${INTO}$`, 'i'),
  new RegExp(`^(?<verb>lag|lead|shift)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+by\\s+(?<n>-?\\d+)(?:\\s+rows?)?)?${BY}${INTO}$`, 'i'),
];
const ROW_NUMBER = [
  new RegExp(`^(?:add|create|insert|generate)\\s+(?:a\\s+|an\\s+)?(?:row\\s+numbers?|row\\s+index|index|line\\s+numbers?|sequence\\s+numbers?|serial\\s+numbers?|running\\s+(?:number|count)|row\\s+ids?)(?:\\s+column)?(?:\\s+(?:called|named|as)\\s+(?<into>[^\\s]+))?(?:\\s+(?:starting|beginning)\\s+(?:at|from)\\s+(?<start>-?\\d+))?${BY}$`, 'i'),
  new RegExp(`^number\\s+(?:the\\s+|all\\s+|each\\s+)?(?:rows|records|lines)(?:\\s+(?:starting|beginning)\\s+(?:at|from)\\s+(?<start>-?\\d+))?${BY}$`, 'i'),
];
const UUID = new RegExp(`^(?:add|create|generate|assign|give\\s+each\\s+row)\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?(?<short>short\\s+)?(?:unique\\s+)?(?:uuids?|guids?|unique\\s+ids?|unique\\s+identifiers?|random\\s+ids?|ids?)(?:\\s+(?:column|for\\s+(?:each|every)\\s+row|to\\s+(?:each|every)\\s+row))?(?:\\s+(?:called|named|as)\\s+(?<into>[^\\s]+))?(?:\\s+(?:with|using)\\s+seed\\s+(?<seed>\\d+))?$`, 'i');

const WORD_N: Record<string, number> = { quartile: 4, quartiles: 4, quintile: 5, quintiles: 5, decile: 10, deciles: 10, percentiles: 100 };

function nameOr(into: string | undefined, fallback: string): string {
  return into ? unquote(into) : fallback;
}

const groupOf = (group: string | undefined, ctx: RuleContext) => (group ? ctx.columns.many(group) : null);
const within = (group: string[] | null) => (group ? ` within each ${listWords(group)}` : '');

/** Calculations on a column: percent of total, running totals, ranks, quartiles, bins, moving averages, previous/next values, row numbers, ids. */
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
    const moving = matchSegment(seg, MOVING);
    if (moving) {
      const column = ctx.columns.one(moving.col!);
      requireNumbers(ctx, column, 'average');
      const window = Number(moving.w ?? moving.w2 ?? 3);
      const group = groupOf(moving.group, ctx);
      const new_column = nameOr(moving.into, `${column}_ma_${window}`);
      const params: Record<string, unknown> = { column, window, new_column };
      if (group) params.partition_by = group;
      return planned([step('moving_average', params, `Add ${new_column}: the average of ${column} over the last ${window} rows${within(group)}`)]);
    }
    for (const re of SHIFT) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.col!)) continue;
      const column = ctx.columns.one(m.col!);
      let offset = m.n ? parseInteger(m.n)! : 1;
      let forward = /next|following|lead/i.test(m.which ?? m.verb ?? '');
      if (offset < 0) [offset, forward] = [-offset, !forward];
      const op = forward ? 'lead' : 'lag';
      const new_column = nameOr(m.into, `${column}_${forward ? 'next' : 'previous'}${offset === 1 ? '' : `_${offset}`}`);
      const group = groupOf(m.group, ctx);
      const params: Record<string, unknown> = { column, new_column };
      if (offset !== 1) params.offset = offset;
      if (group) params.partition_by = group;
      const rows = offset === 1 ? 'row' : `${offset} rows`;
      return planned([step(op, params, `Add ${new_column}: the ${column} of the ${forward ? 'next' : 'previous'} ${rows}${within(group)}`)]);
    }
    for (const re of ROW_NUMBER) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const params: Record<string, unknown> = {};
      if (m.into) params.new_column = unquote(m.into);
      if (m.start) params.start = Number(m.start);
      const group = groupOf(m.group, ctx);
      if (group) params.partition_by = group;
      const name = (params.new_column as string | undefined) ?? 'row_num';
      return planned([step('row_number', params, `Add ${name}: row numbers starting at ${m.start ?? 1}${group ? `, restarting for each ${listWords(group)}` : ''}`)]);
    }
    const uuid = matchSegment(seg, UUID);
    if (uuid) {
      const params: Record<string, unknown> = {};
      if (uuid.into) params.new_column = unquote(uuid.into);
      if (uuid.short) params.format = 'short';
      if (uuid.seed) params.seed = Number(uuid.seed);
      const name = (params.new_column as string | undefined) ?? 'uuid';
      return planned([step('generate_uuid', params, `Add ${name}: a random unique id for each row${uuid.short ? ' (8 characters)' : ''}`)]);
    }
    return null;
  },
};
