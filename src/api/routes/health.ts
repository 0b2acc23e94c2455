import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Service } from '../../service/service.js';
import { SERVICE_VERSION } from '../../service/version.js';
import { projectionLag } from '../../projections/lag.js';

const CHECK_TIMEOUT_MS = 2000;
const LAG_LIMIT_MS = 30_000;

type Check = 'healthy' | 'unhealthy: timeout' | 'unhealthy: unreachable' | 'unhealthy: error' | 'unhealthy: lagging';

/** Runs one readiness check with a time limit; raw error text never reaches the client. */
async function check(run: () => Promise<Check | void>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => (timer = setTimeout(() => resolve('unhealthy: timeout'), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([run().then((r) => r ?? 'healthy'), timeout]);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|SERVICE_UNAVAILABLE/.test(code) ? 'unhealthy: unreachable' : 'unhealthy: error';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(service: Service): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/health', { schema: { tags: ['health'], summary: 'Service health' } }, async () => ({
      status: 'healthy',
      timestamp: new Date().toISOString(),
      environment: service.config.ENVIRONMENT,
      version: SERVICE_VERSION,
    }));

    app.get('/api/v1/health/live', { schema: { tags: ['health'], summary: 'Liveness' } }, async () => ({
      status: 'alive',
      timestamp: new Date().toISOString(),
    }));

    app.get('/api/v1/health/ready', { schema: { tags: ['health'], summary: 'Readiness of database, storage, queue and projections' } }, async (_request, reply) => {
      const [database, storage, queue, projections] = await Promise.all([
        check(async () => {
          await sql`SELECT 1`.execute(service.database.db);
        }),
        check(() => service.blobs.check()),
        check(() => service.queue.check()),
        check(async () => ((await projectionLag(service.database.db)) > LAG_LIMIT_MS ? 'unhealthy: lagging' : 'healthy')),
      ]);
      const checks = { database, storage, queue, projections };
      const ready = Object.values(checks).every((c) => c === 'healthy');
      reply.status(ready ? 200 : 503);
      if (!ready) reply.header('Retry-After', '5');
      return { status: ready ? 'ready' : 'degraded', checks, timestamp: new Date().toISOString() };
    });
  };
}
