import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestApply } from '../../commands/session/apply-plan.js';
import type { Risk } from '../../commands/session/risk.js';
import { waitForTask } from '../../queries/tasks.js';
import type { Service } from '../../service/service.js';
import { actorOf, commandContext } from '../request-context.js';
import { sessionParams } from '../schemas.js';

const applyBody = z
  .object({
    mode: z.enum(['all', 'steps', 'one_by_one']).default('all'),
    step_numbers: z.array(z.number().int().min(1)).max(1000).optional(),
    confirmed: z.boolean().default(false),
  })
  .nullish()
  .transform((b) => b ?? { mode: 'all' as const, confirmed: false, step_numbers: undefined });

const applyQuery = z.object({ wait: z.coerce.number().min(0).max(120).default(30) });

const riskFields = (risk: Risk | null) => ({
  is_risky: risk?.is_risky ?? false,
  risk_level: risk?.risk_level ?? null,
  risk_reasons: risk?.risk_reasons ?? [],
  risk_preview: risk?.is_risky ? risk.risk_preview : null,
  confirmation_message: risk?.confirmation_message ?? null,
});

export function applyRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.post(
      '/sessions/:id/plan/apply',
      { schema: { tags: ['plan'], summary: 'Apply the open plan as a background task (waits up to `wait` seconds)', params: sessionParams, body: applyBody, querystring: applyQuery } },
      async (request, reply) => {
        const body = request.body;
        const decision = await requestApply(
          service,
          { sessionId: request.params.id, actor: actorOf(request), mode: body.mode, stepNumbers: body.step_numbers, confirmed: body.confirmed },
          commandContext(service, request),
        );
        const count = decision.stepNumbers.length;
        if (decision.status === 'needs_confirmation') {
          return {
            success: false,
            task_id: null,
            status: null,
            node_id: null,
            node_ids: [],
            transformations_applied: 0,
            rows_before: decision.risk.risk_preview?.rows_before ?? null,
            rows_after: null,
            steps_applied: [],
            message: decision.risk.confirmation_message,
            error: null,
            code: 'RISK_CONFIRMATION_REQUIRED',
            requires_confirmation: true,
            ...riskFields(decision.risk),
            checks: null,
          };
        }
        const task = await waitForTask(db, decision.taskId, request.query.wait, { wake: service.projector ? () => service.projector!.wake() : undefined, settle: service.settle });
        const base = { task_id: decision.taskId, steps_applied: decision.stepNumbers, requires_confirmation: false, ...riskFields(decision.risk) };
        if (task?.status === 'SUCCESS') {
          const result = task.result as { node_id: string; node_ids: string[]; transformations_applied: number; rows_before: number; rows_after: number };
          const node = await db.selectFrom('nodes').select('checks').where('id', '=', result.node_id).executeTakeFirst();
          return {
            success: true,
            status: 'SUCCESS',
            node_id: result.node_id,
            node_ids: result.node_ids,
            transformations_applied: result.transformations_applied,
            rows_before: result.rows_before,
            rows_after: result.rows_after,
            message: `Applied ${result.transformations_applied} transformation(s) successfully. Task ID: ${decision.taskId}`,
            error: null,
            code: null,
            ...base,
            checks: node?.checks ?? null,
          };
        }
        if (task?.status === 'FAILURE' || task?.status === 'CANCELLED') {
          return {
            success: false,
            status: task.status,
            node_id: null,
            node_ids: [],
            transformations_applied: 0,
            rows_before: null,
            rows_after: null,
            message: `The transformation failed: ${task.error}. Task ID: ${decision.taskId}`,
            error: task.error,
            code: task.code ?? 'TRANSFORMATION_FAILED',
            ...base,
            checks: null,
          };
        }
        reply.status(202).header('Location', `/api/v1/tasks/${decision.taskId}`);
        return {
          success: false,
          status: task?.status ?? 'PENDING',
          node_id: null,
          node_ids: [],
          transformations_applied: 0,
          rows_before: null,
          rows_after: null,
          message: `Still applying ${count} transformation(s). Task ID: ${decision.taskId}`,
          error: null,
          code: null,
          ...base,
          checks: null,
        };
      },
    );
  };
}
