import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { createEventStore, type DomainEvent } from '../../src/events/index.js';

/** A fixed analytics history appended straight to the log, with known durations (test/projections/analytics-projections.test.ts). */
export const OWNER_1 = randomUUID();
export const OWNER_2 = randomUUID();
export const RANGE = { from: '2026-11-01', to: '2026-11-03' };

type Stat = [op: string, rowsBefore: number, rowsAfter: number | null, colsBefore: number, colsAfter: number | null, durationMs: number, errorCode?: string];

const stepStats = (stats: Stat[]) =>
  stats.map(([op, rows_before, rows_after, cols_before, cols_after, duration_ms, code], index) => ({
    index,
    op,
    params: {},
    ok: code === undefined,
    rows_before,
    rows_after,
    cols_before,
    cols_after,
    duration_ms,
    warnings: [],
    error: code === undefined ? null : { code, step_index: index, op, param: null, message: `Step ${index + 1} (${op}): failed` },
  }));

const requested = (taskId: string, ops: string[]): DomainEvent => ({
  type: 'PlanApplyRequested',
  data: {
    task_id: taskId,
    plan_id: randomUUID(),
    base_node_id: randomUUID(),
    mode: 'all',
    steps: ops.map((op) => ({ step_id: randomUUID(), op, params: {} })),
    remaining_order: [],
    reference_time: '2026-11-01T00:00:00.000Z',
    tables: [],
    confirmed: true,
  },
});

const applied = (taskId: string, parentId: string, nodeId: string, stats: Stat[], durationMs: number): DomainEvent => ({
  type: 'TransformationApplied',
  data: {
    task_id: taskId,
    nodes: [
      {
        node_id: nodeId,
        parent_id: parentId,
        steps: stats.map(([op]) => ({ step_id: randomUUID(), op, params: {} })),
        transformation: 'test',
        transformation_code: '',
        content_hash: `sha256:${nodeId}`,
        storage_key: nodeId,
        row_count: stats.at(-1)![2]!,
        column_count: stats.at(-1)![4]!,
        columns: [],
        profile: {},
        step_stats: stepStats(stats),
        checks: {},
      },
    ],
    remaining_order: [],
    engine_version: 'test',
    rows_before: stats[0][1],
    rows_after: stats.at(-1)![2]!,
    duration_ms: durationMs,
  },
});

const failed = (taskId: string, stats: Stat[], stepIndex: number, durationMs?: number): DomainEvent => ({
  type: 'TransformationFailed',
  data: {
    task_id: taskId,
    code: 'TRANSFORMATION_FAILED',
    error: 'failed',
    step_index: stepIndex,
    step_stats: stepStats(stats),
    engine_version: 'test',
    ...(durationMs === undefined ? {} : { duration_ms: durationMs }),
  },
});

const moved = (reason: 'undo' | 'redo' | 'rollback', from: string, to: string): DomainEvent => ({ type: 'CurrentNodeChanged', data: { from_node_id: from, to_node_id: to, reason } });

const timings = { schema_match_ms: 1, transform_ms: 1, upload_ms: 1 };
const runRequested = (runId: string, level: 'HIGH' | 'MEDIUM' | 'LOW' | 'NO_MATCH', taskId: string | null): DomainEvent => ({
  type: 'ModuleRunRequested',
  data: {
    run_id: runId,
    module_version: 1,
    task_id: taskId,
    force: false,
    reference_time: '2026-11-01T00:00:00.000Z',
    input: { filename: 'in.csv', size_bytes: 10, original_hash: 'h', original_key: 'k', content_hash: 'h', storage_key: 'k', row_count: 1, column_count: 1, columns: [], ingest: {} },
    confidence_score: { HIGH: 90, MEDIUM: 70, LOW: 50, NO_MATCH: 10 }[level],
    confidence_level: level,
    column_mappings: [],
    discrepancies: [],
    timings: { schema_match_ms: 1, upload_ms: 1 },
  },
});
const runCompleted = (runId: string, taskId: string, status: 'success' | 'warning_confirmed', durationMs: number): DomainEvent => ({
  type: 'ModuleRunCompleted',
  data: { run_id: runId, task_id: taskId, status, output_hash: 'h', output_key: 'k', row_count: 1, column_count: 1, columns: [], step_stats: [], discrepancies: [], engine_version: 'test', timings, duration_ms: durationMs, message: 'done' },
});
const runFailed = (runId: string, durationMs: number): DomainEvent => ({
  type: 'ModuleRunFailed',
  data: { run_id: runId, task_id: null, code: 'SCHEMA_MISMATCH', error: 'Schema confidence too low.', error_details: null, step_stats: [], engine_version: 'test', timings, duration_ms: durationMs },
});

/**
 * A fixed log with known durations, appended directly (the API test cannot fix measured durations):
 *
 * S1 (owner 1), 2026-11-01: T1 filter_rows 10→6 (5 ms), trim_whitespace 6→6 (2 ms), apply 40 ms → V1
 *                           T2 filter_rows 6→5 (1 ms), apply 10 ms → V2; undo V2 → V1
 *                           runs: R1 HIGH success 200 ms; R2 MEDIUM pending → confirmed → warning_confirmed 400 ms
 * S2 (owner 1), 2026-11-03: T3 filter_rows 8→8 (3 ms), add_rows 8→10 (4 ms), apply 30 ms → V3
 *                           T4 sort_rows 10→10 (6 ms), change_column_type fails TYPE_MISMATCH (8 ms), apply 20 ms
 *                           T5 refused before running: head_rows, no step record, no duration
 *                           T6 requested, never finished (left out); T7 requested, then cancelled (left out)
 *                           runs: R3 LOW failed 50 ms; R4 MEDIUM pending; R5 HIGH running
 * S3 (owner 2), 2026-11-03: T8 filter_rows 5→0, 3→2 columns (9 ms), apply 50 ms → V8; rollback V8 → root
 *                           T9 filter_rows 4→2 (7 ms), apply 60 ms → V9 (parent V8, created before the rollback)
 *                           runs: R6 NO_MATCH failed 100 ms
 * 2026-10-31 (outside the range): T0 filter_rows 3→1 (100 ms), apply 100 ms.
 */
