import type { AnalyticsReport } from '../../queries/analytics/report.js';
import { textTable } from '../text-table.js';
import { formatNumber } from './svg-charts.js';

const pct = (rate: number) => `${formatNumber(rate * 100)}%`;
const ms = (value: number | null) => (value === null ? '-' : formatNumber(value));
const duration = (d: { p50: number | null; p95: number | null }) => (d.p50 === null ? 'no data' : `p50 ${ms(d.p50)} ms, p95 ${ms(d.p95)} ms`);

/** The analytics report as readable text: the same figures as the JSON, in tables. */
export function renderTextReport(report: AnalyticsReport): string[] {
  const t = report.totals;
  const runs = report.module_runs;
  const scope = report.session_id ? `session ${report.session_id}` : 'all sessions';
  const lines = [
    `Analytics ${report.from} to ${report.to} (UTC days; ${scope}${report.op ? `; op ${report.op}` : ''})`,
    '',
    `Applies      ${t.applies} (${t.applies_failed} failed, ${pct(t.apply_failure_rate)}); duration ${duration(t.apply_duration_ms)}`,
    `Steps        ${t.steps} (${t.steps_failed} failed, ${pct(t.step_failure_rate)}); rows removed ${t.rows_removed}, added ${t.rows_added}; columns removed ${t.columns_removed}, added ${t.columns_added}`,
    `Versions     ${t.undos} undos, ${t.redos} redos, ${t.rollbacks} rollbacks`,
    `Errors       ${t.top_error_codes.map((c) => `${c.code} ${c.count}`).join(', ') || 'none'}`,
    `Module runs  ${runs.total} (success rate ${pct(runs.success_rate)}); duration ${duration(runs.duration_ms)}`,
    `  by outcome     ${Object.entries(runs.by_status).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  by confidence  ${Object.entries(runs.by_confidence_level).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
  ];
  if (report.by_op.length === 0) lines.push('No steps ran in this range.');
  else {
    lines.push(
      ...textTable([
        ['op', 'executed', 'share', 'failed', 'fail rate', 'rows -', 'rows +', 'cols -', 'cols +', 'sessions', 'p50 ms', 'p95 ms', 'undone', 'rolled back', 'undo/rb rate'],
        ...report.by_op.map((o) => [
          o.op,
          String(o.executed),
          pct(o.share),
          String(o.failed),
          pct(o.failure_rate),
          String(o.rows_removed),
          String(o.rows_added),
          String(o.columns_removed),
          String(o.columns_added),
          String(o.sessions),
          ms(o.duration_ms.p50),
          ms(o.duration_ms.p95),
          String(o.undone),
          String(o.rolled_back),
          pct(o.undo_rollback_rate),
        ]),
      ]),
    );
  }
  const active = report.by_day.filter((d) => d.applies + d.steps + d.module_runs > 0);
  lines.push('', `Activity per day (${active.length} of ${report.by_day.length} days had any)`);
  if (active.length > 0) {
    lines.push(
      ...textTable([
        ['date', 'applies', 'failed', 'steps', 'steps failed', 'rows removed', 'module runs', 'runs succeeded'],
        ...active.map((d) => [d.date, d.applies, d.applies_failed, d.steps, d.steps_failed, d.rows_removed, d.module_runs, d.module_runs_succeeded].map(String)),
      ]),
    );
  }
  return lines;
}
