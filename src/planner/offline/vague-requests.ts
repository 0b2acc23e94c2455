import type { Profile } from '../../engine/index.js';
import { ask, listWords } from './clarify.js';
import type { ColumnMatcher } from './columns/column-matcher.js';
import { issueOptions } from './issue-options.js';
import { matchSegment, type Segment } from './text/segment.js';

const EXAMPLES = ['remove duplicates', 'trim whitespace in every column', 'remove rows where email is blank'];

const WHOLE = /^(?:clean|tidy|fix|sort\s+out|improve|polish|prettify|neaten|process|prepare|prep|optimi[sz]e|repair|correct|sanitize|sanitise|scrub|wrangle|massage|do\s+(?:your|the)\s+(?:magic|thing|best)|make\s+(?:it|this|the\s+(?:data|file|table))\s+(?:better|nicer|cleaner|nice|clean|good|usable|look\s+(?:good|nice|better)|presentable))(?:\s+up)?(?:\s+(?:it|this|that|things|everything|stuff|all(?:\s+of\s+it)?|the\s+(?:data|file|dataset|table|sheet|spreadsheet|csv|whole\s+thing|mess|rows|columns)|my\s+(?:data|file|table)))?(?:\s+up)?(?:\s+(?:a\s+bit|for\s+me|quickly))?$|^(?:clean\s*up|cleanup|data\s+cleaning|clean\s+data|fix\s+everything|fix\s+errors|fix\s+the\s+errors|fix\s+(?:the\s+)?issues|fix\s+(?:the\s+)?problems|make\s+it\s+right|help)$/i;
const BAD_ROWS = /^(?:remove|delete|drop|get\s+rid\s+of|filter\s+out|eliminate|discard|clean\s+out|fix)\s+(?:the\s+|all\s+|any\s+)*(?:bad|invalid|wrong|incorrect|junk|garbage|broken|dirty|messy|weird|problematic|problem|erroneous|corrupt(?:ed)?|useless|unwanted|irrelevant|bogus|strange|odd|suspicious|faulty|unnecessary)\s+(?:rows|records|entries|data|lines|values|ones|stuff|items)$/i;
const VAGUE_VERB = /^(?:fix|clean(?:\s+up)?|tidy(?:\s+up)?|sort\s+out|improve|correct|repair|handle|deal\s+with|take\s+care\s+of|do\s+something\s+(?:about|with)|work\s+on|look\s+at|sanitize|sanitise|polish)\s+(?:the\s+|all\s+(?:the\s+)?|my\s+)?(?<target>.+?)(?:\s+up)?(?:\s+column)?$/i;
/** Nouns that make a "fix …" request specific enough for a rule ("fix the date formats", "clean up column names"). */
const SPECIFIC = /\b(?:dates?|date\s+formats?|formats?|phones?|phone\s+numbers?|whitespace|spaces?|casing|capitali[sz]ation|case|duplicates?|dupes|header|headers|column\s+names|types?|data\s+types|blanks?|missing|nulls?|empty|typos?|spelling|values?|emails?|e-mail|outliers?)\b/i;

/** "clean it up", "remove the bad rows": no step can be chosen without a guess, so ask with concrete options. */
export function askIfVague(seg: Segment, profile: Profile): void {
  if (matchSegment(seg, WHOLE)) {
    const options = issueOptions(profile);
    ask('ambiguous', `What should I clean up? ${options.length > 0 ? 'The profile suggests, for example:' : 'For example:'} ${(options.length > 0 ? options : EXAMPLES).slice(0, 4).map((o) => `"${o}"`).join(', ')}.`, options.length > 0 ? options : EXAMPLES);
  }
  if (matchSegment(seg, BAD_ROWS)) {
    const options = issueOptions(profile, undefined, 50).filter((o) => /^(?:remove|drop)/.test(o));
    const list = options.length > 0 ? options : ['remove duplicates', 'drop empty rows'];
    ask('ambiguous', `Which rows count as bad? For example: ${list.slice(0, 4).map((o) => `"${o}"`).join(', ')}, or a condition such as "remove rows where price > 300".`, list);
  }
}

/** "fix the names", "clean up status": a column but no operation. Asks which change, with the column's issues as options. */
export function askIfVagueAboutColumns(seg: Segment, profile: Profile, columns: ColumnMatcher): void {
  const m = matchSegment(seg, VAGUE_VERB);
  if (!m || SPECIFIC.test(m.target!) || !columns.resolves(m.target!)) return;
  let names: string[];
  try {
    names = columns.many(m.target!);
  } catch {
    return;
  }
  const options = issueOptions(profile, names, 8);
  const which = names.length > 1 ? `Which do you mean — ${listWords(names, 'or')} — and what should I change` : `What should I change in ${names[0]}`;
  const hint = options.length > 0 ? ` For example: ${options.slice(0, 4).map((o) => `"${o}"`).join(', ')}.` : ' For example: trim spaces, change the capitalization, or fill blanks.';
  ask('ambiguous', `${which}?${hint}`, options.length > 0 ? options : names);
}
