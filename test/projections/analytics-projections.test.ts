import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../../src/events/index.js';
import { applyEvents, createProjector, PROJECTIONS, rebuildProjections } from '../../src/projections/index.js';
import { analyticsReport } from '../../src/queries/analytics/report.js';
import { OWNER_1, RANGE, recordHistory } from '../support/analytics-history.js';
import { databaseTargets, type TestDatabase } from '../support/databases.js';

const targets = await databaseTargets();

describe.each(targets)('analytics projections on $name', (target) => {
  let t: TestDatabase;
  let sessions: Awaited<ReturnType<typeof recordHistory>>;
  beforeAll(async () => {
    t = await target.create();
    sessions = await recordHistory(t.database.db);
    await createProjector(t.database.db).catchUp();
  }, 180_000);
  afterAll(() => t.cleanup());

  it('gives the hand-computed figures, nearest-rank percentiles included', async () => {
    const statuses = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM analytics_applies GROUP BY status ORDER BY status`.execute(t.database.db);
    expect(statuses.rows).toEqual([{ status: 'CANCELLED', n: 1 }, { status: 'FAILURE', n: 2 }, { status: 'SUCCESS', n: 6 }, { status: 'requested', n: 1 }]);
    const report = await analyticsReport(t.database.db, RANGE);
    expect(report.totals).toEqual({
      applies: 7, // T1 T2 T3 T4 T5 T8 T9; T6 never finished, T7 was cancelled, T0 is outside the range
      applies_failed: 2,
      apply_failure_rate: 0.2857,
      steps: 10, // T1 2, T2 1, T3 2, T4 2 (the third never ran), T5 1 (refused), T8 1, T9 1
      steps_failed: 2,
      step_failure_rate: 0.2,
      rows_removed: 4 + 1 + 5 + 2,
      rows_added: 2,
      columns_removed: 1,
      columns_added: 0,
      // [10, 20, 30, 40, 50, 60] (T5 has none): rank ⌈0.5·6⌉ = 3 → 30, rank ⌈0.95·6⌉ = 6 → 60
      apply_duration_ms: { p50: 30, p95: 60 },
      top_error_codes: [
        { code: 'TRANSFORMATION_FAILED', count: 1 },
        { code: 'TYPE_MISMATCH', count: 1 },
      ],
      undos: 1,
      redos: 0,
      rollbacks: 1,
    });
    expect(report.by_op).toEqual([
      // ok durations [5, 1, 3, 9, 7] → sorted [1, 3, 5, 7, 9]: rank 3 → 5, rank 5 → 9; versions: T1 V1, T2 V2 (undone), T3 V3, T8 V8 and T9 V9 (rolled back)
      { op: 'filter_rows', executed: 5, failed: 0, failure_rate: 0, rows_removed: 12, rows_added: 0, columns_removed: 1, columns_added: 0, sessions: 3, duration_ms: { p50: 5, p95: 9 }, undone: 1, rolled_back: 2, undo_rollback_rate: 0.6, share: 0.5 },
      { op: 'add_rows', executed: 1, failed: 0, failure_rate: 0, rows_removed: 0, rows_added: 2, columns_removed: 0, columns_added: 0, sessions: 1, duration_ms: { p50: 4, p95: 4 }, undone: 0, rolled_back: 0, undo_rollback_rate: 0, share: 0.1 },
      { op: 'change_column_type', executed: 1, failed: 1, failure_rate: 1, rows_removed: 0, rows_added: 0, columns_removed: 0, columns_added: 0, sessions: 1, duration_ms: { p50: null, p95: null }, undone: 0, rolled_back: 0, undo_rollback_rate: 0, share: 0.1 },
      { op: 'head_rows', executed: 1, failed: 1, failure_rate: 1, rows_removed: 0, rows_added: 0, columns_removed: 0, columns_added: 0, sessions: 1, duration_ms: { p50: null, p95: null }, undone: 0, rolled_back: 0, undo_rollback_rate: 0, share: 0.1 },
      { op: 'sort_rows', executed: 1, failed: 0, failure_rate: 0, rows_removed: 0, rows_added: 0, columns_removed: 0, columns_added: 0, sessions: 1, duration_ms: { p50: 6, p95: 6 }, undone: 0, rolled_back: 0, undo_rollback_rate: 0, share: 0.1 },
      { op: 'trim_whitespace', executed: 1, failed: 0, failure_rate: 0, rows_removed: 0, rows_added: 0, columns_removed: 0, columns_added: 0, sessions: 1, duration_ms: { p50: 2, p95: 2 }, undone: 0, rolled_back: 0, undo_rollback_rate: 0, share: 0.1 },
    ]);
    expect(report.module_runs).toEqual({
      total: 6,
      by_status: { success: 1, warning_confirmed: 1, failed: 2, pending: 1, running: 1, cancelled: 0 },
      by_confidence_level: { HIGH: 2, MEDIUM: 2, LOW: 1, NO_MATCH: 1 },
      success_rate: 0.5,
      // finished runs [200, 400, 50, 100] → sorted [50, 100, 200, 400]: rank 2 → 100, rank 4 → 400
      duration_ms: { p50: 100, p95: 400 },
    });
    expect(report.by_day).toEqual([
      { date: '2026-11-01', applies: 2, applies_failed: 0, steps: 3, steps_failed: 0, rows_removed: 5, module_runs: 2, module_runs_succeeded: 2 },
      { date: '2026-11-02', applies: 0, applies_failed: 0, steps: 0, steps_failed: 0, rows_removed: 0, module_runs: 0, module_runs_succeeded: 0 },
      { date: '2026-11-03', applies: 5, applies_failed: 2, steps: 7, steps_failed: 2, rows_removed: 7, module_runs: 4, module_runs_succeeded: 0 },
    ]);
  });

  it("covers only one owner's sessions when asked, and one session", async () => {
    const own = await analyticsReport(t.database.db, { ...RANGE, owner: OWNER_1 });
    expect(own.totals).toMatchObject({ applies: 5, applies_failed: 2, steps: 8, rows_removed: 5, undos: 1, rollbacks: 0, apply_duration_ms: { p50: 20, p95: 40 } });
    // owner 1's ok filter_rows durations [5, 1, 3] → sorted [1, 3, 5]: rank 2 → 3, rank 3 → 5
    expect(own.by_op.find((o) => o.op === 'filter_rows')).toMatchObject({ executed: 3, sessions: 2, duration_ms: { p50: 3, p95: 5 }, undone: 1, rolled_back: 0, undo_rollback_rate: 0.3333 });
    expect(own.module_runs).toMatchObject({ total: 5, success_rate: 0.6667, duration_ms: { p50: 200, p95: 400 }, by_confidence_level: { HIGH: 2, MEDIUM: 2, LOW: 1, NO_MATCH: 0 } });
    const other = await analyticsReport(t.database.db, { ...RANGE, owner: randomUUID() });
    expect(other.totals).toMatchObject({ applies: 0, steps: 0, apply_duration_ms: { p50: null, p95: null } });
    expect(other.module_runs.total).toBe(0);
    const one = await analyticsReport(t.database.db, { ...RANGE, sessionId: sessions.s3 });
    expect(one).toMatchObject({ session_id: sessions.s3, totals: { applies: 2, steps: 2, rows_removed: 7, rollbacks: 1 }, module_runs: { total: 1, by_status: { failed: 1 } } });
    const op = await analyticsReport(t.database.db, { ...RANGE, op: 'change_column_type' });
    expect(op.totals).toMatchObject({ applies: 1, applies_failed: 1, steps: 1, apply_duration_ms: { p50: 20, p95: 20 } });
  });

  it('handlers are idempotent, and a rebuild gives identical tables and the same report', async () => {
    const db = t.database.db;
    const before = await analyticsReport(db, RANGE);
    const dump = () => Promise.all(['analytics_applies', 'analytics_steps', 'analytics_versions', 'analytics_moves'].map((table) => sql`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.execute(db).then((r) => r.rows)));
    const rows = await dump();
    const all = await createEventStore(db).readAll({ transactionId: '0', position: 0 }, 100_000);
    await db.transaction().execute(async (trx) => {
      for (const projection of PROJECTIONS) await applyEvents(trx, projection, all);
    });
    expect(await dump()).toEqual(rows);
    const report = await rebuildProjections(db, { swap: false });
    expect(report.identical).toBe(true);
    expect(report.tables.map((x) => x.table)).toEqual(expect.arrayContaining(['analytics_applies', 'analytics_steps', 'analytics_versions', 'analytics_moves', 'module_runs']));
    expect(await analyticsReport(db, RANGE)).toEqual(before);
  });
});
