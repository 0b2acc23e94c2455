import type { ColumnProfile, Profile } from '../../../engine/profile/types.js';
import { mentionedColumns, normalizeMessage } from './intents.js';

/**
 * Questions about the data answered from the current version's profile (API.md §9.2 step 4): sizes, columns and
 * types, blanks, duplicates, distinct values, simple statistics, and the issues the profile found. Only a message
 * that reads as a question and asks for no change is answered here; anything else goes to the planner.
 */
const QUESTION_START = /^(how|what|what's|which|whats|are there|is there|any|do i|does|do we|tell me|describe|summari[sz]e|list|show me the columns|give me)\b/;
const CHANGE_WORDS =
  /\b(remove|delete|drop|fill|replace|rename|trim|sort|filter|keep|convert|change|format|split|merge|add|create|round|standardi[sz]e|fix|clean|capitali[sz]e|lowercase|uppercase|dedupe|deduplicate|combine|extract)\b/;

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const show = (value: unknown) => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

function describeColumn(c: ColumnProfile): string {
  return `${c.name} (${c.inferred_type}${c.semantic_type !== 'unknown' && c.semantic_type !== c.inferred_type ? `, ${c.semantic_type}` : ''})`;
}

type Answerer = (text: string, profile: Profile, column: ColumnProfile | undefined) => string | null;

const ANSWERS: Answerer[] = [
  // Blanks: one column, or every column that has any.
  (text, p, column) => {
    if (!/\b(missing|blank|blanks|empty|null|nulls|nan)\b/.test(text)) return null;
    if (column) return `'${column.name}' has ${plural(column.null_count, 'missing value')} (${column.null_percent}%).`;
    const withBlanks = p.columns.filter((c) => c.null_count > 0);
    if (withBlanks.length === 0) return 'There are no missing values.';
    return `Missing values: ${withBlanks.map((c) => `${c.name} ${c.null_count} (${c.null_percent}%)`).join(', ')}.`;
  },
  (text, p) => {
    if (!/\bduplicat/.test(text)) return null;
    return p.duplicate_row_count === 0 ? 'There are no duplicate rows.' : `There are ${plural(p.duplicate_row_count, 'duplicate row')} (${pct(p.duplicate_row_count, p.row_count)}% of ${p.row_count}).`;
  },
  (text, _p, column) => {
    if (!column || !/\b(unique|distinct|different|possible) values?\b|\bwhat values\b|\bwhich values\b|\bvalues (are|does|do|in)\b/.test(text)) return null;
    const top = column.distribution.top_values.map((v) => `${show(v.value)} (${v.count})`).join(', ');
    return `'${column.name}' has ${plural(column.unique_count, 'distinct value')}${top ? `; the most common: ${top}` : ''}.`;
  },
  (text, _p, column) => {
    if (!column || !/\b(type|types|data type|kind)\b/.test(text)) return null;
    return `'${column.name}' holds ${column.inferred_type} values${column.semantic_type !== 'unknown' ? ` (looks like ${column.semantic_type})` : ''}.`;
  },
  (text, _p, column) => {
    if (!column) return null;
    const s = column.statistics;
    if (/\b(average|mean)\b/.test(text)) return s?.mean == null ? `'${column.name}' has no numbers to average.` : `The average ${column.name} is ${s.mean}.`;
    if (/\bmedian\b/.test(text)) return s?.median == null ? `'${column.name}' has no numbers.` : `The median ${column.name} is ${s.median}.`;
    if (/\b(min|minimum|lowest|smallest|earliest)\b/.test(text)) return `The lowest ${column.name} is ${show(column.min_value)}.`;
    if (/\b(max|maximum|highest|largest|biggest|latest)\b/.test(text)) return `The highest ${column.name} is ${show(column.max_value)}.`;
    return null;
  },
  (text, p) => {
    if (!/\bhow many (rows|records|entries|lines)\b|\b(number|count) of (rows|records)\b/.test(text)) return null;
    return `Your data has ${plural(p.row_count, 'row')} and ${plural(p.column_count, 'column')}.`;
  },
  (text, p) => {
    if (!/\bcolumns?\b|\bfields\b|\bheaders\b/.test(text)) return null;
    return `Your data has ${plural(p.column_count, 'column')}: ${p.columns.map(describeColumn).join(', ')}.`;
  },
  (text, p) => {
    if (!/\b(wrong|issues?|problems?|quality|messy|dirty)\b/.test(text)) return null;
    const issues = [...p.issues, ...p.columns.flatMap((c) => c.issues)];
    if (issues.length === 0) return 'I found no problems in this data.';
    const listed = issues.slice(0, 8).map((i) => `• ${i.column ? `${i.column}: ` : ''}${i.description}`);
    return `I found ${plural(issues.length, 'issue')}:\n${listed.join('\n')}${issues.length > 8 ? `\n…and ${issues.length - 8} more.` : ''}`;
  },
  (text, p) => {
    if (!/\b(describe|summary|summari[sz]e|overview|tell me about)\b/.test(text)) return null;
    const issues = p.issues.length + p.columns.reduce((n, c) => n + c.issues.length, 0);
    return `Your data has ${plural(p.row_count, 'row')} and ${plural(p.column_count, 'column')}: ${p.columns.map(describeColumn).join(', ')}. ${issues === 0 ? 'I found no problems.' : `I found ${plural(issues, 'issue')}; ask "what's wrong with my data?" to see them.`}`;
  },
];

/** The answer to a question about the data, or null when the message is not one this can answer. */
export function answerDataQuestion(message: string, profile: Profile): string | null {
  const text = normalizeMessage(message);
  const asked = message.trim().endsWith('?') || QUESTION_START.test(text);
  if (!asked || CHANGE_WORDS.test(text)) return null;
  const column = profile.columns.find((c) => c.name === mentionedColumns(message, profile.columns.map((x) => x.name))[0]);
  for (const answer of ANSWERS) {
    const reply = answer(text, profile, column);
    if (reply !== null) return reply;
  }
  return null;
}
