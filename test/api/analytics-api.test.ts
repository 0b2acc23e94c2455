import { describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../src/projections/index.js';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

const CSV = ['name,status,amount', '  Ann ,active,10', 'bob,inactive,5', 'Cara,active,7', 'dan,pending,', 'Eve,active,3'].join('\n');
const DAY_1 = '2026-11-20';
const DAY_2 = '2026-11-22';
const activeOnly = { op: 'filter_rows', params: { conditions: [{ column: 'status', operator: 'eq', value: 'active' }] } };

/**
 * A small fixed history driven through the API, and the analytics it must give, computed by hand:
 *
 * Session A on DAY_1 (5 rows × 3 columns):
 *   apply 1  trim_whitespace 5→5, filter_rows 5→3 (removes 2)              SUCCESS, node N1
 *   apply 2  add_rows 3→5 (adds 2)                                          SUCCESS, node N2
 *   apply 3  sort_rows 5→5, change_column_type fails; head_rows never runs  FAILURE
 *   undo     N2 → N1: add_rows's version undone
 * Session B on DAY_2:
 *   apply 4  one_by_one: trim_whitespace (M1), remove_columns 3→2 cols (M2), head_rows 5→4 (M3)
 *   rollback M3 → M1: remove_columns's and head_rows's versions rolled back
 *   redo     M1 → M2
 *   apply 5  filter_rows 5→3 (removes 2) on M2
 */
describe.each(targets)('analytics of a fixed history on $name', (target) => {
  let clock = new Date(`${DAY_1}T10:00:00.000Z`);
  const ctx = useTestApp(target, {}, { now: () => clock });
  const inject = ctx.inject;

  async function post(url: string, payload?: object) {
    const res = await inject({ method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function sessionWithData(): Promise<string> {
    const id = (await post('/api/v1/sessions')).session_id;
    const form = multipart('people.csv', CSV);
    const res = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  }
  async function apply(id: string, steps: object[], body: object = {}) {
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps });
    return post(`/api/v1/sessions/${id}/plan/apply?wait=30`, { confirmed: true, ...body });
  }
  const get = async (url: string) => {
    const res = await inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() };
  };

  let sessionA = '';
  let sessionB = '';

  // Five applies through the queue; generous for a loaded machine (seconds when it is idle).
  it('records the history', { timeout: 180_000 }, async () => {
    clock = new Date(`${DAY_1}T10:00:00.000Z`);
    sessionA = await sessionWithData();
    expect(await apply(sessionA, [{ op: 'trim_whitespace', params: { columns: ['name'] } }, activeOnly])).toMatchObject({ status: 'SUCCESS', rows_after: 3 });
    expect(await apply(sessionA, [{ op: 'add_rows', params: { rows: [{ name: 'Zed', status: 'active', amount: 1 }, { name: 'Yan', status: 'active', amount: 2 }] } }])).toMatchObject({ status: 'SUCCESS', rows_after: 5 });
    const failed = await apply(sessionA, [
      { op: 'sort_rows', params: { columns: ['amount'] } },
      { op: 'change_column_type', params: { column: 'name', to_type: 'integer', errors: 'raise' } },
      { op: 'head_rows', params: { n: 2 } },
    ]);
    expect(failed).toMatchObject({ status: 'FAILURE', code: 'TRANSFORMATION_FAILED' });
    await post(`/api/v1/sessions/${sessionA}/undo`);

    clock = new Date(`${DAY_2}T09:00:00.000Z`);
    sessionB = await sessionWithData();
    const each = await apply(
      sessionB,
      [{ op: 'trim_whitespace', params: { columns: ['name'] } }, { op: 'remove_columns', params: { columns: ['amount'] } }, { op: 'head_rows', params: { n: 4 } }],
      { mode: 'one_by_one' },
    );
    expect(each.node_ids).toHaveLength(3);
    await post(`/api/v1/sessions/${sessionB}/rollback`, { target_node_id: each.node_ids[0] });
    await post(`/api/v1/sessions/${sessionB}/redo`);
    expect(await apply(sessionB, [activeOnly])).toMatchObject({ status: 'SUCCESS', rows_before: 5, rows_after: 3 });
  });

  it('reports the hand-computed figures for the last 30 days', async () => {
    const { status, body } = await get('/api/v1/analytics/transformations');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2026-10-24', to: DAY_2, session_id: null, op: null });
    expect(body.totals).toMatchObject({
      applies: 5,
      applies_failed: 1,
      apply_failure_rate: 0.2,
      steps: 9,
      steps_failed: 1,
      step_failure_rate: 0.1111,
      rows_removed: 5,
      rows_added: 2,
      columns_removed: 1,
      columns_added: 0,
      top_error_codes: [{ code: 'STEP_FAILED', count: 1 }],
      undos: 1,
      redos: 1,
      rollbacks: 1,
    });
    const figures = body.by_op.map((o: Record<string, unknown>) => [o.op, o.executed, o.failed, o.failure_rate, o.rows_removed, o.rows_added, o.columns_removed, o.sessions, o.share, o.undone, o.rolled_back, o.undo_rollback_rate]);
    expect(figures).toEqual([
      ['filter_rows', 2, 0, 0, 4, 0, 0, 2, 0.2222, 0, 0, 0],
      ['trim_whitespace', 2, 0, 0, 0, 0, 0, 2, 0.2222, 0, 0, 0],
      ['add_rows', 1, 0, 0, 0, 2, 0, 1, 0.1111, 1, 0, 1],
      ['change_column_type', 1, 1, 1, 0, 0, 0, 1, 0.1111, 0, 0, 0],
      ['head_rows', 1, 0, 0, 1, 0, 0, 1, 0.1111, 0, 1, 1],
      ['remove_columns', 1, 0, 0, 0, 0, 1, 1, 0.1111, 0, 1, 1],
      ['sort_rows', 1, 0, 0, 0, 0, 0, 1, 0.1111, 0, 0, 0],
    ]);
    // Measured durations: only their shape is fixed here (the log-driven test checks the percentiles by hand).
    for (const op of body.by_op) {
      if (op.op === 'change_column_type') expect(op.duration_ms).toEqual({ p50: null, p95: null });
      else expect(op.duration_ms.p50).toBeLessThanOrEqual(op.duration_ms.p95);
    }
    expect(body.totals.apply_duration_ms.p50).toBeLessThanOrEqual(body.totals.apply_duration_ms.p95);
    expect(body.by_day).toHaveLength(30);
    expect(body.by_day[0].date).toBe('2026-10-24');
    const active = body.by_day.filter((d: { applies: number }) => d.applies > 0);
    expect(active).toEqual([
      { date: DAY_1, applies: 3, applies_failed: 1, steps: 5, steps_failed: 1, rows_removed: 2, module_runs: 0, module_runs_succeeded: 0 },
      { date: DAY_2, applies: 2, applies_failed: 0, steps: 4, steps_failed: 0, rows_removed: 3, module_runs: 0, module_runs_succeeded: 0 },
    ]);
    expect(body.by_day.find((d: { date: string }) => d.date === '2026-11-21')).toEqual({
      date: '2026-11-21', applies: 0, applies_failed: 0, steps: 0, steps_failed: 0, rows_removed: 0, module_runs: 0, module_runs_succeeded: 0,
    });
    expect(body.module_runs).toEqual({
      total: 0,
      by_status: { success: 0, warning_confirmed: 0, failed: 0, pending: 0, running: 0, cancelled: 0 },
      by_confidence_level: { HIGH: 0, MEDIUM: 0, LOW: 0, NO_MATCH: 0 },
      success_rate: 0,
      duration_ms: { p50: null, p95: null },
    });
  });

  it('narrows to one op, one session, and a range', async () => {
    const filter = (await get('/api/v1/analytics/transformations?op=filter_rows')).body;
    expect(filter.op).toBe('filter_rows');
    expect(filter.totals).toMatchObject({ applies: 2, applies_failed: 0, steps: 2, rows_removed: 4, rows_added: 0 });
    expect(filter.by_op.map((o: { op: string }) => o.op)).toEqual(['filter_rows']);
    const failing = (await get('/api/v1/analytics/transformations?op=change_column_type')).body;
    expect(failing.totals).toMatchObject({ applies: 1, applies_failed: 1, apply_failure_rate: 1, steps: 1, steps_failed: 1 });

    const a = await get(`/api/v1/sessions/${sessionA}/analytics`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ session_id: sessionA, from: '2026-10-24', to: DAY_2 });
    expect(a.body.totals).toMatchObject({ applies: 3, applies_failed: 1, apply_failure_rate: 0.3333, steps: 5, steps_failed: 1, step_failure_rate: 0.2, rows_removed: 2, rows_added: 2, undos: 1, rollbacks: 0, redos: 0 });
    const b = (await get(`/api/v1/sessions/${sessionB}/analytics?from=${DAY_2}&to=${DAY_2}`)).body;
    expect(b).toMatchObject({ from: DAY_2, to: DAY_2, session_id: sessionB });
    expect(b.by_day).toEqual([{ date: DAY_2, applies: 2, applies_failed: 0, steps: 4, steps_failed: 0, rows_removed: 3, module_runs: 0, module_runs_succeeded: 0 }]);
    expect(b.totals).toMatchObject({ applies: 2, steps: 4, columns_removed: 1, rollbacks: 1, redos: 1, undos: 0 });

    const dayOne = (await get(`/api/v1/analytics/transformations?from=${DAY_1}&to=2026-11-21`)).body;
    expect(dayOne.totals).toMatchObject({ applies: 3, steps: 5 });
    expect(dayOne.by_day.map((d: { date: string }) => d.date)).toEqual([DAY_1, '2026-11-21']);
    // Only `to`: the 30 days ending there; only `from`: up to today.
    expect((await get(`/api/v1/analytics/transformations?to=${DAY_1}`)).body).toMatchObject({ from: '2026-10-22', to: DAY_1, totals: { applies: 3 } });
    expect((await get(`/api/v1/analytics/transformations?from=2026-11-21`)).body).toMatchObject({ from: '2026-11-21', to: DAY_2, totals: { applies: 2 } });
  });

  it('refuses bad ranges and ops with 422, and another session with 404', async () => {
    const refused = async (query: string, path: string) => {
      const { status, body } = await get(`/api/v1/analytics/transformations?${query}`);
      expect(status, query).toBe(422);
      expect(body.code).toBe('VALIDATION_ERROR');
      expect(body.details.errors[0]).toMatchObject({ location: 'query', path });
    };
    await refused('from=2026-13-01', 'from');
    await refused('to=2026-02-30', 'to');
    await refused('from=yesterday', 'from');
    await refused('from=2026-11-22&to=2026-11-21', 'from');
    await refused('from=2025-01-01&to=2026-01-02', 'to');
    await refused('op=Filter%20Rows', 'op');
    expect((await get('/api/v1/analytics/transformations?from=2024-01-01&to=2024-12-31')).body.by_day).toHaveLength(366);
    expect((await get(`/api/v1/sessions/${sessionA}/analytics?from=2020-01-01&to=2026-01-01`)).status).toBe(422);
    const missing = await get('/api/v1/sessions/8b1c4f0e-0000-4000-8000-000000000000/analytics');
    expect(missing).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
  });

  it('gives the same answers after the analytics tables are rebuilt from the log', async () => {
    const before = (await get('/api/v1/analytics/transformations')).body;
    const report = await rebuildProjections(ctx.t.database.db, { swap: true });
    expect(report.tables.filter((t) => t.table.startsWith('analytics_')).map((t) => [t.table, t.identical])).toEqual([
      ['analytics_applies', true],
      ['analytics_steps', true],
      ['analytics_versions', true],
      ['analytics_moves', true],
    ]);
    expect(report.identical).toBe(true);
    expect((await get('/api/v1/analytics/transformations')).body).toEqual(before);
  });
});
