import type { CliCommand } from '../command.js';
import type { Profile, ProfileIssue } from '../../engine/index.js';
import { READ_OPTIONS, READ_OPTIONS_HELP } from '../csv-input.js';

export const profileCommand: CliCommand = {
  summary: 'Profile a local CSV file: types, blanks, unique values and the issues found, with no server or database',
  help: `Usage: modulardata profile in.csv [--json]

Reads in.csv (- for standard input) the way an upload is read and prints its profile: row and column counts, each
column's type, blanks and unique values, and the issues found (duplicates, blanks, stray whitespace, mixed date or
phone formats, numbers stored as text, …) with a suggested fix for each.

Options:
  --json             print the full profile as JSON (the API's profile document) instead of the summary
${READ_OPTIONS_HELP}
  -h, --help         show this help

Exit codes: 0 success; 2 unreadable file or malformed CSV; 1 anything else.`,
  options: { json: { type: 'boolean' }, ...READ_OPTIONS },
  async run({ values, positionals }) {
    const { InputError, readBytes, readOptions, readTable, reportFailure } = await import('../csv-input.js');
    try {
      if (positionals.length !== 1) throw new InputError(`Give exactly one input file (got ${positionals.length}). See 'modulardata profile --help'.`);
      const file = positionals[0];
      const options = readOptions(values);
      const read = await readTable(file, readBytes(file), options);
      const { profileTable } = await import('../../engine/index.js');
      const profile = profileTable(read.table, read.ingest);
      process.stdout.write(values.json ? JSON.stringify(profile, null, 2) + '\n' : summaryText(file, profile));
      return 0;
    } catch (error) {
      return reportFailure(error);
    }
  },
};

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '));
}

function issueLine(issue: ProfileIssue): string {
  const where = issue.column === null ? '' : `[${issue.column}] `;
  const examples = issue.examples.length ? ` e.g. ${issue.examples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ')}` : '';
  return `  ${issue.severity.padEnd(8)} ${where}${issue.description}${examples}\n           → ${issue.suggestion}`;
}

/** The human summary: what a person checks first about a file, one screen for a typical table. */
export function summaryText(file: string, p: Profile): string {
  const lines = [
    `${file}: ${p.row_count} rows × ${p.column_count} columns (${p.encoding_detected}, ${DELIMITER_NAMES[p.delimiter_detected] ?? p.delimiter_detected}-separated, ` +
      `header on record ${p.detected_header_row + 1}), ${p.duplicate_row_count} duplicate rows, ${p.complete_row_count} complete rows`,
    '',
    ...table([
      ['column', 'type', 'meaning', 'blanks', 'unique'],
      ...p.columns.map((c) => [c.name, c.date_format ? `${c.inferred_type} (${c.date_format})` : c.inferred_type, c.semantic_type, `${c.null_count} (${c.null_percent}%)`, String(c.unique_count)]),
    ]),
  ];
  const issues = [...p.issues, ...p.columns.flatMap((c) => c.issues)];
  lines.push('', issues.length ? `Issues (${issues.length}):` : 'No issues found.');
  for (const issue of issues) lines.push(issueLine(issue));
  for (const warning of p.warnings) lines.push(`note: ${warning}`);
  return lines.join('\n') + '\n';
}