export async function recordHistory(db: Kysely<DB>) {
  const store = createEventStore(db);
  const sessions = { s1: randomUUID(), s2: randomUUID(), s3: randomUUID() };
  const roots = { s1: randomUUID(), s2: randomUUID(), s3: randomUUID() };
  const [v1, v2, v3, v8, v9] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [t0, t1, t2, t3, t4, t5, t6, t7, t8, t9] = Array.from({ length: 10 }, () => randomUUID());
  const [r1, r2, r3, r4, r5, r6] = Array.from({ length: 6 }, () => randomUUID());
  const owners = { s1: OWNER_1, s2: OWNER_1, s3: OWNER_2 };
  const append = (session: keyof typeof sessions, at: string, events: DomainEvent[]) =>
    store.append(`session-${sessions[session]}`, events, 'any', { recordedAt: new Date(at), metadata: { actor: owners[session] } });
  for (const [key, owner] of Object.entries(owners) as [keyof typeof sessions, string][]) {
    await store.append(`session-${sessions[key]}`, [{ type: 'SessionCreated', data: { session_id: sessions[key], owner_id: owner, plan_id: randomUUID(), name: key, metadata: {} } }], 'no_stream', {
      recordedAt: new Date('2026-10-30T08:00:00.000Z'),
      metadata: { actor: owner },
    });
  }
  await append('s1', '2026-10-31T23:59:59.999Z', [requested(t0, ['filter_rows']), applied(t0, roots.s1, randomUUID(), [['filter_rows', 3, 1, 3, 3, 100]], 100)]);
  await append('s1', '2026-11-01T00:00:00.000Z', [requested(t1, ['filter_rows', 'trim_whitespace'])]);
  await append('s1', '2026-11-01T00:00:01.000Z', [applied(t1, roots.s1, v1, [['filter_rows', 10, 6, 3, 3, 5], ['trim_whitespace', 6, 6, 3, 3, 2]], 40)]);
  await append('s1', '2026-11-01T10:00:00.000Z', [requested(t2, ['filter_rows']), applied(t2, v1, v2, [['filter_rows', 6, 5, 3, 3, 1]], 10), moved('undo', v2, v1)]);
  await append('s1', '2026-11-01T11:00:00.000Z', [runRequested(r1, 'HIGH', randomUUID()), runCompleted(r1, randomUUID(), 'success', 200)]);
  const confirmTask = randomUUID();
  await append('s1', '2026-11-01T12:00:00.000Z', [runRequested(r2, 'MEDIUM', null), { type: 'ModuleRunAwaitingConfirmation', data: { run_id: r2, message: 'confirm' } }]);
  await append('s1', '2026-11-04T12:00:00.000Z', [{ type: 'ModuleRunConfirmed', data: { run_id: r2, task_id: confirmTask } }, runCompleted(r2, confirmTask, 'warning_confirmed', 400)]);

  await append('s2', '2026-11-03T09:00:00.000Z', [requested(t3, ['filter_rows', 'add_rows']), applied(t3, roots.s2, v3, [['filter_rows', 8, 8, 3, 3, 3], ['add_rows', 8, 10, 3, 3, 4]], 30)]);
  await append('s2', '2026-11-03T09:10:00.000Z', [requested(t4, ['sort_rows', 'change_column_type', 'head_rows']), failed(t4, [['sort_rows', 10, 10, 3, 3, 6], ['change_column_type', 10, null, 3, null, 8, 'TYPE_MISMATCH']], 1, 20)]);
  await append('s2', '2026-11-03T09:20:00.000Z', [requested(t5, ['head_rows']), failed(t5, [], 0)]);
  await append('s2', '2026-11-03T09:30:00.000Z', [requested(t6, ['sort_rows'])]);
  await append('s2', '2026-11-03T09:40:00.000Z', [requested(t7, ['sort_rows']), { type: 'TransformationCancelled', data: { task_id: t7, reason: 'Cancelled by the user', was_running: false } }]);
  await append('s2', '2026-11-03T10:00:00.000Z', [runRequested(r3, 'LOW', null), runFailed(r3, 50)]);
  await append('s2', '2026-11-03T10:10:00.000Z', [runRequested(r4, 'MEDIUM', null), { type: 'ModuleRunAwaitingConfirmation', data: { run_id: r4, message: 'confirm' } }]);
  await append('s2', '2026-11-03T10:20:00.000Z', [runRequested(r5, 'HIGH', randomUUID())]);

  await append('s3', '2026-11-03T23:00:00.000Z', [requested(t8, ['filter_rows']), applied(t8, roots.s3, v8, [['filter_rows', 5, 0, 3, 2, 9]], 50)]);
  await append('s3', '2026-11-03T23:10:00.000Z', [requested(t9, ['filter_rows']), applied(t9, v8, v9, [['filter_rows', 4, 2, 2, 2, 7]], 60)]);
  await append('s3', '2026-11-03T23:20:00.000Z', [moved('rollback', v9, roots.s3)]);
  await append('s3', '2026-11-03T23:30:00.000Z', [runRequested(r6, 'NO_MATCH', null), runFailed(r6, 100)]);
  return sessions;
}
