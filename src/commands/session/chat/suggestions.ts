import type { ColumnProfile, Profile } from '../../../engine/profile/types.js';
import type { RequestedStep } from '../plan-steps.js';

export interface Suggestion {
  /** One sentence ending in a question, in the original's wording. */
  question: string;
  steps: RequestedStep[];
}

export interface PlannedStep {
  op: string;
  targetColumns: string[];
}

/** Ops that already deal with an issue on a column: the plan does not need the suggestion then. */
const SETTLED_BY = {
  missing_values: ['fill_blanks', 'replace_null', 'filter_rows', 'fill_forward', 'fill_backward', 'coalesce', 'remove_columns'],
  whitespace: ['trim_whitespace', 'standardize_values', 'remove_columns'],
  inconsistent_casing: ['change_text_casing', 'standardize_values', 'normalize_enum_values', 'normalize_boolean', 'remove_columns'],
} as const;

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function fix(column: ColumnProfile, issue: keyof typeof SETTLED_BY, affected: number): Suggestion {
  if (issue === 'whitespace') {
    return {
      question: `'${column.name}' has ${count(affected, 'value')} with extra spaces. Want me to trim those too?`,
      steps: [{ op: 'trim_whitespace', params: { columns: [column.name] }, explanation: `Trim whitespace in ${column.name}` }],
    };
  }
  if (issue === 'inconsistent_casing') {
    const casing = column.semantic_type === 'email' || column.semantic_type === 'url' ? 'lower' : 'title';
    return {
      question: `'${column.name}' has inconsistent capitalization. Want me to fix that too?`,
      steps: [{ op: 'change_text_casing', params: { column: column.name, case: casing }, explanation: `Change ${column.name} to ${casing === 'lower' ? 'lowercase' : 'Title Case'}` }],
    };
  }
  const numeric = column.inferred_type === 'integer' || column.inferred_type === 'float';
  return {
    question: `'${column.name}' has ${count(affected, 'missing value')}. Want me to fix those too?`,
    steps: [
      numeric
        ? { op: 'fill_blanks', params: { column: column.name, method: 'median' }, explanation: `Fill blanks in ${column.name} with the median` }
        : { op: 'fill_blanks', params: { column: column.name, method: 'value', value: 'Unknown' }, explanation: `Fill blanks in ${column.name} with 'Unknown'` },
    ],
  };
}

/**
 * The proactive follow-up after steps were planned (API.md §9.2), with the concrete steps a "yes" adds: duplicate
 * rows first, then the first column — those the newest steps touch before the others — with blanks, extra spaces
 * or mixed capitalization that no step of the plan deals with yet.
 */
export function suggestFollowUp(profile: Profile, plan: PlannedStep[], newest: PlannedStep[]): Suggestion | null {
  if (profile.duplicate_row_count > 0 && !plan.some((s) => s.op === 'remove_duplicates' || s.op === 'merge_duplicates')) {
    const n = profile.duplicate_row_count;
    return {
      question: `There ${n === 1 ? 'is 1 duplicate row' : `are ${n} duplicate rows`}. Want me to remove ${n === 1 ? 'it' : 'them'} too?`,
      steps: [{ op: 'remove_duplicates', params: {}, explanation: 'Remove duplicate rows' }],
    };
  }
  const touchedNow = new Set(newest.flatMap((s) => s.targetColumns));
  const columns = [...profile.columns].sort((a, b) => Number(touchedNow.has(b.name)) - Number(touchedNow.has(a.name)));
  for (const column of columns) {
    const ops = plan.filter((s) => s.targetColumns.includes(column.name)).map((s) => s.op);
    for (const issue of column.issues) {
      const type = issue.issue_type;
      if (type !== 'whitespace' && type !== 'missing_values' && type !== 'inconsistent_casing') continue;
      if ((SETTLED_BY[type] as readonly string[]).some((op) => ops.includes(op))) continue;
      return fix(column, type, issue.affected_count);
    }
  }
  return null;
}
