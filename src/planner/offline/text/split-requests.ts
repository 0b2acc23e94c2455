import { cleanRequest } from './normalize.js';
import { maskQuoted } from './quotes.js';

/** Words that start a new request when they follow "and" or a comma ("trim names and remove duplicate emails"). */
const VERBS = 'trim|strip|remove|delete|drop|keep|filter|exclude|sort|order|arrange|rename|lowercase|lower-case|uppercase|upper-case|capitali[sz]e|title-case|titlecase|title\\s+case|proper-case|proper\\s+case|sentence\\s+case|upper\\s+case|lower\\s+case|fill|forward-fill|backfill|replace|convert|change|format|reformat|round|split|merge|combine|concatenate|join|add|create|calculate|compute|derive|group|aggregate|standardi[sz]e|normali[sz]e|dedupe|de-dupe|deduplicate|de-duplicate|select|reorder|move|put|extract|pad|zero-pad|flag|mark|rank|bin|bucket|limit|take|sample|shuffle|skip|make|set|parse|multiply|divide|subtract|get|pivot|unpivot|melt|validate|check|detect|copy|insert|cast|clean|fix|generate|show|swap|truncate|shorten|coalesce|explode|lookup|look|append|stack|tidy|map|use|treat|only|also|ensure|cap|number|abs|floor|ceil|profile|describe|dedup|uniquify';

const startsWithVerb = new RegExp(`^(?:please\\s+)?(?:${VERBS})\\b`, 'i');
/** "group by region and calculate the total": the second verb says what the grouping computes. */
const GROUPING = /^(?:group|aggregate|summari[sz]e|roll\s+up|pivot|break\s+down)\b/i;
const SUMMARY = /^(?:calculate|compute|get|find|show|take|work\s+out|count|sum|add\s+up)\b/i;
const HARD = /\s*(?:;|\n+|(?<=[\p{L}\p{N}'")\]])\.\s+(?=\p{L}))\s*/gu;
const THEN = /\s*,?\s+(?:and\s+)?(?:then|after\s+that|afterwards|next|finally|also|and\s+also)\s+|\s*,\s*(?:then|also|finally|next)\s+/gi;
const BEFORE_VERB = new RegExp(`(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*|\\s+plus\\s+)(?=(?:${VERBS})\\b)`, 'gi');

/** Splits `text` at the matches of `re` found on the quote-masked text (values in quotes are never split). */
function splitMasked(text: string, re: RegExp, keep: (rest: string, before: string) => boolean = () => true): string[] {
  const masked = maskQuoted(text);
  const parts: string[] = [];
  let last = 0;
  for (const m of masked.matchAll(re)) {
    if (m.index === 0 || !keep(text.slice(m.index! + m[0].length), text.slice(last, m.index))) continue;
    parts.push(text.slice(last, m.index));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * Splits a message into its requests, in order: at ";", sentence ends, "then", and "and"/"," followed by a verb
 * ("trim names and remove duplicate emails", "lowercase country, then sort by amount descending"). Quoted values
 * and column names are never split ("replace 'Smith and Co' with 'Smith & Co'", "drop city and state").
 * A lone verb borrows the object of the next request ("trim and lowercase email").
 */
export function splitRequests(message: string, isColumn: (text: string) => boolean): string[] {
  const pieces = splitMasked(message, HARD)
    .flatMap((p) => splitMasked(p, THEN, (rest) => startsWithVerb.test(rest)))
    // "where state is CA, delete those rows" is one request: its condition comes first.
    .flatMap((p) => splitMasked(p, BEFORE_VERB, (rest, before) => !isColumn(rest.split(/\s+/)[0] ?? '') && !/^(?:where|when|if|for\s+rows\s+where|in|within|inside|for)\s/i.test(before) && !(GROUPING.test(before) && SUMMARY.test(rest))))
    .map(cleanRequest)
    .filter((p) => p.length > 0);
  return pieces.map((piece, i) => {
    const next = pieces[i + 1];
    if (next && /^[\p{L}-]+(?:\s+up)?$/u.test(piece) && new RegExp(`^(?:${VERBS})$`, 'i').test(piece.replace(/\s+up$/i, ''))) {
      const object = next.replace(/^\S+\s+/, '');
      return `${piece} ${object}`;
    }
    return piece;
  });
}
