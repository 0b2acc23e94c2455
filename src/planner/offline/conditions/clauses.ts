import { maskQuoted } from '../text/quotes.js';

export interface Clause {
  text: string;
  /** How this clause joins the one before it (null for the first). */
  joiner: 'and' | 'or' | null;
}

/**
 * Splits a condition at "and" / "or" outside quotes, keeping "between 10 and 20" together.
 */
export function splitClauses(text: string): Clause[] {
  const masked = maskQuoted(text);
  const clauses: Clause[] = [];
  let start = 0;
  let joiner: Clause['joiner'] = null;
  for (const m of masked.matchAll(/\s+(and|or)\s+/gi)) {
    const piece = text.slice(start, m.index);
    if (/\bbetween\s+\S+$/i.test(piece) && m[1].toLowerCase() === 'and') continue;
    // "less than or equal to" is one operator.
    if (/\bthan$/i.test(piece) && /^equal\b/i.test(text.slice(m.index! + m[0].length))) continue;
    clauses.push({ text: piece.trim(), joiner });
    joiner = m[1].toLowerCase() as 'and' | 'or';
    start = m.index! + m[0].length;
  }
  clauses.push({ text: text.slice(start).trim(), joiner });
  return clauses.filter((c) => c.text.length > 0);
}
