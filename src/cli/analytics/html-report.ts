import type { AnalyticsReport } from '../../queries/analytics/report.js';
import { barChart, dayChart, escapeXml, formatNumber } from './svg-charts.js';

const COLORS = { main: '#3b6fb6', second: '#e07b39', bad: '#c0392b', good: '#2e8b57', muted: '#8e8e8e' };

const percent = (rate: number) => `${formatNumber(rate * 100)} %`;
const duration = (d: { p50: number | null; p95: number | null }) => (d.p50 === null ? '–' : `p50 ${formatNumber(d.p50)} ms, p95 ${formatNumber(d.p95 ?? 0)} ms`);

function summary(report: AnalyticsReport): string {
  const t = report.totals;
  const runs = report.module_runs;
  const items: [string, string][] = [
    ['Applies', `${t.applies} (${t.applies_failed} failed, ${percent(t.apply_failure_rate)})`],
    ['Apply duration', duration(t.apply_duration_ms)],
    ['Steps', `${t.steps} (${t.steps_failed} failed, ${percent(t.step_failure_rate)})`],
    ['Rows removed / added', `${t.rows_removed} / ${t.rows_added}`],
    ['Columns removed / added', `${t.columns_removed} / ${t.columns_added}`],
    ['Undos, redos, rollbacks', `${t.undos}, ${t.redos}, ${t.rollbacks}`],
    ['Top error codes', t.top_error_codes.map((c) => `${c.code} (${c.count})`).join(', ') || '–'],
    ['Module runs', `${runs.total} (success rate ${percent(runs.success_rate)}; ${duration(runs.duration_ms)})`],
  ];
  return `<dl class="summary">${items.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('')}</dl>`;
}

function opTable(report: AnalyticsReport): string {
  const head = ['op', 'executed', 'share', 'failed', 'failure rate', 'rows removed', 'rows added', 'cols removed', 'cols added', 'sessions', 'p50 ms', 'p95 ms', 'undone', 'rolled back', 'undo/rollback rate'];
  const rows = report.by_op.map((o) => [
    o.op,
    o.executed,
    percent(o.share),
    o.failed,
    percent(o.failure_rate),
    o.rows_removed,
    o.rows_added,
    o.columns_removed,
    o.columns_added,
    o.sessions,
    o.duration_ms.p50 ?? '–',
    o.duration_ms.p95 ?? '–',
    o.undone,
    o.rolled_back,
    percent(o.undo_rollback_rate),
  ]);
  const cells = (tag: string, values: unknown[]) => values.map((v) => `<${tag}>${escapeXml(String(v))}</${tag}>`).join('');
  return `<table><thead><tr>${cells('th', head)}</tr></thead><tbody>${rows.map((r) => `<tr>${cells('td', r)}</tr>`).join('')}</tbody></table>`;
}

function charts(report: AnalyticsReport): string[] {
  const ops = report.by_op.map((o) => o.op);
  const pick = (f: (o: AnalyticsReport['by_op'][number]) => number | null) => report.by_op.map(f);
  const days = report.by_day.map((d) => d.date);
  const runs = report.module_runs;
  return [
    barChart({ id: 'ops', title: 'Operations used (steps executed)', categories: ops, series: [{ name: 'executed', values: pick((o) => o.executed), color: COLORS.main }] }),
    barChart({
      id: 'rows',
      title: 'Rows removed and added per operation',
      categories: ops,
      series: [
        { name: 'rows removed', values: pick((o) => o.rows_removed), color: COLORS.bad },
        { name: 'rows added', values: pick((o) => o.rows_added), color: COLORS.good },
      ],
    }),
    barChart({
      id: 'durations',
      title: 'Step duration per operation (nearest-rank percentiles)',
      categories: ops,
      unit: ' ms',
      series: [
        { name: 'p50', values: pick((o) => o.duration_ms.p50), color: COLORS.main },
        { name: 'p95', values: pick((o) => o.duration_ms.p95), color: COLORS.second },
      ],
    }),
    barChart({
      id: 'failure-rate',
      title: 'Failure rate and undo/rollback rate per operation',
      categories: ops,
      unit: ' %',
      series: [
        { name: 'failure rate', values: pick((o) => o.failure_rate * 100), color: COLORS.bad },
        { name: 'undo/rollback rate', values: pick((o) => o.undo_rollback_rate * 100), color: COLORS.muted },
      ],
    }),
    dayChart({
      id: 'activity',
      title: 'Activity per day (UTC)',
      days,
      bars: [
        { name: 'applies', values: report.by_day.map((d) => d.applies), color: COLORS.main },
        { name: 'failed applies', values: report.by_day.map((d) => d.applies_failed), color: COLORS.bad },
        { name: 'module runs', values: report.by_day.map((d) => d.module_runs), color: COLORS.good },
      ],
      line: { name: 'steps', values: report.by_day.map((d) => d.steps), color: COLORS.second },
    }),
    barChart({
      id: 'runs-confidence',
      title: 'Module runs by confidence level',
      categories: runs.total === 0 ? [] : Object.keys(runs.by_confidence_level),
      series: [{ name: 'runs', values: Object.values(runs.by_confidence_level), color: COLORS.main }],
    }),
    barChart({
      id: 'runs-status',
      title: 'Module runs by outcome',
      categories: runs.total === 0 ? [] : Object.keys(runs.by_status),
      series: [{ name: 'runs', values: Object.values(runs.by_status), color: COLORS.second }],
    }),
  ];
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:60rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
dl.summary{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #ddd;padding:.2rem .4rem;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.3rem}`;

/** The whole report as one HTML file: inline CSS and SVG only, so it opens anywhere without a network. */
export function renderHtmlReport(report: AnalyticsReport, generatedAt: Date): string {
  const scope = report.session_id ? `session ${report.session_id}` : 'all sessions';
  const title = `ModularData analytics, ${report.from} to ${report.to}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<p>${escapeXml(`${scope}${report.op ? `, op ${report.op}` : ''}; generated ${generatedAt.toISOString()}. Days are UTC dates.`)}</p>
<h2>Totals</h2>
${summary(report)}
<h2>Charts</h2>
${charts(report).join('\n')}
<h2>Per operation</h2>
${opTable(report)}
</body>
</html>
`;
}
