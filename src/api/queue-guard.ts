import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { JobQueue } from '../jobs/index.js';

/** Commands that start a background job. Chat needs the queue only in transform mode (plan mode only appends steps). */
const QUEUED = /\/(plan\/apply|run|runs\/:[a-z_]+\/confirm|tasks\/test)$/;
const CHAT = /\/chat$/;

/**
 * Redis down → a command that needs the queue fails fast with 503 before anything is appended (API.md §3), rather
 * than being accepted and left waiting. The check is one Redis round trip with no offline queue: it fails at once
 * while Redis is unreachable, and passes again as soon as it is back. The in-process queue is always available.
 */
export function registerQueueGuard(app: FastifyInstance, queue: JobQueue): void {
  if (queue.kind === 'in-process') return;
  const requireQueue = async (request: FastifyRequest) => {
    if (CHAT.test(request.routeOptions.url ?? '') && (request.body as { mode?: unknown } | undefined)?.mode !== 'transform') return;
    await queue.check();
  };
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat();
    if (!methods.includes('POST') || !(QUEUED.test(route.url ?? '') || CHAT.test(route.url ?? ''))) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), requireQueue] as RouteOptions['preHandler'];
  });
}
