import type { Operator } from '../../../engine/conditions/schema.js';
import type { RuleContext } from '../rules/rule.js';
import { matchSegment, toSegment } from '../text/segment.js';
import { maskQuoted } from '../text/quotes.js';
import { OPERATOR_PHRASES } from './operator-phrases.js';

/** One comparison as written: the column phrase, the operator and the value text. */
export interface RawClause {
  column: string;
  operator: Operator;
  value: string | null;
  negated: boolean;
  /** Only a column was written ("email or notes is blank"): it takes the comparison of the next clause. */
  bare?: boolean;
}

const NULL_WORDS = 'blank|empty|missing|null|nan|not set|not provided|not filled(?:\\s+in)?|unfilled';
const IS = "(?:is|are|was|were)";
const ISNT = "(?:is\\s+not|are\\s+not|isn't|aren't|was\\s+not|wasn't)";

const NULL_PATTERNS: Array<[RegExp, Operator]> = [
  [new RegExp(`^(?<col>.+?)\\s+${ISNT}\\s+(?:${NULL_WORDS})$`, 'i'), 'notnull'],
  [new RegExp(`^(?<col>.+?)\\s+${IS}\\s+(?:present|filled(?:\\s+in)?|set|provided|not\\s+blank|not\\s+empty)$`, 'i'), 'notnull'],
  [/^(?<col>.+?)\s+(?:has|have)\s+(?:a\s+)?(?:value|values|data)$/i, 'notnull'],
  [/^(?<col>.+?)\s+(?:exists|is\s+known)$/i, 'notnull'],
  [new RegExp(`^(?<col>.+?)\\s+${IS}\\s+(?:${NULL_WORDS})$`, 'i'), 'isnull'],
  [/^(?<col>.+?)\s+(?:has|have)\s+no\s+(?:value|values|data|entry)$/i, 'isnull'],
  [/^(?:an?\s+|the\s+)?(?:blank|empty|missing|null|no)\s+(?<col>.+)$/i, 'isnull'],
  [new RegExp(`^(?<col>.+?)\\s+(?:${NULL_WORDS})$`, 'i'), 'isnull'],
];

const BETWEEN = /^(?<col>.+?)\s+(?:is\s+|are\s+)?(?<not>not\s+)?(?:between|from)\s+(?<low>.+?)\s+(?:and|to|-)\s+(?<high>.+)$/i;

interface Candidate {
  start: number;
  end: number;
  order: number;
}

/** Every place an operator spelling occurs, earliest first, the more specific spelling first at one place. */
function candidates(text: string): Candidate[] {
  const masked = maskQuoted(text);
  const found: Candidate[] = [];
  OPERATOR_PHRASES.forEach((phrase, order) => {
    const re = phrase.symbol ? new RegExp(`(?:${phrase.source})`, 'gi') : new RegExp(`(?<=\\s)(?:${phrase.source})(?=\\s)`, 'gi');
    for (const m of masked.matchAll(re)) found.push({ start: m.index!, end: m.index! + m[0].length, order });
  });
  return found.sort((a, b) => a.start - b.start || a.order - b.order);
}

/**
 * Reads one clause ("price > 300", "status is not inactive", "email is blank", "age between 18 and 65"). Where an
 * operator word could also be part of a column name, the reading whose column exists wins. Null when the clause
 * has no operator at all.
 */
export function parseClause(text: string, ctx: RuleContext): RawClause | null {
  const seg = toSegment(text);
  const between = matchSegment(seg, BETWEEN);
  if (between && ctx.columns.resolves(between.col!)) {
    return { column: between.col!, operator: 'between', value: `${between.low} and ${between.high}`, negated: Boolean(between.not) };
  }
  for (const [re, operator] of NULL_PATTERNS) {
    const m = matchSegment(seg, re);
    if (m && ctx.columns.resolves(m.col!)) return { column: m.col!, operator, value: null, negated: false };
  }
  const options = candidates(text)
    .map((c) => ({ c, column: text.slice(0, c.start).trim(), value: text.slice(c.end).trim() }))
    .filter((o) => o.column.length > 0 && o.value.length > 0);
  const chosen = options.find((o) => ctx.columns.resolves(o.column)) ?? options[0];
  if (chosen) {
    const phrase = OPERATOR_PHRASES[chosen.c.order];
    return { column: chosen.column, operator: phrase.operator, value: chosen.value, negated: phrase.negated };
  }
  if (between) return { column: between.col!, operator: 'between', value: `${between.low} and ${between.high}`, negated: Boolean(between.not) };
  for (const [re, operator] of NULL_PATTERNS) {
    const m = matchSegment(seg, re);
    if (m) return { column: m.col!, operator, value: null, negated: false };
  }
  // "status inactive": a column followed by its value.
  const words = text.split(/\s+/);
  for (let k = words.length - 1; k >= 1; k--) {
    const column = words.slice(0, k).join(' ');
    if (ctx.columns.find(column)) return { column, operator: 'eq', value: words.slice(k).join(' '), negated: false };
  }
  // "rows that have an email": the column alone means it has a value.
  const bare = text.replace(/^(?:an?|some|any)\s+/i, '');
  if (ctx.columns.find(bare)) return { column: bare, operator: 'notnull', value: null, negated: false, bare: true };
  return null;
}
