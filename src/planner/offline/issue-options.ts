import type { ColumnProfile, Profile, ProfileIssue } from '../../engine/index.js';

/**
 * Requests the planner itself understands that would fix one profile issue: offered as options when a request
 * is too vague ("clean it up"), so picking one gives a concrete plan.
 */
export function issueOption(issue: ProfileIssue, column: ColumnProfile | null): string | null {
  const col = issue.column;
  switch (issue.issue_type) {
    case 'duplicate_rows':
      return 'remove duplicates';
    case 'empty_rows':
      return 'drop empty rows';
    case 'whitespace':
    case 'whitespace_only':
      return col ? `trim ${col}` : null;
    case 'inconsistent_casing':
      if (!col) return null;
      if (column?.semantic_type === 'name' || column?.semantic_type === 'text') return `title case ${col}`;
      if (column?.semantic_type === 'email') return `lowercase ${col}`;
      return `standardize ${col}`;
    case 'possible_typos':
      return col ? `standardize ${col}` : null;
    case 'missing_values':
      return col ? `remove rows where ${col} is blank` : null;
    case 'mixed_date_formats':
    case 'dates_as_text':
      return col ? `format ${col} as YYYY-MM-DD` : null;
    case 'mixed_phone_formats':
      return col ? `format ${col} as (XXX) XXX-XXXX` : null;
    case 'numbers_stored_as_text':
      return col ? `convert ${col} to number` : null;
    case 'null_placeholder':
      return col && issue.examples[0] ? `replace '${issue.examples[0]}' with blank in ${col}` : null;
    case 'outliers':
      return col && column?.dtype !== 'object' ? `remove outliers in ${col}` : null;
    case 'invalid_emails':
      return col ? `remove invalid emails in ${col}` : null;
    case 'mixed_currency_formats':
      return col ? `remove $ and , from ${col}` : null;
    case 'mixed_percentage_formats':
      return col ? `remove % from ${col}` : null;
    default:
      return null;
  }
}

/** Options for the whole table (dataset issues first, then each column's), or for some columns only. */
export function issueOptions(profile: Profile, columns?: readonly string[], limit = 6): string[] {
  const options: string[] = [];
  const add = (o: string | null) => {
    if (o && !options.includes(o)) options.push(o);
  };
  if (!columns) profile.issues.forEach((i) => add(issueOption(i, null)));
  for (const c of profile.columns) {
    if (columns && !columns.includes(c.name)) continue;
    c.issues.forEach((i) => add(issueOption(i, c)));
  }
  return options.slice(0, limit);
}
