import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjector } from '../../src/projections/index.js';
import { analyticsReport, type AnalyticsReport } from '../../src/queries/analytics/report.js';
import { RANGE, recordHistory } from '../support/analytics-history.js';
import { rangeFromOptions } from '../../src/cli/commands/analytics.js';
import { chromiumPath, withPage } from '../support/chromium.js';
import { createPgliteTestDatabase } from '../support/databases.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/modulardata.js');
const CHART_IDS = ['ops', 'rows', 'durations', 'failure-rate', 'activity', 'runs-confidence', 'runs-status'];

describe('modulardata analytics', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-analytics-'));
  const env = { PATH: process.env.PATH ?? '', DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const cli = (args: string[]) =>
    run(process.execPath, [BIN, 'analytics', ...args], { env, cwd: dir }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  let expected: AnalyticsReport;

  beforeAll(async () => {
    // The embedded database the CLI opens (DATA_DIR/db), filled with the fixed history, then closed (one process).
    const t = await createPgliteTestDatabase(path.join(dir, 'db'));
    await recordHistory(t.database.db);
    await createProjector(t.database.db).catchUp();
    expected = await analyticsReport(t.database.db, RANGE);
    await t.cleanup();
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads --since as a date or a number of days, and refuses bad ranges', () => {
    const now = new Date('2026-11-28T12:00:00.000Z');
    expect(rangeFromOptions({}, now)).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(rangeFromOptions({ since: '3d', until: RANGE.to }, now)).toEqual(RANGE);
    expect(rangeFromOptions({ since: '1d' }, now)).toEqual({ from: '2026-11-28', to: '2026-11-28' });
    expect(() => rangeFromOptions({ since: 'last week' }, now)).toThrow(/from must be a UTC date/);
    expect(() => rangeFromOptions({ since: '367d' }, now)).toThrow(/at most 366 are allowed/);
  });

  it('prints the report as the API answers it (--json) and as readable tables; exit 2 for a bad range', { timeout: 180_000 }, async () => {
    const text = await cli(['--since', RANGE.from, '--until', RANGE.to]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Analytics 2026-11-01 to 2026-11-03 (UTC days; all sessions)');
    expect(text.stdout).toContain('Applies      7 (2 failed, 28.57%); duration p50 30 ms, p95 60 ms');
    expect(text.stdout).toContain('Module runs  6 (success rate 50%); duration p50 100 ms, p95 400 ms');
    expect(text.stdout).toMatch(/^filter_rows\s+5\s+50%\s+0\s+0%\s+12\s+0\s+1\s+0\s+3\s+5\s+9\s+1\s+2\s+60%$/m);
    expect(text.stdout).toMatch(/^2026-11-03\s+5\s+2\s+7\s+2\s+7\s+4\s+0$/m);
    const wide = await cli(['--since', '2024-01-01', '--until', '2026-01-01']);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toContain('at most 366 are allowed');
  });

  const chromium = chromiumPath();
  it.skipIf(!chromium)('writes a self-contained HTML report whose charts render non-empty in headless Chromium', { timeout: 180_000 }, async () => {
    const file = path.join(dir, 'report.html');
    const result = await cli(['--since', RANGE.from, '--until', RANGE.to, '--json', '--html', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
    const html = fs.readFileSync(file, 'utf8');
    // Nothing to fetch and nothing to run: no scripts, no external references.
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|url\(|https?:/i);

    const charts = await withPage(chromium!, pathToFileURL(file).href, async (page) => {
      if (process.env.ANALYTICS_SCREENSHOT) await page.screenshot(process.env.ANALYTICS_SCREENSHOT);
      return page.evaluate<{ id: string; width: number; height: number; bars: { value: number; width: number; height: number }[]; lines: number[] }[]>(`
        [...document.querySelectorAll('svg[data-chart]')].map((svg) => ({
          id: svg.dataset.chart,
          width: svg.getBoundingClientRect().width,
          height: svg.getBoundingClientRect().height,
          bars: [...svg.querySelectorAll('rect.bar')].map((r) => ({ value: Number(r.dataset.value), width: r.getBoundingClientRect().width, height: r.getBoundingClientRect().height })),
          lines: [...svg.querySelectorAll('polyline.line')].map((l) => l.getBBox().width),
        }))`);
    });
    expect(charts.map((c) => c.id)).toEqual(CHART_IDS);
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(0);
      expect(chart.height, chart.id).toBeGreaterThan(50);
      const drawn = chart.bars.filter((b) => b.value > 0);
      expect(drawn.length, chart.id).toBeGreaterThan(0);
      // Every non-zero value is drawn with a visible area, and zero values with none.
      for (const bar of drawn) expect(bar.width * bar.height, `${chart.id} ${bar.value}`).toBeGreaterThan(0);
      for (const bar of chart.bars.filter((b) => b.value === 0)) expect(Math.min(bar.width, bar.height), chart.id).toBe(0);
    }
    const byId = Object.fromEntries(charts.map((c) => [c.id, c]));
    expect(byId.ops.bars.map((b) => b.value)).toEqual(expected.by_op.map((o) => o.executed));
    expect(byId.activity.bars).toHaveLength(3 * 3); // 3 days × applies, failed applies, module runs
    expect(byId.activity.lines[0]).toBeGreaterThan(0);
    expect(byId['runs-confidence'].bars.map((b) => b.value)).toEqual([2, 2, 1, 1]);
    expect(byId['runs-status'].bars.map((b) => b.value)).toEqual([1, 1, 2, 1, 1, 0]);
    // The longest bar of a chart is the largest value: filter_rows's 5 executions.
    const widest = byId.ops.bars.reduce((a, b) => (b.width > a.width ? b : a));
    expect(widest.value).toBe(5);
  });
});
