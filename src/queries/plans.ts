import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const SUGGEST_FROM = 3;

/** The plan object of API.md §9.1 for a session's open plan. */
export async function planObject(db: Kysely<DB>, sessionId: string) {
  const plan = await db.selectFrom('plans').selectAll().where('session_id', '=', sessionId).orderBy('created_at').executeTakeFirstOrThrow();
  const steps = await db.selectFrom('plan_steps').selectAll().where('plan_id', '=', plan.id).orderBy('step_number').execute();
  return {
    session_id: sessionId,
    plan_id: plan.id,
    status: plan.status,
    step_count: steps.length,
    should_suggest_apply: steps.length >= SUGGEST_FROM,
    suggestion_message: steps.length >= SUGGEST_FROM ? `You have ${steps.length} transformations planned. Ready to apply them?` : null,
    task_id: plan.task_id,
    steps: steps.map((s) => ({
      step_id: s.id,
      step_number: s.step_number,
      transformation_type: s.transformation_type,
      target_columns: s.target_columns,
      parameters: s.parameters,
      explanation: s.explanation,
      estimated_rows_affected: null,
      code_preview: s.code_preview,
      source: s.source,
      created_at: s.created_at,
    })),
  };
}
