import { isQuoted, unquote } from '../text/quotes.js';

const LEADING = /^(?:the|a|an|all|every|each|any|my|our|their|its|column|columns|col|cols|field|fields|header|values?\s+(?:of|in)|entries\s+in|data\s+in|cells\s+in|contents?\s+of|text\s+in|named|called)\s+/i;
const TRAILING = /\s+(?:column|columns|col|cols|field|fields|values?|entries|cells|header)$/i;
const PRONOUN = /^(?:it|them|this|that|those|these|same)(?:\s+(?:one|ones|column|columns|field))?$/i;

export interface ColumnPhrase {
  /** The words as the user wrote them, without determiners and "column". */
  text: string;
  /** Quoted names must match exactly (ignoring case at most). */
  quoted: boolean;
  /** "it", "them", "that column": the columns the previous request touched. */
  pronoun: boolean;
}

export function columnPhrase(raw: string): ColumnPhrase {
  let text = raw.trim().replace(/[.,;:!?]+$/, '');
  if (isQuoted(text)) return { text: unquote(text), quoted: true, pronoun: false };
  for (let changed = true; changed; ) {
    const next = text.replace(LEADING, '').replace(TRAILING, '').replace(/^[`]|[`]$/g, '').trim();
    changed = next !== text && next.length > 0;
    if (changed) text = next;
  }
  if (isQuoted(text)) return { text: unquote(text), quoted: true, pronoun: false };
  return { text, quoted: false, pronoun: PRONOUN.test(text) };
}
