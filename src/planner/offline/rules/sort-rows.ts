import { listWords } from '../clarify.js';
import { matchSegment, toSegment } from '../text/segment.js';
import { splitOutsideQuotes } from '../text/split-outside-quotes.js';
import { parseInteger } from '../text/values.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';
import { ROWS } from './vocabulary.js';

const DESC = '(?:desc|descending|in\\s+descending\\s+order|(?:from\\s+)?high(?:est)?\\s+to\\s+low(?:est)?|highest\\s+first|largest\\s+first|biggest\\s+first|most\\s+first|newest\\s+first|latest\\s+first|most\\s+recent\\s+first|(?:from\\s+)?z\\s+to\\s+a|z-a|reversed?|in\\s+reverse(?:\\s+order)?|decreasing|(?:from\\s+)?(?:big|large)\\s+to\\s+small|(?:from\\s+)?newest\\s+to\\s+oldest|(?:from\\s+)?latest\\s+to\\s+earliest)';
const ASC = '(?:asc|ascending|in\\s+ascending\\s+order|(?:from\\s+)?low(?:est)?\\s+to\\s+high(?:est)?|lowest\\s+first|smallest\\s+first|oldest\\s+first|earliest\\s+first|(?:from\\s+)?a\\s+to\\s+z|a-z|alphabetically|alphabetical|in\\s+alphabetical\\s+order|increasing|(?:from\\s+)?small\\s+to\\s+(?:big|large)|(?:from\\s+)?oldest\\s+to\\s+newest|chronologically|in\\s+chronological\\s+order)';
const NULLS = '(?:,?\\s+(?:with\\s+|and\\s+)?(?:the\\s+)?(?:blanks|nulls|empty\\s+values|missing\\s+values|empties)\\s+(?<nulls>first|last|at\\s+the\\s+top|at\\s+the\\s+bottom|on\\s+top|at\\s+the\\s+end))?';
const VERB = '(?:sort|order|arrange|organi[sz]e|rearrange|re-?sort)';
const WHAT = `(?:\\s+(?:the\\s+)?(?:${ROWS}|table|list|dataset|file|sheet|it))?`;

const SORT_BY = new RegExp(`^(?<rev>reverse\\s+)?${VERB}${WHAT}(?:\\s+(?<pre>${DESC}|${ASC}))?\\s+(?:by|on|using|according\\s+to|based\\s+on)\\s+(?<keys>.+?)${NULLS}$`, 'i');
const SORT_PLAIN = new RegExp(`^(?<rev>reverse\\s+)?${VERB}\\s+(?!by\\b)(?<keys>.+?)${NULLS}$`, 'i');
const TOP_BY = new RegExp(`^(?:(?:keep|show|take|get|give\\s+me|find|list|select|return)\\s+)?(?:only\\s+)?(?:the\\s+)?(?<dir>top|bottom|highest|lowest|largest|smallest|biggest)\\s+(?<n>\\d+|one|two|three|five|ten)\\s+(?:${ROWS}\\s+)?(?:by|on|in|for|based\\s+on|with\\s+the\\s+(?:highest|lowest|largest|smallest))\\s+(?<col>.+)$`, 'i');
const N_HIGHEST = new RegExp(`^(?:(?:keep|show|take|get|give\\s+me|find|list|select|return)\\s+)?(?:only\\s+)?(?:the\\s+)?(?<n>\\d+|one|two|three|five|ten)\\s+(?<dir>highest|lowest|largest|smallest|biggest|greatest|most\\s+expensive|cheapest|latest|newest|earliest|oldest)\\s+(?<col>.+)$`, 'i');

interface Key {
  column: string;
  ascending: boolean;
}

function parseKeys(raw: string, defaultAscending: boolean, ctx: RuleContext): Key[] {
  // "price (desc)": a direction in brackets reads like one without.
  const text = raw.replace(/\s*\(([^()]*)\)/g, ' $1');
  const parts = splitOutsideQuotes(text, /\s*,\s*(?:and\s+)?(?:then\s+)?(?:by\s+)?|\s+then\s+(?:by\s+)?|\s+and\s+(?:then\s+)?(?:by\s+)?/gi).filter((p) => p.trim());
  const keys: Key[] = [];
  for (const part of parts) {
    // "order by order_date, newest first": a direction alone belongs to the key before it.
    const alone = new RegExp(`^(?:in\\s+)?(?:(?<desc>${DESC})|(?<asc>${ASC}))(?:\\s+order)?$`, 'i').exec(part.trim());
    if (alone && keys.length > 0) {
      keys[keys.length - 1].ascending = !alone.groups!.desc;
      continue;
    }
    const m = matchSegment(toSegment(part.trim()), new RegExp(`^(?:the\\s+)?(?<col>.+?)(?:\\s+(?:in\\s+)?(?:(?<desc>${DESC})|(?<asc>${ASC})))?(?:\\s+order)?$`, 'i'));
    const column = ctx.columns.one(m!.col!);
    keys.push({ column, ascending: m!.desc ? false : m!.asc ? true : defaultAscending });
  }
  return keys;
}

function describe(keys: Key[]): string {
  return listWords(keys.map((k) => `${k.column} (${k.ascending ? 'ascending' : 'descending'})`), 'then');
}

function sortStep(keys: Key[], nulls?: string) {
  const directions = keys.map((k) => k.ascending);
  const ascending = directions.every((d) => d === directions[0]) ? directions[0] : directions;
  const params: Record<string, unknown> = { columns: keys.map((k) => k.column), ascending };
  if (nulls) params.na_position = /first|top/i.test(nulls) ? 'first' : 'last';
  const blanks = nulls ? `, blanks ${params.na_position}` : '';
  return step('sort_rows', params, `Sort rows by ${describe(keys)}${blanks}`);
}

/** Sorting ("sort by amount descending", "order by last_name, then first_name") and "top 10 rows by amount". */
export const sortRowsRule: Rule = {
  name: 'sort-rows',
  plan(seg, ctx) {
    const top = matchSegment(seg, TOP_BY) ?? matchSegment(seg, N_HIGHEST);
    if (top) {
      const column = ctx.columns.one(top.col!);
      const ascending = /bottom|lowest|smallest|cheapest|earliest|oldest/i.test(top.dir!);
      const n = parseInteger(top.n!)!;
      return planned([sortStep([{ column, ascending }]), step('head_rows', { n }, `Keep only the first ${n} rows (the ${ascending ? 'lowest' : 'highest'} ${column})`)]);
    }
    const m = matchSegment(seg, SORT_BY) ?? matchSegment(seg, SORT_PLAIN);
    if (!m) return null;
    const pre = m.pre ? new RegExp(`^${DESC}$`, 'i').test(m.pre) === false : true;
    const keys = parseKeys(m.keys!, m.rev ? false : pre, ctx);
    return planned([sortStep(keys, m.nulls)]);
  },
};
