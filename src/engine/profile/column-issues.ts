/**
 * The problems a person would point at in one column, in a fixed order so profiles are
 * deterministic: blanks, placeholder texts, whitespace, letter case, likely typos, mixed date /
 * phone / currency / percentage spellings, numbers kept as text, malformed emails, outliers and
 * constant columns. Descriptions are sentences a user reads; suggestions name the fix.
 */
import { datetimeFormOf, textOf, type CellValue, type DatetimeForm } from '../table.js';
import type { ColumnScan } from './column-scan.js';
import { makeIssue, percentOfRows, quoteList, type IssueInput } from './issue.js';
import type { FormatTally, TextFacts } from './text-facts.js';
import type { ColumnStatistics, ProfileIssue, SemanticType } from './types.js';

export interface ColumnIssueContext {
  scan: ColumnScan;
  facts: TextFacts | null;
  semantic: SemanticType;
  statistics: ColumnStatistics | null;
  /** the column's numbers in row order (typed, or read from text), for outlier examples */
  numbers: Float64Array | null;
}

const CASE_LABEL: Record<string, string> = { title: 'Title Case', lower: 'lowercase', upper: 'UPPERCASE' };
const CASED_SEMANTICS: SemanticType[] = ['name', 'category', 'email', 'boolean', 'text'];

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Non-dominant formats: how many values use them and one example of each. */
function minorityFormats(t: FormatTally): { affected: number; examples: string[]; kinds: number } {
  const dominant = t.dominant();
  let affected = 0;
  const examples: string[] = [];
  for (const [format, tally] of t.byFormat) {
    if (dominant && format === dominant[0]) continue;
    affected += tally.count;
    examples.push(tally.examples[0]);
  }
  return { affected, examples, kinds: t.byFormat.size };
}

function textIssues(ctx: ColumnIssueContext, f: TextFacts, push: (i: Omit<IssueInput, 'column' | 'rows'>) => void): void {
  const { semantic } = ctx;
  if (f.placeholders.count > 0) {
    push({
      type: 'null_placeholder', severity: 'warning', affected: f.placeholders.count, examples: f.placeholders.examples,
      description: `${f.placeholders.count} values are placeholders for missing data (${quoteList(f.placeholders.examples)})`,
      suggestion: 'Replace the placeholder texts with blanks (find and replace with an empty result) so they count as missing.',
    });
  }
  if (f.whitespaceOnly.count > 0) {
    push({
      type: 'whitespace_only', severity: 'warning', affected: f.whitespaceOnly.count, examples: f.whitespaceOnly.examples,
      description: `${f.whitespaceOnly.count} values contain only whitespace`,
      suggestion: 'Trim whitespace, then treat the resulting blanks as missing values.',
    });
  }
  if (f.whitespace.count > 0) {
    push({
      type: 'whitespace', severity: 'warning', affected: f.whitespace.count, examples: f.whitespace.examples,
      description: `${f.whitespace.count} values have leading/trailing whitespace`,
      suggestion: 'Trim leading and trailing whitespace (trim_whitespace).',
    });
  }
  if (CASED_SEMANTICS.includes(semantic)) caseIssue(f, push);
  if (semantic === 'category' || semantic === 'boolean') typoIssue(f, push);

  if ((semantic === 'date' || semantic === 'datetime') && f.dates.byFormat.size > 0) {
    const mixed = minorityFormats(f.dates);
    const dominant = f.dates.dominant()![0];
    if (mixed.kinds > 1) {
      push({
        type: 'mixed_date_formats', severity: 'warning', affected: mixed.affected, examples: mixed.examples,
        description: `Dates are written in ${mixed.kinds} different formats (most common: ${dominant})`,
        suggestion: 'Convert the column to one date format (format_date), e.g. %Y-%m-%d.',
      });
    } else {
      push({
        type: 'dates_as_text', severity: 'info', affected: f.dates.total, examples: f.dates.byFormat.get(dominant)!.examples,
        description: `Dates are stored as text in the format ${dominant}`,
        suggestion: 'Convert the column to ISO dates (format_date with %Y-%m-%d) so it sorts and compares as dates.',
      });
    }
    if (f.badDates.count > 0) {
      push({
        type: 'unparseable_dates', severity: 'warning', affected: f.badDates.count, examples: f.badDates.examples,
        description: `${f.badDates.count} values could not be read as dates (${quoteList(f.badDates.examples)})`,
        suggestion: `Correct these values by hand; the column reads numeric dates ${f.dayFirst ? 'day-first' : 'month-first'}.`,
      });
    }
  }
  if (semantic === 'phone' && f.phoneShapes.byFormat.size > 1) {
    const mixed = minorityFormats(f.phoneShapes);
    push({
      type: 'mixed_phone_formats', severity: 'warning', affected: mixed.affected, examples: mixed.examples,
      description: `Phone numbers are written in ${mixed.kinds} different formats (e.g. ${quoteList([f.phoneShapes.dominant()![1].examples[0], ...mixed.examples])})`,
      suggestion: 'Standardize the phone numbers to one format (format_phone).',
    });
  }
  if (semantic === 'currency' && f.money.byFormat.size > 1) {
    const mixed = minorityFormats(f.money);
    push({
      type: 'mixed_currency_formats', severity: 'warning', affected: mixed.affected, examples: mixed.examples,
      description: `Currency amounts are written in ${mixed.kinds} different ways (e.g. ${quoteList([f.money.dominant()![1].examples[0], ...mixed.examples])})`,
      suggestion: 'Remove currency symbols, codes and words (remove_characters), then convert the column to a number.',
    });
  }
  if (semantic === 'percentage' && f.percent.byFormat.size > 1) {
    const mixed = minorityFormats(f.percent);
    push({
      type: 'mixed_percentage_formats', severity: 'warning', affected: mixed.affected, examples: mixed.examples,
      description: `Percentages are written in ${mixed.kinds} different ways (e.g. ${quoteList([f.percent.dominant()![1].examples[0], ...mixed.examples])})`,
      suggestion: "Remove '%' and 'percent' (find_replace), then convert the column to a number.",
    });
  }
  numbersAsText(semantic, f, push);
  if (semantic === 'email' && f.notEmail.count > 0) {
    push({
      type: 'invalid_emails', severity: 'warning', affected: f.notEmail.count, examples: f.notEmail.examples,
      description: `${f.notEmail.count} values are not valid email addresses (${quoteList(f.notEmail.examples)})`,
      suggestion: 'Check these values (validate_pattern with pattern_type email) and correct or clear them.',
    });
  }
}

