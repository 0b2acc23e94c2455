import type { Scalar } from '../text/values.js';
import { listWords } from '../clarify.js';
import type { FilterCondition } from './parse-conditions.js';

/** A value as the explanation shows it: text in quotes, numbers and true/false as written. */
export function showValue(value: Scalar): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

const PLAIN: Record<string, string> = {
  eq: 'is', ne: 'is not', gt: 'is greater than', gte: 'is at least', lt: 'is less than', lte: 'is at most',
  contains: 'contains', startswith: 'starts with', endswith: 'ends with', regex: 'matches',
};
const DATES: Record<string, string> = { gt: 'is after', gte: 'is on or after', lt: 'is before', lte: 'is on or before' };

/** "price is greater than 300", "email is blank", "country is one of US and CA". */
export function describeCondition(c: FilterCondition, asDate = false): string {
  const values = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
  switch (c.operator) {
    case 'isnull':
      return `${c.column} is blank`;
    case 'notnull':
      return `${c.column} is not blank`;
    case 'between':
      return `${c.column} is between ${showValue(values[0])} and ${showValue(values[1])}`;
    case 'in':
      return values.length === 1 ? `${c.column} is ${showValue(values[0])}` : `${c.column} is one of ${listWords(values.map(showValue), 'or')}`;
    case 'not_in':
      return values.length === 1 ? `${c.column} is not ${showValue(values[0])}` : `${c.column} is none of ${listWords(values.map(showValue), 'or')}`;
    case 'contains':
    case 'startswith':
    case 'endswith':
      return `${c.column} ${PLAIN[c.operator]} '${String(values[0])}'`;
    case 'regex':
      return `${c.column} matches the pattern ${String(values[0])}`;
    default:
      return `${c.column} ${(asDate && DATES[c.operator]) || PLAIN[c.operator]} ${showValue(values[0])}`;
  }
}

export function describeConditions(conditions: FilterCondition[], logic: 'and' | 'or', dateColumns: readonly string[] = []): string {
  return conditions.map((c) => describeCondition(c, dateColumns.includes(c.column))).join(` ${logic} `);
}
