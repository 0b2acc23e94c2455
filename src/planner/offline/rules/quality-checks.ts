import { ask, listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { isAllColumns } from './all-columns.js';
import { requireNumbers } from './numeric-text-guard.js';
import { columnProfile, columnsOfKind, isNumericType, planned, step, type Rule, type RuleContext } from './rule.js';
import { KEEP, REMOVE } from './vocabulary.js';

const OUTLIER = '(?:outliers?|extreme\\s+values?|anomal(?:y|ies)|unusual\\s+values?)';
const OUTLIERS = [
  new RegExp(`^(?<verb>${REMOVE})\\s+(?:all\\s+|the\\s+|any\\s+)*(?:rows\\s+with\\s+)?${OUTLIER}(?:\\s+(?:from|in|of|on|for)\\s+(?:the\\s+)?(?<col>.+?))?$`, 'i'),
  new RegExp(`^(?<verb>${REMOVE})\\s+(?:all\\s+|the\\s+|any\\s+)*(?<col>.+?)\\s+${OUTLIER}$`, 'i'),
  new RegExp(`^(?<verb>flag|mark|identify|detect|find|highlight|tag)\\s+(?:all\\s+|the\\s+|any\\s+)*${OUTLIER}(?:\\s+(?:in|of|on|for)\\s+(?:the\\s+)?(?<col>.+?))?$`, 'i'),
];
const PATTERN_TYPES: Array<[RegExp, string]> = [
  [/e-?mails?(?:\s+addresses)?/i, 'email'], [/phones?(?:\s+numbers)?/i, 'phone'], [/urls?|links?|websites?/i, 'url'],
  [/zip(?:\s*codes?)?|postal\s+codes?|postcodes?/i, 'zipcode'], [/ssns?|social\s+security(?:\s+numbers)?/i, 'ssn'], [/dates?/i, 'date'],
];
const KIND = '(?<kind>e-?mails?(?:\\s+addresses)?|phones?(?:\\s+numbers)?|urls?|links?|websites?|zip(?:\\s*codes?)?|postal\\s+codes?|postcodes?|ssns?|dates?)';
const INVALID = [
  new RegExp(`^(?<verb>${REMOVE})\\s+(?:all\\s+|the\\s+|any\\s+)*(?:rows\\s+(?:with|that\\s+have|having)\\s+(?:an?\\s+)?)?(?:invalid|bad|malformed|broken|wrong|incorrect|bogus|fake)\\s+${KIND}(?:\\s+(?:in|from)\\s+(?:the\\s+)?(?<col>.+?))?$`, 'i'),
  new RegExp(`^(?<verb>${KEEP})\\s+(?:only\\s+)?(?:the\\s+)?(?:rows\\s+(?:with|that\\s+have|having)\\s+(?:an?\\s+)?)?valid\\s+${KIND}(?:\\s+(?:in|from)\\s+(?:the\\s+)?(?<col>.+?))?$`, 'i'),
  new RegExp(`^(?<verb>validate|check|verify|test|flag|mark)\\s+(?:whether\\s+|which\\s+|that\\s+|if\\s+)?(?:all\\s+|the\\s+|any\\s+)*(?:invalid\\s+)?${KIND}(?:\\s+(?:in\\s+(?:the\\s+)?(?<col>.+?)))?(?:\\s+(?:are|is)\\s+valid)?$`, 'i'),
];
const NULL_REPORT = [
  /^(?:check|look|scan|search)\s+(?:for\s+)?(?:the\s+)?(?:missing|blank|null|empty)\s+(?:values|cells|data)(?:\s+in\s+(?:the\s+)?(?<cols>.+?))?$/i,
  /^(?:count|report|find|detect|show|list)\s+(?:the\s+)?(?:missing|blank|null|empty)\s+(?:values|cells)(?:\s+(?:per|in\s+each|by)\s+column)?(?:\s+in\s+(?:the\s+)?(?<cols>.+?))?$/i,
  /^(?<flag>flag|mark|tag|highlight)\s+(?:the\s+)?(?:rows|records)\s+(?:with|that\s+have|having|containing)\s+(?:any\s+)?(?:missing|blank|null|empty)\s+(?:values|cells|data|fields)(?:\s+in\s+(?:the\s+)?(?<cols>.+?))?$/i,
  /^(?<count>add|create)\s+(?:a\s+)?(?:column\s+(?:with|counting)\s+(?:the\s+)?)?(?:number|count)\s+of\s+(?:missing|blank|null|empty)\s+(?:values|cells)\s+(?:per|in\s+each|for\s+each)\s+row$/i,
];
const PROFILE = [
  /^(?:profile|describe|summari[sz]e|analy[sz]e|inspect|examine)\s+(?:the\s+)?(?<col>.+?)(?:\s+column)?$/i,
  /^(?:show|give|get)\s+(?:me\s+)?(?:the\s+)?(?:stats|statistics|summary|summary\s+statistics|a\s+profile|profile|distribution|details)\s+(?:of|for|on)\s+(?:the\s+)?(?<col>.+?)(?:\s+column)?$/i,
  /^(?:stats|statistics)\s+(?:of|for|on)\s+(?:the\s+)?(?<col>.+?)$/i,
];
const HEADER = [
  /^(?:detect|find|fix|locate|use)\s+(?:the\s+)?(?:real\s+|actual\s+|correct\s+|right\s+)?header(?:\s+row)?(?:\s+automatically)?$/i,
  /^(?:the\s+)?(?:header|column\s+names)\s+(?:is|are)\s+(?:not\s+in\s+the\s+first\s+row|in\s+the\s+wrong\s+row|wrong)$/i,
];

function validColumn(kind: string, col: string | undefined, ctx: RuleContext): [string, string] {
  const pattern_type = PATTERN_TYPES.find(([re]) => re.test(kind))![1];
  if (col) return [ctx.columns.one(col), pattern_type];
  const semantic = pattern_type === 'date' ? ['date', 'datetime'] : [pattern_type];
  const found = columnsOfKind(ctx, ...semantic);
  if (found.length === 1) return [found[0], pattern_type];
  const byName = ctx.columns.resolves(kind) ? ctx.columns.one(kind) : null;
  if (byName) return [byName, pattern_type];
  return ask('ambiguous', `Which column holds the ${kind}?`, found.length > 0 ? found : ctx.schema.map((c) => c.name));
}

function outlierColumns(col: string | undefined, ctx: RuleContext): string[] {
  if (col && !isAllColumns(col)) {
    const columns = ctx.columns.many(col);
    columns.forEach((c) => requireNumbers(ctx, c, 'find outliers in'));
    return columns;
  }
  const found = ctx.schema.filter((c) => isNumericType(c.type) && (columnProfile(ctx, c.name)?.statistics?.outlier_count ?? 0) > 0).map((c) => c.name);
  if (found.length === 0) return ask('ambiguous', 'The profile shows no outliers in a number column. Which column do you mean?', ctx.schema.filter((c) => isNumericType(c.type)).map((c) => c.name));
  return found;
}

function bounds(ctx: RuleContext, column: string): [number, number] {
  const b = columnProfile(ctx, column)?.statistics?.outlier_bounds;
  return b ?? ask('ambiguous', `I don't know the normal range of ${column} yet (it was created in this request). Please give the range, e.g. "keep rows where ${column} is between 0 and 100".`);
}

/** Data quality: outliers (by the profile's IQR bounds), invalid emails/phones/zip codes, missing-value reports, column profiles, header detection. */
export const qualityChecksRule: Rule = {
  name: 'quality-checks',
  plan(seg, ctx) {
    for (const re of OUTLIERS) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const columns = outlierColumns(m.col, ctx);
      if (/^(?:flag|mark|identify|detect|find|highlight|tag)$/i.test(m.verb!)) {
        return planned(columns.map((column) => {
          const [low, high] = bounds(ctx, column);
          return step('is_between', { column, min_value: low, max_value: high, new_column: `${column}_in_range` }, `Add ${column}_in_range: true when ${column} is within the normal range ${low} to ${high} (outliers get false)`);
        }));
      }
      const conditions = columns.map((column) => ({ column, operator: 'between', value: bounds(ctx, column), match_null: true }));
      const ranges = conditions.map((c) => `${c.column} outside ${c.value[0]} to ${c.value[1]}`);
      return planned([step('filter_rows', { conditions, logic: 'and', keep: true }, `Remove outlier rows (${listWords(ranges)}; blanks are kept)`)]);
    }
    for (const re of INVALID) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const [column, pattern_type] = validColumn(m.kind!, m.col, ctx);
      const flag = `${column}_valid`;
      const validate = step('validate_pattern', { column, pattern_type, add_valid_flag: true }, `Add ${flag}: whether ${column} is a valid ${pattern_type}`);
      if (/^(?:validate|check|verify|test|flag|mark)$/i.test(m.verb!)) return planned([validate]);
      return planned([
        validate,
        step('filter_rows', { conditions: [{ column: flag, operator: 'eq', value: false }], keep: false }, `Remove rows where ${column} is not a valid ${pattern_type}`),
        step('remove_columns', { columns: [flag] }, `Remove the helper column ${flag}`),
      ]);
    }
    for (const re of NULL_REPORT) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const params: Record<string, unknown> = {};
      if (m.cols && !isAllColumns(m.cols)) params.columns = ctx.columns.many(m.cols);
      if (m.flag) params.add_null_flag = true;
      if (m.count) params.add_null_count = true;
      const what = m.flag ? 'Add _has_null: whether the row has a blank cell' : m.count ? 'Add _null_count: the number of blank cells in each row' : 'Count the blank cells in each column (a report; the data is unchanged)';
      return planned([step('detect_nulls', params, what)]);
    }
    for (const re of PROFILE) {
      const m = matchSegment(seg, re);
      if (!m || isAllColumns(m.col) || !ctx.columns.resolves(m.col!)) continue;
      const column = ctx.columns.one(m.col!);
      return planned([step('profile_column', { column }, `Profile ${column}: counts, distinct values, statistics and top values (a report; the data is unchanged)`)]);
    }
    if (HEADER.some((re) => matchSegment(seg, re))) {
      return planned([step('detect_header', { apply_header: true }, 'Find the real header row and use it as the column names, removing the rows above it')], 0.8);
    }
    return null;
  },
};
