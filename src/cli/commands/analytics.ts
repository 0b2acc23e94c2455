import fs from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../errors/index.js';
import { utcDay } from '../../projections/read-models/analytics-applies.js';
import { addDays, DEFAULT_SPAN_DAYS, MAX_SPAN_DAYS, resolveRange, type DayRange } from '../../queries/analytics/range.js';
import type { CliCommand } from '../command.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--since` takes a date or a number of days (`7d`: the last 7 days, today included). */
export function rangeFromOptions(values: { since?: string; until?: string }, now: Date): DayRange {
  const to = values.until ?? utcDay(now);
  const days = values.since && /^\d{1,4}d$/.exec(values.since);
  const from = days ? addDays(to, 1 - Number(values.since!.slice(0, -1))) : values.since;
  return resolveRange({ from, to }, now);
}

export const analyticsCommand: CliCommand = {
  summary: 'Analytics on the transformation history: ops, failures, durations, undos, module runs (text, JSON or HTML)',
  help: `Usage: modulardata analytics [--since DATE|Nd] [--until DATE] [--session ID] [--op OP] [--json] [--html FILE]

Prints the analytics report of GET /api/v1/analytics/transformations for every session (the same figures): ops used,
rows and columns removed/added, step duration p50/p95 per op, failure rates and top error codes, undo/rollback
rate per op, module runs by confidence level and outcome, and activity per day. Days are UTC dates.

Options:
  --since DATE|Nd  first day (YYYY-MM-DD), or the last N days (default: the last ${DEFAULT_SPAN_DAYS} days)
  --until DATE     last day (default: today); at most ${MAX_SPAN_DAYS} days in all
  --session ID     only this session (GET /api/v1/sessions/{id}/analytics)
  --op OP          only applies and steps of this op
  --json           print the report as JSON, exactly as the API answers
  --html FILE      also write a self-contained HTML report with charts (inline SVG; no network needed)
  -h, --help       show this help

The read tables are brought up to date with the log first. With the embedded database (no DATABASE_URL), stop the
server first: PGlite allows one process at a time.`,
  options: { since: { type: 'string' }, until: { type: 'string' }, session: { type: 'string' }, op: { type: 'string' }, json: { type: 'boolean' }, html: { type: 'string' } },
  async run({ config, values }) {
    const now = new Date();
    let range: DayRange;
    try {
      range = rangeFromOptions(values as { since?: string; until?: string }, now);
    } catch (error) {
      if (!isAppError(error)) throw error;
      console.error(`${error.message}. ${error.suggestion ?? ''}`.trim());
      return 2;
    }
    const sessionId = values.session as string | undefined;
    if (sessionId !== undefined && !UUID.test(sessionId)) {
      console.error(`--session must be a session id (a UUID), not '${sessionId}'`);
      return 2;
    }
    const { openDatabase } = await import('../../service/service.js');
    const { createProjector } = await import('../../projections/projector.js');
    const { analyticsReport } = await import('../../queries/analytics/report.js');
    const database = await openDatabase(config);
    try {
      await createProjector(database.db).catchUp();
      const report = await analyticsReport(database.db, { ...range, sessionId, op: values.op as string | undefined, owner: null });
      if (values.html) {
        const { renderHtmlReport } = await import('../analytics/html-report.js');
        const file = path.resolve(String(values.html));
        fs.writeFileSync(file, renderHtmlReport(report, now));
        console.error(`Wrote ${file}`);
      }
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        const { renderTextReport } = await import('../analytics/text-report.js');
        console.log(renderTextReport(report).join('\n'));
      }
      return 0;
    } finally {
      await database.close();
    }
  },
};
