import { rowCount, type DataTable } from '../../engine/table.js';
import { toRecords } from '../../engine/records.js';
import type { RunResult } from '../../engine/plan/index.js';

export interface Risk {
  is_risky: boolean;
  risk_level: 'moderate' | 'high' | null;
  risk_reasons: string[];
  risk_preview: {
    rows_before: number;
    cols_before: number;
    rows_after: number;
    rows_removed: number;
    removal_percent: number;
    columns_removed: string[];
    sample_removed: Record<string, unknown>[];
  } | null;
  confirmation_message: string | null;
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/**
 * §9.5: judged on a dry run of the selected steps together, each row-removing step on the table it actually receives.
 */
export function assessRisk(input: DataTable, dryRun: RunResult): Risk {
  const reasons: string[] = [];
  for (const step of dryRun.steps) {
    const before = step.rows_before;
    const after = step.rows_after ?? before;
    const keepFilter = step.op === 'filter_rows' && step.params.keep === true;
    if (keepFilter && before > 0 && after / before < 0.5) reasons.push(`Will keep only ${pct(after, before)}% of rows (${after} of ${before})`);
    else if (!keepFilter && before > 0 && (before - after) / before > 0.2) reasons.push(`Will remove ${before - after} rows (${pct(before - after, before)}% of data)`);
  }
  const outputNames = new Set(dryRun.table.schema.map((c) => c.name));
  const removedColumns = input.schema.map((c) => c.name).filter((n) => !outputNames.has(n));
  if (removedColumns.length > 0) reasons.push(`Will remove ${removedColumns.length} column(s): ${removedColumns.join(', ')}`);
  const rowsBefore = rowCount(input);
  const rowsAfter = rowCount(dryRun.table);
  const removed = Math.max(0, rowsBefore - rowsAfter);
  const high = reasons.length > 1 || (rowsBefore > 0 && removed / rowsBefore > 0.5);
  const level = reasons.length === 0 ? null : high ? 'high' : 'moderate';
  return {
    is_risky: reasons.length > 0,
    risk_level: level,
    risk_reasons: reasons,
    risk_preview: {
      rows_before: rowsBefore,
      cols_before: input.schema.length,
      rows_after: rowsAfter,
      rows_removed: removed,
      removal_percent: pct(removed, rowsBefore),
      columns_removed: removedColumns,
      sample_removed: removed > 0 ? sampleRemoved(input, dryRun.table) : [],
    },
    confirmation_message:
      reasons.length === 0
        ? null
        : `${level === 'high' ? '⚠️ **This is a significant change.**' : 'This operation will modify your data.'}\n${reasons.map((r) => `• ${r}`).join('\n')}\nDo you want to proceed?`,
  };
}

/** Up to 3 input rows that do not appear in the output (compared as whole records). */
function sampleRemoved(input: DataTable, output: DataTable): Record<string, unknown>[] {
  const records = toRecords(input);
  const kept = new Set(toRecords(output).map((r) => JSON.stringify(r)));
  return records.filter((r) => !kept.has(JSON.stringify(r))).slice(0, 3);
}