function caseIssue(f: TextFacts, push: (i: Omit<IssueInput, 'column' | 'rows'>) => void): void {
  const styles = (['title', 'lower', 'upper'] as const)
    .map((style) => ({ style, tally: f.cases.byFormat.get(style) }))
    .filter((s) => s.tally && s.tally.count > 0)
    .sort((a, b) => b.tally!.count - a.tally!.count);
  if (styles.length < 2) return;
  const affected = styles.slice(1).reduce((n, s) => n + s.tally!.count, 0);
  push({
    type: 'inconsistent_casing', severity: 'warning', affected,
    examples: styles.slice(1).flatMap((s) => s.tally!.examples.slice(0, 2)),
    description: `Inconsistent casing: ${styles.map((s) => `${s.tally!.count} ${CASE_LABEL[s.style]}`).join(', ')}`,
    suggestion: `Make the casing consistent (change_text_casing, e.g. to ${CASE_LABEL[styles[0].style]}).`,
  });
}

/** Rare values one or two letters away from a common one: `Qualifed` next to `qualified`. */
function typoIssue(f: TextFacts, push: (i: Omit<IssueInput, 'column' | 'rows'>) => void): void {
  if (f.folded.size > 50) return;
  const groups = [...f.folded.entries()];
  const found: string[] = [];
  const pairs: string[] = [];
  let affected = 0;
  for (const [rare, rareTally] of groups) {
    if (rare.length < 4 || /\d/.test(rare)) continue;
    for (const [common, commonTally] of groups) {
      if (common === rare || rareTally.count * 2 > commonTally.count) continue;
      const max = Math.min(rare.length, common.length) >= 8 ? 2 : 1;
      if (levenshtein(rare, common, max) > max) continue;
      found.push(rareTally.examples[0]);
      pairs.push(`'${rareTally.examples[0]}' (similar to '${commonTally.examples[0]}')`);
      affected += rareTally.count;
      break;
    }
  }
  if (found.length === 0) return;
  push({
    type: 'possible_typos', severity: 'info', affected, examples: found,
    description: `Possible misspellings: ${pairs.slice(0, 3).join(', ')}`,
    suggestion: 'Map the variants to one spelling (standardize_values).',
  });
}

