import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../src/api/error-handler.js';
import { registerRateLimits } from '../../src/api/security.js';
import { redisUrl, uniqueName } from '../support/services.js';

const redis = await redisUrl();

/** Two web processes (two Fastify apps) on one Redis share each caller's counts; a Redis that is gone lets requests through. */
describe.runIf(redis)('rate limits counted in Redis across web processes', () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });
  const webProcess = async (url: string, prefix: string) => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    await registerRateLimits(app, { RATE_LIMIT_PER_MIN: 5, RATE_LIMIT_HEAVY_PER_MIN: 2, REDIS_URL: url, REDIS_PREFIX: prefix }, true);
    app.get('/api/v1/sessions', async () => ({ ok: true }));
    app.post('/api/v1/sessions/:id/plan/apply', async () => ({ ok: true }));
    apps.push(app);
    return app;
  };

  it('shares the per-minute count between processes and answers 429 with Retry-After past it', async () => {
    const prefix = uniqueName('md-rl');
    const [a, b] = [await webProcess(redis!, prefix), await webProcess(redis!, prefix)];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await (i % 2 === 0 ? a : b).inject({ method: 'GET', url: '/api/v1/sessions' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await a.inject({ method: 'GET', url: '/api/v1/sessions' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Another deployment (another prefix) counts on its own.
    expect((await (await webProcess(redis!, uniqueName('md-rl'))).inject({ method: 'GET', url: '/api/v1/sessions' })).statusCode).toBe(200);
  });

  it('shares the heavy-command count too', async () => {
    const prefix = uniqueName('md-rl');
    const [a, b] = [await webProcess(redis!, prefix), await webProcess(redis!, prefix)];
    const apply = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/api/v1/sessions/x/plan/apply' });
    expect([(await apply(a)).statusCode, (await apply(b)).statusCode, (await apply(a)).statusCode]).toEqual([200, 200, 429]);
  });

  it('lets requests through when Redis cannot be reached', async () => {
    const app = await webProcess('redis://127.0.0.1:1', uniqueName('md-rl'));
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await app.inject({ method: 'GET', url: '/api/v1/sessions' })).statusCode);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
