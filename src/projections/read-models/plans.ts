import { sql, type CompiledQuery } from 'kysely';
import { defineProjection, json, streamEntityId, type QueryBuilder } from '../projection.js';

/** Absolute step numbers from the plan's full order (step ids are unique): idempotent however often applied. */
function renumber(q: QueryBuilder, order: string[]): CompiledQuery[] {
  if (order.length === 0) return [];
  return [
    q
      .updateTable('plan_steps')
      .set({ step_number: sql<number>`array_position(${sql.val(order)}::uuid[], id)` })
      .where('id', 'in', order)
      .compile(),
  ];
}

const setPlan = (q: QueryBuilder, sessionId: string, values: { status?: string; task_id?: string | null; updated_at: Date }) =>
  q.updateTable('plans').set(values).where('session_id', '=', sessionId).compile();

/** `plans` and `plan_steps`: each session's open plan, steps numbered 1..n in plan order. */
export const plansProjection = defineProjection({
  name: 'plans',
  tables: ['plans', 'plan_steps'],
  handlers: {
    SessionCreated: (e, q) => [
      q
        .insertInto('plans')
        .values({ id: e.data.plan_id, session_id: e.data.session_id, status: 'planning', created_at: e.recordedAt, updated_at: e.recordedAt, task_id: null })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
    PlanStepsAdded: (e, q) => [
      q
        .insertInto('plan_steps')
        .values(
          e.data.steps.map((s) => ({
            id: s.step_id,
            plan_id: e.data.plan_id,
            step_number: e.data.step_order.indexOf(s.step_id) + 1,
            transformation_type: s.op,
            target_columns: json(s.target_columns),
            parameters: json(s.params),
            explanation: s.explanation,
            created_at: e.recordedAt,
            source: s.source,
            code_preview: s.code_preview,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
      ...renumber(q, e.data.step_order),
      setPlan(q, streamEntityId(e.streamId), { updated_at: e.recordedAt }),
    ],
    PlanStepRemoved: (e, q) => [
      q.deleteFrom('plan_steps').where('id', '=', e.data.step_id).compile(),
      ...renumber(q, e.data.step_order),
      setPlan(q, streamEntityId(e.streamId), { updated_at: e.recordedAt }),
    ],
    PlanCleared: (e, q) => [q.deleteFrom('plan_steps').where('plan_id', '=', e.data.plan_id).compile(), setPlan(q, streamEntityId(e.streamId), { updated_at: e.recordedAt })],
    PlanApplyRequested: (e, q) => [setPlan(q, streamEntityId(e.streamId), { status: 'applying', task_id: e.data.task_id, updated_at: e.recordedAt })],
    // Applied steps leave the plan; the rest stay, renumbered.
    TransformationApplied: (e, q) => [
      q.deleteFrom('plan_steps').where('id', 'in', e.data.nodes.flatMap((n) => n.steps.map((s) => s.step_id))).compile(),
      ...renumber(q, e.data.remaining_order),
      setPlan(q, streamEntityId(e.streamId), { status: 'planning', task_id: null, updated_at: e.recordedAt }),
    ],
    TransformationFailed: (e, q) => [setPlan(q, streamEntityId(e.streamId), { status: 'planning', task_id: null, updated_at: e.recordedAt })],
    TransformationCancelled: (e, q) => [setPlan(q, streamEntityId(e.streamId), { status: 'planning', task_id: null, updated_at: e.recordedAt })],
  },
});
