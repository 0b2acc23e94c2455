import type { Operator } from '../../../engine/conditions/schema.js';
import { parseDateText } from '../../../engine/values/dates/index.js';
import { ask } from '../clarify.js';
import { columnProfile, columnType, type RuleContext } from '../rules/rule.js';
import { isQuoted, unquote } from '../text/quotes.js';
import { parseNumber, splitList, type Scalar } from '../text/values.js';
import { ORDERED } from './operator-phrases.js';

const TEXT_OPERATORS: ReadonlySet<Operator> = new Set(['contains', 'startswith', 'endswith', 'regex']);
const TRUE_WORDS = /^(?:true|yes|y|t|1)$/i;
const FALSE_WORDS = /^(?:false|no|n|f|0)$/i;

export interface TypedValue {
  value: Scalar | Scalar[] | undefined;
  /** The column must be converted first so the comparison means what the request says. */
  convertTo: 'float' | 'datetime' | null;
}

const looksLikeDate = (text: string) => /\d/.test(text) && parseDateText(unquote(text)) !== null;

function listOf(operator: Operator, raw: string): string[] {
  if (operator === 'between') return raw.split(/\s+(?:and|to|-)\s+/i);
  if (operator === 'in' || operator === 'not_in') return splitList(raw);
  return [raw];
}

/** Strips words that close a clause without being part of the value ("300 only", "US rows"). */
function bareValue(raw: string): string {
  if (isQuoted(raw)) return raw;
  return raw.replace(/\s+(?:only|rows?|records?|entries|values?)$/i, '').trim();
}

/**
 * The condition value as the column's type expects it (§3.3): numbers for numeric columns, booleans for boolean
 * ones, text otherwise. Ordered comparisons on text that holds numbers or dates convert the column first (§3.3:
 * "the planner inserts that step when a request compares dates in a string column").
 */
export function typedConditionValue(column: string, operator: Operator, raw: string | null, ctx: RuleContext): TypedValue {
  if (raw === null) return { value: undefined, convertTo: null };
  const items = listOf(operator, bareValue(raw)).map(bareValue);
  const many = operator === 'between' || operator === 'in' || operator === 'not_in';
  const wrap = (values: Scalar[]): Scalar | Scalar[] => (many ? values : values[0]);
  if (TEXT_OPERATORS.has(operator)) return { value: unquote(items[0]), convertTo: null };
  const type = columnType(ctx, column);
  if (type === 'integer' || type === 'float') {
    const numbers = items.map((item) => {
      const n = parseNumber(item);
      return n ?? ask('ambiguous', `'${column}' holds numbers, but '${unquote(item)}' is not a number. What value did you mean?`);
    });
    return { value: wrap(numbers), convertTo: null };
  }
  if (type === 'boolean') {
    const flags = items.map((item) => {
      const t = unquote(item);
      if (TRUE_WORDS.test(t)) return true;
      if (FALSE_WORDS.test(t)) return false;
      return ask('ambiguous', `'${column}' holds true/false values, but '${t}' is neither. Did you mean true or false?`, ['true', 'false']);
    });
    return { value: wrap(flags), convertTo: null };
  }
  if (type === 'datetime') {
    for (const item of items) {
      if (!looksLikeDate(item)) ask('ambiguous', `'${column}' holds dates, but '${unquote(item)}' is not a date I can read. Which date did you mean (e.g. 2024-01-31)?`);
    }
    return { value: wrap(items.map(unquote)), convertTo: null };
  }
  const profile = columnProfile(ctx, column);
  const numbers = items.map((item) => (isQuoted(item) ? null : parseNumber(item)));
  if (ORDERED.has(operator) && numbers.every((n) => n !== null)) {
    if (profile?.semantic_type === 'numeric') return { value: wrap(numbers as number[]), convertTo: 'float' };
    if (profile?.semantic_type === 'currency' || profile?.semantic_type === 'percentage') {
      const example = profile.sample_values.find((v) => typeof v === 'string' && parseNumber(v) === null) ?? profile.sample_values[0];
      ask('ambiguous', `'${column}' is stored as text (e.g. '${String(example)}'), so it cannot be compared as a number yet. Clean it first, e.g. "remove $ from ${column}" then "convert ${column} to number".`, [`remove $ from ${column}`, `convert ${column} to number`]);
    }
  }
  const isDateColumn = profile?.inferred_type === 'date' || profile?.inferred_type === 'datetime';
  if (isDateColumn && operator !== 'in' && operator !== 'not_in' && items.every(looksLikeDate)) {
    return { value: wrap(items.map(unquote)), convertTo: 'datetime' };
  }
  return { value: wrap(items.map(unquote)), convertTo: null };
}
