import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readAsOf } from '../../audit/time-travel.js';
import { executeSessionCommand } from '../../commands/session/execute.js';
import { planObject } from '../../queries/plans.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { asOfQuery, markAsOf } from '../as-of.js';
import { actorOf, commandContext } from '../request-context.js';
import { sessionParams, uuidParam } from '../schemas.js';

/** A step as clients send it: `transformation_type`/`parameters`, with `op`/`params` accepted as aliases. */
const stepInput = z
  .object({
    transformation_type: z.string().min(1).max(100).optional(),
    op: z.string().min(1).max(100).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    explanation: z.string().max(500).optional(),
  })
  .refine((s) => s.transformation_type !== undefined || s.op !== undefined, { message: 'transformation_type (or op) is required' })
  .transform((s) => ({ op: (s.transformation_type ?? s.op)!, params: s.parameters ?? s.params ?? {}, explanation: s.explanation }));

const addStepsBody = z.object({ steps: z.array(stepInput).min(1).max(100), position: z.number().int().min(1).optional() });

export function planRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.get('/sessions/:id/plan', { schema: { tags: ['plan'], summary: 'The open plan (as it was at `as_of`, when given)', params: sessionParams, querystring: asOfQuery } }, async (request, reply) => {
      return readAsOf(db, request.params.id, actorOf(request), request.query.as_of, async (q, point) => {
        const session = await findSession(q, request.params.id, actorOf(request));
        return markAsOf(reply, point, await planObject(q, session.id));
      });
    });

    app.post('/sessions/:id/plan/steps', { schema: { tags: ['plan'], summary: 'Add steps to the open plan (validated against the catalogue and the columns)', params: sessionParams, body: addStepsBody } }, async (request) => {
      const { id } = request.params;
      const steps = request.body.steps;
      const result = await executeSessionCommand(
        service,
        { type: 'AddPlanSteps', actor: actorOf(request), sessionId: id, stepIds: steps.map(() => randomUUID()), steps, position: request.body.position, source: 'api' },
        commandContext(service, request, { ifMatch: true }),
      );
      const added = result.events[0].type === 'PlanStepsAdded' ? result.events[0].data : undefined;
      const numbers = added ? added.steps.map((s) => added.step_order.indexOf(s.step_id) + 1) : [];
      return { plan: await planObject(db, id), steps_added: numbers };
    });

    app.delete('/sessions/:id/plan/steps/:step_number', { schema: { tags: ['plan'], summary: 'Remove one step; the rest are renumbered', params: z.object({ id: uuidParam, step_number: z.coerce.number().int().min(1).max(100_000) }) } }, async (request) => {
      const { id, step_number } = request.params;
      await executeSessionCommand(service, { type: 'RemovePlanStep', actor: actorOf(request), sessionId: id, stepNumber: step_number }, commandContext(service, request, { ifMatch: true }));
      return planObject(db, id);
    });

    app.post('/sessions/:id/plan/clear', { schema: { tags: ['plan'], summary: 'Empty the open plan', params: sessionParams } }, async (request) => {
      const { id } = request.params;
      await executeSessionCommand(service, { type: 'ClearPlan', actor: actorOf(request), sessionId: id }, commandContext(service, request, { ifMatch: true }));
      return planObject(db, id);
    });
  };
}
