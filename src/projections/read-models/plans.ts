import { sql, type CompiledQuery } from 'kysely';
import { defineProjection, json, type QueryBuilder } from '../projection.js';

/** Absolute step numbers from the plan's full order: idempotent however often the event is applied. */
function renumber(q: QueryBuilder, planId: string, order: string[]): CompiledQuery[] {
  if (order.length === 0) return [];
  return [
    q
      .updateTable('plan_steps')
      .set({ step_number: sql<number>`array_position(${sql.val(order)}::uuid[], id)` })
      .where('plan_id', '=', planId)
      .where('id', 'in', order)
      .compile(),
  ];
}

const touch = (q: QueryBuilder, planId: string, at: Date) => q.updateTable('plans').set({ updated_at: at }).where('id', '=', planId).compile();

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
      ...renumber(q, e.data.plan_id, e.data.step_order),
      touch(q, e.data.plan_id, e.recordedAt),
    ],
    PlanStepRemoved: (e, q) => [
      q.deleteFrom('plan_steps').where('id', '=', e.data.step_id).compile(),
      ...renumber(q, e.data.plan_id, e.data.step_order),
      touch(q, e.data.plan_id, e.recordedAt),
    ],
    PlanCleared: (e, q) => [q.deleteFrom('plan_steps').where('plan_id', '=', e.data.plan_id).compile(), touch(q, e.data.plan_id, e.recordedAt)],
  },
});
