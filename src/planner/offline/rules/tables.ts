import { ask, listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { splitList } from '../text/values.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';

const TABLE = '(?:the\\s+)?(?<table>[^\\s]+?)(?:\\s+(?:table|file|data|dataset|sheet))?';
const JOIN = new RegExp(`^(?:(?<how>left|right|inner|outer|full(?:\\s+outer)?)\\s+)?(?:join|merge|combine|match)(?:\\s+(?:this|it|the\\s+data))?(?:\\s+(?:with|to|against|on\\s+to|onto))?\\s+${TABLE}\\s+(?:on|using|by|via|matching)\\s+(?:the\\s+)?(?<left>.+?)(?:\\s*(?:=|==|with|to)\\s*(?<right>.+?))?(?:\\s+\\((?<how2>left|right|inner|outer)\\))?$`, 'i');
const UNION = new RegExp(`^(?:append|stack|union|add|concatenate)\\s+(?:the\\s+)?(?:rows\\s+(?:of|from)\\s+)?(?:the\\s+)?(?:tables?\\s+)?(?<tables>.+?)(?:\\s+(?:tables?|files?))?(?:\\s+(?:below|underneath|to\\s+(?:this|the\\s+data|it)|at\\s+the\\s+bottom))?$|^(?:union|stack|combine)\\s+(?:this|it|the\\s+data)?\\s*with\\s+(?<tables2>.+?)(?:\\s+(?:tables?|files?))?$`, 'i');
const LOOKUP = new RegExp(`^(?:look\\s*up|lookup|fetch|pull\\s+in|bring\\s+in|get)\\s+(?:the\\s+)?(?<ret>.+?)\\s+(?:from|in)\\s+${TABLE}\\s+(?:by|using|on|via|matching)\\s+(?:the\\s+)?(?<left>.+?)(?:\\s*(?:=|with|to)\\s*(?<right>.+?))?$`, 'i');

function attached(ctx: RuleContext, name: string): string | null {
  const wanted = unquote(name).toLowerCase();
  return ctx.attachedTables.find((t) => t.toLowerCase() === wanted || t.toLowerCase() === wanted.replace(/\.csv$/, '')) ?? null;
}

function requireTable(ctx: RuleContext, name: string): string {
  const table = attached(ctx, name);
  if (table) return table;
  const list = ctx.attachedTables.length > 0 ? `Attached tables: ${ctx.attachedTables.join(', ')}.` : 'No table is attached yet: attach the other file first.';
  return ask('unsupported', `There is no attached table called '${unquote(name)}'. ${list}`, [...ctx.attachedTables]);
}

const HOW: Record<string, string> = { left: 'left', right: 'right', inner: 'inner', outer: 'outer', full: 'outer', 'full outer': 'outer' };

/** Other tables attached to the session: joins, appending rows, lookups. */
export const tablesRule: Rule = {
  name: 'tables',
  plan(seg, ctx) {
    const join = matchSegment(seg, JOIN);
    // "merge with X on id" is a join only when X is attached; "join" always means one.
    if (join && (attached(ctx, join.table!) || /\bjoin\b/i.test(seg.masked))) {
      const right_table = requireTable(ctx, join.table!);
      const left_on = ctx.columns.many(join.left!);
      const right_on = join.right ? splitList(join.right).map(unquote) : left_on;
      if (right_on.length !== left_on.length) ask('ambiguous', 'Each key column needs a partner in the other table. Which columns match?');
      const how = HOW[(join.how ?? join.how2 ?? 'left').toLowerCase().replace(/\s+/g, ' ')] ?? 'left';
      return planned([step('join_tables', { right_table, left_on, right_on, how }, `Join ${right_table} (${how} join) on ${listWords(left_on.map((l, i) => (l === right_on[i] ? l : `${l} = ${right_on[i]}`)))}`)], 0.85);
    }
    const lookup = matchSegment(seg, LOOKUP);
    if (lookup && attached(ctx, lookup.table!)) {
      const lookup_table = requireTable(ctx, lookup.table!);
      const lookup_column = ctx.columns.one(lookup.left!);
      const return_columns = splitList(lookup.ret!).map(unquote);
      const lookup_key = lookup.right ? unquote(lookup.right) : lookup_column;
      return planned([step('lookup', { lookup_table, lookup_column, lookup_key, return_columns }, `Look up ${listWords(return_columns)} in ${lookup_table} by matching ${lookup_column} to ${lookup_key}`)], 0.85);
    }
    const union = matchSegment(seg, UNION);
    const names = union?.tables ?? union?.tables2;
    if (names) {
      const items = splitList(names);
      if (!items.every((t) => attached(ctx, t))) {
        if (/^(?:append|stack|union)/i.test(seg.text)) items.forEach((t) => requireTable(ctx, t));
        return null;
      }
      const other_tables = items.map((t) => requireTable(ctx, t));
      return planned([step('union_tables', { other_tables }, `Append the rows of ${listWords(other_tables)} below the current rows (columns they share)`)], 0.9);
    }
    return null;
  },
};
