/** Building a profile issue: the percentage and example list are computed the same way everywhere. */
import type { IssueType, ProfileIssue, Severity } from './types.js';

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function percentOfRows(count: number, rows: number): number {
  return rows === 0 ? 0 : round2((count / rows) * 100);
}

export interface IssueInput {
  type: IssueType;
  severity: Severity;
  column: string | null;
  description: string;
  affected: number;
  rows: number;
  suggestion: string;
  examples?: string[];
}

export function makeIssue(i: IssueInput): ProfileIssue {
  return {
    issue_type: i.type,
    severity: i.severity,
    column: i.column,
    description: i.description,
    affected_count: i.affected,
    affected_percent: percentOfRows(i.affected, i.rows),
    suggestion: i.suggestion,
    examples: (i.examples ?? []).slice(0, 5),
  };
}

/** `'a', 'b'` for descriptions; long texts shortened so a description stays one line. */
export function quoteList(texts: string[], max = 3): string {
  return texts
    .slice(0, max)
    .map((t) => `'${t.length > 30 ? t.slice(0, 27) + '...' : t}'`)
    .join(', ');
}
