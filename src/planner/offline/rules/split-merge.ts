import { ask, listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { parseDelimiter, parseInteger, splitList } from '../text/values.js';
import { knownValues } from './known-values.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';

const SEP = '(?:(?:on|by|at|using|with|around)\\s+(?:the\\s+|an?\\s+|each\\s+|every\\s+)?|(?:separated|delimited|split)\\s+by\\s+(?:the\\s+|an?\\s+)?)(?<sep>.+?)';
const JOIN_SEP = '(?:(?:with|using)\\s+(?:an?\\s+|the\\s+)?(?<sep>.+?)(?:\\s+(?:in\\s+between|between(?:\\s+them)?|as\\s+(?:the\\s+)?separator|separator))?|separated\\s+by\\s+(?:an?\\s+|the\\s+)?(?<sep2>.+?))';
const KEEP = '(?<keep>,?\\s+(?:and\\s+)?(?:keep(?:ing)?|leave|leaving|preserv(?:e|ing))\\s+(?:the\\s+)?(?:original|source|old)(?:\\s+columns?)?(?:\\s+(?:too|as\\s+well))?)?';

const SPLIT = [
  new RegExp(`^(?:split|separate|break(?:\\s+up)?)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+column)?\\s+into\\s+(?<into>.+?)(?:\\s+columns?)?(?:\\s+${SEP})?${KEEP}$`, 'i'),
  new RegExp(`^(?:split|separate|break(?:\\s+up)?)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+column)?\\s+${SEP}(?:\\s+into\\s+(?<into>.+?)(?:\\s+columns?)?)?${KEEP}$`, 'i'),
  new RegExp(`^(?:split|separate)\\s+(?:the\\s+)?(?<col>.+?)$`, 'i'),
];
const EXPLODE = [
  new RegExp(`^(?:split|separate|break(?:\\s+up)?|expand|explode|unnest)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+column)?\\s+(?:values\\s+)?(?:into|to|across)\\s+(?:separate\\s+|multiple\\s+|individual\\s+|their\\s+own\\s+|new\\s+)?rows(?:\\s+${SEP})?$`, 'i'),
  new RegExp(`^(?:explode|unnest)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+column)?(?:\\s+${SEP})?$`, 'i'),
  new RegExp(`^(?:make|create|give)\\s+one\\s+row\\s+(?:per|for\\s+each)\\s+(?:value\\s+(?:in|of)\\s+)?(?:the\\s+)?(?<col>.+?)(?:\\s+value)?(?:\\s+${SEP})?$`, 'i'),
];
const MERGE = [
  new RegExp(`^(?<verb>merge|combine|join|concatenate|concat|glue|put\\s+together)\\s+(?:the\\s+)?(?:columns?\\s+)?(?<cols>.+?)(?:\\s+columns?)?\\s+(?:into|as|to\\s+(?:make|create|form))\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+?)(?:\\s+column)?(?:\\s+${JOIN_SEP})?${KEEP}$`, 'i'),
  new RegExp(`^(?<verb>merge|combine|join|concatenate|concat|glue|put\\s+together)\\s+(?:the\\s+)?(?:columns?\\s+)?(?<cols>.+?)(?:\\s+columns?)?\\s+${JOIN_SEP}(?:\\s+(?:into|as)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?${KEEP}$`, 'i'),
  new RegExp(`^(?<verb>merge|combine|join|concatenate|concat|glue|put\\s+together)\\s+(?:the\\s+)?(?:columns?\\s+)?(?<cols>.+?)(?:\\s+columns?)?${KEEP}$`, 'i'),
  new RegExp(`^(?<verb>create|make|build|add)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?<into>[^\\s]+)\\s+(?:column\\s+)?(?:by\\s+)?(?:combining|merging|joining|concatenating|from)\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s+${JOIN_SEP})?${KEEP}$`, 'i'),
];
const COALESCE = [
  new RegExp(`^coalesce\\s+(?:the\\s+)?(?<cols>.+?)(?:\\s+(?:into|as)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?$`, 'i'),
  new RegExp(`^(?:use|take)\\s+(?:the\\s+)?(?<a>.+?)\\s+(?:when|where|if)\\s+(?:the\\s+)?(?<b>.+?)\\s+is\\s+(?:blank|empty|missing|null)$`, 'i'),
  new RegExp(`^(?:use|take)\\s+the\\s+first\\s+non-?(?:blank|empty|null|missing)\\s+(?:value\\s+)?(?:of|from|among)\\s+(?<cols>.+?)(?:\\s+(?:into|as)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?$`, 'i'),
];

function separator(raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  const sep = parseDelimiter(raw.replace(/\s+(?:sign|symbol|character|separator|delimiter)$/i, ''));
  return sep ?? ask('ambiguous', `Which separator do you mean by '${raw}'? Put it in quotes, e.g. ','.`);
}

/** The separator a column's values use, guessed from the values the profile shows (", " before "," … before " "). */
function guessSeparator(ctx: RuleContext, column: string, fallback: string): string {
  const values = knownValues(ctx, column).map((v) => v.trim());
  return [', ', ',', ';', '|', ' - ', '/', ' '].find((sep) => values.some((v) => v.includes(sep))) ?? fallback;
}

function newColumns(into: string | undefined, column: string): string[] {
  if (!into) return [`${column}_1`, `${column}_2`];
  const count = parseInteger(into.replace(/\s+(?:parts|pieces|columns)$/i, ''));
  if (count !== null && count >= 2 && count <= 20) return Array.from({ length: count }, (_, i) => `${column}_${i + 1}`);
  return splitList(into).map((n) => unquote(n).replace(/\s+/g, '_'));
}

/** "split price into 4 quartiles" groups rows; that is the calculations rule's. */
const QUANTILES = /^(?:\d+|two|three|four|five|ten)\s+(?:equal(?:[\s-]\w+)?\s+)?(?:quartiles|quintiles|deciles|percentiles|groups|buckets|bins|ranges|bands|tiles|intervals|categories)$/i;

const sepWords = (sep: string) => (sep === ' ' ? 'a space' : sep === ', ' ? "', '" : `'${sep}'`);

/** Splitting ("split full_name into first_name and last_name"), splitting into rows, merging ("combine first and last name into full_name") and coalescing. */
export const splitMergeRule: Rule = {
  name: 'split-merge',
  plan(seg, ctx) {
    for (const re of EXPLODE) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const column = ctx.columns.one(m.col!);
      const delimiter = separator(m.sep, guessSeparator(ctx, column, ',').trim() || ',');
      return planned([step('explode_column', { column, delimiter }, `Split ${column} at ${sepWords(delimiter)} into one row per value`)]);
    }
    // "split tags into a and b on comma" and "separate email by '@' into user and domain" put the parts in either
    // order: the reading whose column exists wins.
    const splits = SPLIT.map((re, i) => ({ m: matchSegment(seg, re), bare: i === SPLIT.length - 1 })).filter((x) => x.m !== null);
    const split = (splits.find((x) => ctx.columns.resolves(x.m!.col!)) ?? splits.find((x) => !x.bare))?.m;
    if (split && !(split.into && QUANTILES.test(split.into))) {
      const m = split;
      const column = ctx.columns.one(m.col!);
      const new_columns = newColumns(m.into, column);
      const delimiter = separator(m.sep, guessSeparator(ctx, column, ' '));
      const params: Record<string, unknown> = { column, delimiter, new_columns };
      if (m.keep) params.keep_original = true;
      return planned([step('split_column', params, `Split ${column} at ${sepWords(delimiter)} into ${listWords(new_columns)}${m.keep ? ', keeping the original' : ''}`)]);
    }
    for (const re of COALESCE) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const columns = m.cols ? ctx.columns.many(m.cols) : [ctx.columns.one(m.b!), ctx.columns.one(m.a!)];
      const new_column = m.into ? unquote(m.into) : columns[0];
      return planned([step('coalesce', { columns, new_column }, `Set ${new_column} to the first non-blank value of ${listWords(columns)}`)]);
    }
    const merges = MERGE.map((re) => matchSegment(seg, re)).filter((m) => m !== null);
    const merge = merges.find((m) => splitList(m!.cols!).every((c) => ctx.columns.resolves(c)) || ctx.columns.find(m!.cols!) !== null) ?? merges[0];
    if (merge) {
      const m = merge;
      const columns = ctx.columns.many(m.cols!);
      if (columns.length < 2) return ask('ambiguous', `Which columns should I combine with ${columns[0]}?`, ctx.schema.map((c) => c.name).filter((n) => n !== columns[0]));
      const new_column = m.into ? unquote(m.into) : columns.join('_');
      const concat = /^concat/i.test(m.verb!);
      const sep = separator(m.sep ?? m.sep2, concat ? '' : ' ');
      const params: Record<string, unknown> = { columns, new_column };
      if (concat) {
        if (sep !== '') params.separator = sep;
        return planned([step('concat_columns', params, `Concatenate ${listWords(columns)} into ${new_column}${sep ? ` with ${sepWords(sep)} between` : ''}`)]);
      }
      params.separator = sep;
      if (m.keep) params.keep_original = true;
      return planned([step('merge_columns', params, `Combine ${listWords(columns)} into ${new_column} with ${sepWords(sep)} between${m.keep ? ', keeping the originals' : ''}`)]);
    }
    return null;
  },
};
