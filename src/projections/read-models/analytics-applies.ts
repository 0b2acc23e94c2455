import { sql } from 'kysely';
import type { StoredEvent } from '../../events/event-store.js';
import { defineProjection, json, streamEntityId, type QueryBuilder } from '../projection.js';

/** The UTC date of an event (API.md §1: analytics days are UTC dates). */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A step record as the engine writes it into `step_stats` (PRIMITIVES.md §1); the log only promises plain JSON. */
function stepRow(stat: Record<string, unknown>, e: StoredEvent, taskId: string, nodeId: string | null) {
  const error = stat.error as { code?: unknown } | null | undefined;
  return {
    task_id: taskId,
    step_index: Number(stat.index),
    session_id: streamEntityId(e.streamId),
    node_id: nodeId,
    op: String(stat.op),
    ok: stat.ok === true,
    rows_before: num(stat.rows_before),
    rows_after: num(stat.rows_after),
    cols_before: num(stat.cols_before),
    cols_after: num(stat.cols_after),
    duration_ms: num(stat.duration_ms),
    error_code: stat.ok === true ? null : typeof error?.code === 'string' ? error.code : null,
    recorded_at: e.recordedAt,
    day: utcDay(e.recordedAt),
  };
}

const insertSteps = (q: QueryBuilder, rows: ReturnType<typeof stepRow>[]) =>
  rows.length === 0 ? [] : [q.insertInto('analytics_steps').values(rows).onConflict((oc) => oc.columns(['task_id', 'step_index']).doNothing()).compile()];

/**
 * `analytics_applies` and `analytics_steps`: every apply task and every step that ran, with rows and columns before
 * and after and its duration. Rows are written once (a replayed event changes nothing); an outcome writes absolute
 * values onto its apply.
 */
export const analyticsAppliesProjection = defineProjection({
  name: 'analytics_applies',
  tables: ['analytics_applies', 'analytics_steps'],
  handlers: {
    PlanApplyRequested: (e, q) => [
      q
        .insertInto('analytics_applies')
        .values({
          task_id: e.data.task_id,
          session_id: streamEntityId(e.streamId),
          ops: json(e.data.steps.map((s) => s.op)),
          status: 'requested',
          requested_at: e.recordedAt,
          position: e.position,
        })
        .onConflict((oc) => oc.column('task_id').doNothing())
        .compile(),
    ],
    TransformationApplied: (e, q) => [
      q
        .updateTable('analytics_applies')
        .set({ status: 'SUCCESS', error_code: null, duration_ms: e.data.duration_ms, finished_at: e.recordedAt, day: utcDay(e.recordedAt) })
        .where('task_id', '=', e.data.task_id)
        .compile(),
      ...insertSteps(q, e.data.nodes.flatMap((n) => n.step_stats.map((s) => stepRow(s, e, e.data.task_id, n.node_id)))),
    ],
    // A cancelled apply stores nothing and is left out of every figure (API.md §14); its row says why.
    TransformationCancelled: (e, q) => [
      q.updateTable('analytics_applies').set({ status: 'CANCELLED', finished_at: e.recordedAt, day: utcDay(e.recordedAt) }).where('task_id', '=', e.data.task_id).compile(),
    ],
    TransformationFailed: (e, q) => {
      const rows = e.data.step_stats.map((s) => stepRow(s, e, e.data.task_id, null));
      const failing = rows.find((r) => !r.ok);
      const statements = [
        q
          .updateTable('analytics_applies')
          .set({
            status: 'FAILURE',
            error_code: failing?.error_code ?? e.data.code,
            duration_ms: e.data.duration_ms ?? null,
            finished_at: e.recordedAt,
            day: utcDay(e.recordedAt),
          })
          .where('task_id', '=', e.data.task_id)
          .compile(),
        ...insertSteps(q, rows),
      ];
      const index = e.data.step_index;
      if (failing || index === null || rows.some((r) => r.step_index === index)) return statements;
      // The engine refused the plan before running it: the failing step has no record, its op is the requested one.
      statements.push(
        q
          .insertInto('analytics_steps')
          .columns(['task_id', 'step_index', 'session_id', 'op', 'ok', 'error_code', 'recorded_at', 'day'])
          .expression(
            q
              .selectFrom('analytics_applies')
              .select([
                'task_id',
                sql<number>`${index}::int`.as('step_index'),
                'session_id',
                sql<string>`ops->>${index}::int`.as('op'),
                sql<boolean>`false`.as('ok'),
                sql<string>`${e.data.code}::text`.as('error_code'),
                sql<Date>`${e.recordedAt.toISOString()}::timestamptz`.as('recorded_at'),
                sql<string>`${utcDay(e.recordedAt)}::date`.as('day'),
              ])
              .where('task_id', '=', e.data.task_id)
              .where(sql<boolean>`ops->>${index}::int IS NOT NULL`),
          )
          .onConflict((oc) => oc.columns(['task_id', 'step_index']).doNothing())
          .compile(),
      );
      return statements;
    },
  },
});