function numbersAsText(semantic: SemanticType, f: TextFacts, push: (i: Omit<IssueInput, 'column' | 'rows'>) => void): void {
  const unreadable =
    semantic === 'numeric' ? f.nonNumbers : semantic === 'currency' ? f.notMoney : semantic === 'percentage' ? f.notPercent : null;
  if (!unreadable) return;
  const mixed = (semantic === 'currency' ? f.money : f.percent).byFormat.size > 1;
  if (unreadable.count > 0) {
    const words = f.spelled.count > 0 ? `; ${f.spelled.count} are numbers written as words` : '';
    push({
      type: 'numbers_stored_as_text', severity: 'warning', affected: unreadable.count, examples: unreadable.examples,
      description: `Numbers stored as text: ${unreadable.count} values are not numbers (${quoteList(unreadable.examples)})${words}`,
      suggestion: 'Correct or clear the non-numeric values, then convert the column to a number (change_column_type).',
    });
  } else if (semantic === 'numeric' || !mixed) {
    // (mixed currency or percentage spellings are already one issue saying the same thing)
    const what = semantic === 'numeric' ? 'with separators or leading signs' : `with ${semantic === 'currency' ? 'currency symbols or codes' : 'percent signs'}`;
    const shown = semantic === 'numeric' ? f.numbers : (semantic === 'currency' ? f.money : f.percent).dominant()?.[1];
    push({
      type: 'numbers_stored_as_text', severity: 'info', affected: f.effective, examples: shown?.examples ?? [],
      description: `Numbers are stored as text ${what}`,
      suggestion: 'Remove the symbols (remove_characters), then convert the column to a number (change_column_type).',
    });
  }
}

function outlierIssue(ctx: ColumnIssueContext, push: (i: Omit<IssueInput, 'column' | 'rows'>) => void): void {
  const { statistics: st, numbers } = ctx;
  if (!st || !numbers || numbers.length < 5 || st.outlier_count === 0 || !st.outlier_bounds) return;
  if (ctx.semantic === 'id' || ctx.semantic === 'zipcode') return;
  const [lo, hi] = st.outlier_bounds;
  const examples: string[] = [];
  for (let i = 0; i < numbers.length && examples.length < 5; i++) {
    const v = numbers[i];
    const text = String(v);
    if ((v < lo || v > hi) && !examples.includes(text)) examples.push(text);
  }
  push({
    type: 'outliers', severity: 'info', affected: st.outlier_count, examples,
    description: `${st.outlier_count} values are outliers (outside ${lo} to ${hi})`,
    suggestion: 'Check whether these values are errors; filter or cap them if they are.',
  });
}

function displayValue(v: CellValue, ctx: ColumnIssueContext, form: DatetimeForm | undefined): string {
  return textOf(v, ctx.scan.type, form) ?? '';
}

export function columnIssues(ctx: ColumnIssueContext): ProfileIssue[] {
  const { scan } = ctx;
  const issues: ProfileIssue[] = [];
  const push = (i: Omit<IssueInput, 'column' | 'rows'>): void => {
    issues.push(makeIssue({ ...i, column: scan.name, rows: scan.rows }));
  };
  if (scan.nullCount > 0) {
    const pct = percentOfRows(scan.nullCount, scan.rows);
    push({
      type: 'missing_values', severity: pct > 50 ? 'critical' : pct >= 5 ? 'warning' : 'info', affected: scan.nullCount,
      description: `${scan.nullCount} missing values (${pct}%)`,
      suggestion: pct > 50 ? 'Consider removing the column, or fill the blanks (fill_blanks).' : 'Fill the blanks (fill_blanks) or remove the incomplete rows.',
    });
  }
  if (ctx.facts) textIssues(ctx, ctx.facts, push);
  outlierIssue(ctx, push);
  if (scan.distinct.length === 1 && scan.rows > 1) {
    const form = scan.type === 'datetime' ? datetimeFormOf(scan.distinct) : undefined;
    const only = displayValue(scan.distinct[0], ctx, form);
    push({
      type: 'constant_column', severity: 'info', affected: scan.rows - scan.nullCount, examples: [only],
      description: `All values are the same ('${only}')`,
      suggestion: 'A column with one value carries no information; consider removing it.',
    });
  }
  return issues;
}
