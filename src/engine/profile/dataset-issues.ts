/**
 * Dataset-level issues and warnings: what happened while reading the file (skipped title lines,
 * renamed headers, ragged lines) and what the rows show (duplicates, empty rows, footers).
 */
import type { IngestReport } from '../csv/types.js';
import type { RowFacts } from './dataset-facts.js';
import { makeIssue } from './issue.js';
import type { ProfileIssue } from './types.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function ingestIssues(ingest: IngestReport, rows: number): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  if (ingest.skipped_lines.length > 0) {
    const n = ingest.skipped_lines.length;
    issues.push(makeIssue({
      type: 'skipped_lines', severity: 'info', column: null, affected: n, rows,
      description: `${plural(n, 'line')} above the header ${n === 1 ? 'was' : 'were'} skipped`,
      suggestion: 'Check that the detected header row is right; choose header_row explicitly if not.',
      examples: ingest.skipped_lines.map((l) => l.text),
    }));
  }
  if (ingest.renamed_headers.length > 0) {
    const n = ingest.renamed_headers.length;
    issues.push(makeIssue({
      type: 'renamed_headers', severity: 'info', column: null, affected: n, rows,
      description: `${plural(n, 'column name')} ${n === 1 ? 'was' : 'were'} empty or repeated and got a generated name (${ingest.renamed_headers.map((r) => r.name).slice(0, 3).join(', ')})`,
      suggestion: 'Rename the columns to meaningful names (rename_columns).',
      examples: ingest.renamed_headers.map((r) => `${r.position}: '${r.original}' -> ${r.name}`),
    }));
  }
  if (ingest.bad_line_count > 0) {
    const n = ingest.bad_line_count;
    const actions = (['repaired', 'padded', 'skipped'] as const)
      .map((a) => [a, ingest.bad_lines.filter((b) => b.action === a).length] as const)
      .filter(([, k]) => k > 0)
      .map(([a, k]) => `${k} ${a}`)
      .join(', ');
    const skipped = ingest.bad_lines.some((b) => b.action === 'skipped');
    issues.push(makeIssue({
      type: 'ragged_lines', severity: skipped ? 'warning' : 'info', column: null, affected: n, rows,
      description: `${plural(n, 'line')} had the wrong number of fields (${actions})`,
      suggestion: skipped
        ? 'Skipped lines are not in the table; fix their quoting in the file and upload it again to keep them.'
        : 'Check the listed lines: short lines were padded with blanks, split dates were joined back.',
      examples: ingest.bad_lines.map((b) => `line ${b.line}: ${b.fields} fields, expected ${b.expected} (${b.action})`),
    }));
  }
  return issues;
}

export function datasetIssues(facts: RowFacts, rows: number, ingest?: IngestReport): ProfileIssue[] {
  const issues = ingest ? ingestIssues(ingest, rows) : [];
  if (facts.duplicateRows > 0) {
    const pct = rows === 0 ? 0 : (facts.duplicateRows / rows) * 100;
    issues.push(makeIssue({
      type: 'duplicate_rows', severity: 'warning', column: null, affected: facts.duplicateRows, rows,
      description: `${facts.duplicateRows} duplicate rows (${pct.toFixed(1)}% of dataset)`,
      suggestion: 'Remove the duplicate rows (remove_duplicates).',
      examples: facts.duplicateExamples.map((r) => `row ${r + 1}`),
    }));
  }
  if (facts.emptyRows > 0) {
    issues.push(makeIssue({
      type: 'empty_rows', severity: 'warning', column: null, affected: facts.emptyRows, rows,
      description: `${plural(facts.emptyRows, 'row')} ${facts.emptyRows === 1 ? 'is' : 'are'} completely empty`,
      suggestion: 'Remove the empty rows (filter_rows).',
    }));
  }
  if (facts.footerRows.length > 0) {
    const n = facts.footerRows.length;
    issues.push(makeIssue({
      type: 'footer_rows', severity: 'warning', column: null, affected: n, rows,
      description: `The last ${plural(n, 'row')} look${n === 1 ? 's' : ''} like a ${facts.footerType === 'totals' ? 'totals line' : 'note'}, not data`,
      suggestion: 'Remove the footer rows (tail_rows / filter_rows) before calculating.',
      examples: facts.footerRows.map((r) => `row ${r + 1}`),
    }));
  }
  return issues;
}

export function profileWarnings(ingest: IngestReport | undefined, facts: RowFacts, cappedColumns: string[]): string[] {
  const warnings: string[] = [];
  if (ingest) {
    if (ingest.encoding !== 'utf-8') warnings.push(`File was read as ${ingest.encoding}`);
    if (ingest.header_row > 0) {
      warnings.push(`Header found in record ${ingest.header_row + 1}; ${plural(ingest.header_row, 'line')} above it skipped`);
    }
    if (ingest.header_confidence < 0.6) {
      warnings.push(`Header detection confidence is low (${ingest.header_confidence}); check the column names`);
    }
    if (ingest.bad_line_count > 0) warnings.push(`${plural(ingest.bad_line_count, 'line')} had the wrong number of fields`);
  }
  if (facts.footerRows.length > 0) {
    warnings.push(`${plural(facts.footerRows.length, 'footer row')} detected at the end (${facts.footerType})`);
  }
  for (const name of cappedColumns) {
    warnings.push(`Text patterns of column '${name}' were analysed on its first 20000 distinct values`);
  }
  return warnings;
}
