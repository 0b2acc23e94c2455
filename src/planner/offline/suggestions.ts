import type { Profile, ProfileIssue } from '../../engine/index.js';
import type { PlannerStep } from '../types.js';

/** Which ops settle which profile issue, so the reply never offers to fix what the plan already fixes. */
const SETTLED_BY: Partial<Record<ProfileIssue['issue_type'], string[]>> = {
  missing_values: ['fill_blanks', 'replace_null', 'filter_rows', 'fill_forward', 'fill_backward', 'coalesce'],
  whitespace: ['trim_whitespace', 'standardize_values'],
  whitespace_only: ['trim_whitespace', 'filter_rows'],
  inconsistent_casing: ['change_text_casing', 'standardize_values', 'normalize_enum_values', 'normalize_boolean'],
  possible_typos: ['standardize_values', 'find_replace', 'normalize_enum_values'],
  mixed_date_formats: ['format_date', 'change_column_type'],
  unparseable_dates: ['format_date', 'change_column_type', 'filter_rows'],
  dates_as_text: ['format_date', 'change_column_type'],
  mixed_phone_formats: ['format_phone', 'remove_characters', 'regex_replace'],
  numbers_stored_as_text: ['change_column_type', 'find_replace', 'standardize_values'],
  null_placeholder: ['find_replace', 'standardize_values', 'regex_replace'],
  outliers: ['filter_rows', 'is_between'],
  invalid_emails: ['validate_pattern', 'filter_rows'],
  mixed_currency_formats: ['remove_characters', 'find_replace', 'change_column_type', 'regex_replace'],
  mixed_percentage_formats: ['remove_characters', 'find_replace', 'change_column_type', 'regex_replace'],
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function sentence(issue: ProfileIssue, column: string): string {
  switch (issue.issue_type) {
    case 'missing_values':
      return `'${column}' has ${plural(issue.affected_count, 'missing value')}. Want me to fix those too?`;
    case 'whitespace':
    case 'whitespace_only':
      return `'${column}' has ${plural(issue.affected_count, 'value')} with extra spaces. Want me to trim those too?`;
    case 'inconsistent_casing':
      return `'${column}' has inconsistent capitalization. Want me to fix that too?`;
    default:
      return `'${column}': ${issue.description.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase())}. Want me to fix that too?`;
  }
}

/**
 * The proactive suggestion of API.md §9.2: the first issue the profile shows for a column the plan touches that
 * the plan does not already settle, e.g. "'company' has 2 missing values. Want me to fix those too?".
 */
export function suggestionFor(steps: readonly PlannerStep[], touched: readonly { step: number; columns: string[] }[], profile: Profile, removed: ReadonlySet<string>): string | null {
  const seen = new Set<string>();
  for (const { columns } of touched) {
    // A step over many columns ("drop empty rows") is not about any one of them.
    if (columns.length > 3) continue;
    for (const column of columns) {
      if (seen.has(column) || removed.has(column)) continue;
      seen.add(column);
      const p = profile.columns.find((c) => c.name === column);
      for (const issue of p?.issues ?? []) {
        const ops = touched.filter((t) => t.columns.includes(column)).map((t) => steps[t.step].op);
        if ((SETTLED_BY[issue.issue_type] ?? []).some((op) => ops.includes(op))) continue;
        if (issue.issue_type === 'constant_column') continue;
        return sentence(issue, column);
      }
    }
  }
  return null;
}
