import Fastify, { type FastifyInstance } from 'fastify';
import type { Service } from '../service/service.js';
import { healthRoutes } from './routes/health.js';

/**
 * The worker's own health endpoints (`/api/v1/health`, `/live`, `/ready`: the web's checks, run from the worker's
 * connections), for platforms that health-check every service over HTTP. Nothing else is served; the worker
 * listens only when WORKER_HEALTH_PORT is set.
 */
export async function startWorkerHealth(service: Service, port: number, host: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(healthRoutes(service));
  await app.listen({ port, host });
  return app;
}
