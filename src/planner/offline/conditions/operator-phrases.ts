import type { Operator } from '../../../engine/conditions/schema.js';

export interface OperatorPhrase {
  operator: Operator;
  /** "does not contain": the condition holds where the plain operator does not. */
  negated: boolean;
  /** Regex source of the spellings, longest first. */
  source: string;
  /** Symbols may touch their neighbours ("price>300"); words need spaces around them. */
  symbol: boolean;
}

const words = (operator: Operator, spellings: string[], negated = false): OperatorPhrase => ({
  operator,
  negated,
  symbol: false,
  source: spellings.map((s) => s.replace(/ /g, '\\s+')).join('|'),
});

/** Every way a request may spell a comparison, more specific spellings first. */
export const OPERATOR_PHRASES: OperatorPhrase[] = [
  { operator: 'gte', negated: false, symbol: true, source: '>=|≥|=>' },
  { operator: 'lte', negated: false, symbol: true, source: '<=|≤|=<' },
  { operator: 'ne', negated: false, symbol: true, source: '!=|<>|≠' },
  { operator: 'eq', negated: false, symbol: true, source: '==|=' },
  { operator: 'gt', negated: false, symbol: true, source: '>' },
  { operator: 'lt', negated: false, symbol: true, source: '<' },
  words('gte', ['is greater than or equal to', 'greater than or equal to', 'is more than or equal to', 'is at least', 'at least', 'is no less than', 'no less than', 'is not less than', 'is on or after', 'on or after', 'is not before', 'since']),
  words('lte', ['is less than or equal to', 'less than or equal to', 'is at most', 'at most', 'is no more than', 'no more than', 'is not more than', 'is on or before', 'on or before', 'is not after', 'up to']),
  words('gt', ['is greater than', 'greater than', 'is more than', 'more than', 'is bigger than', 'bigger than', 'is larger than', 'larger than', 'is higher than', 'higher than', 'is over', 'over', 'is above', 'above', 'exceeds', 'exceed', 'is after', 'after', 'is later than', 'later than']),
  words('lt', ['is less than', 'less than', 'is fewer than', 'fewer than', 'is smaller than', 'smaller than', 'is lower than', 'lower than', 'is under', 'under', 'is below', 'below', 'is before', 'before', 'is earlier than', 'earlier than']),
  words('contains', ["does not contain", "doesn't contain", 'do not contain', "don't contain", 'not containing', 'does not include', "doesn't include"], true),
  words('contains', ['contains', 'contain', 'containing', 'includes', 'include', 'including', 'has the word', 'has']),
  words('startswith', ['does not start with', "doesn't start with", 'does not begin with', "doesn't begin with", 'not starting with'], true),
  words('startswith', ['starts with', 'start with', 'starting with', 'begins with', 'begin with', 'beginning with']),
  words('endswith', ['does not end with', "doesn't end with", 'not ending with'], true),
  words('endswith', ['ends with', 'end with', 'ending with']),
  words('regex', ['matches the pattern', 'matches pattern', 'matches the regex', 'matches regex', 'matches', 'match']),
  words('not_in', ['is not one of', 'not one of', 'is not in', 'not in', 'is none of', 'none of', 'is neither']),
  words('in', ['is one of', 'one of', 'is any of', 'any of', 'is either', 'is in', 'in']),
  words('ne', ['is not equal to', 'not equal to', 'does not equal', "doesn't equal", 'is not', "isn't", 'are not', "aren't", 'was not', "wasn't"]),
  words('eq', ['is equal to', 'equal to', 'equals', 'is', 'are', 'was', 'were']),
];

/** Operators whose words also read as dates ("before", "after", "since"). */
export const ORDERED: ReadonlySet<Operator> = new Set(['gt', 'gte', 'lt', 'lte', 'between']);
