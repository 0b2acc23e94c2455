import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/index.js';

/** Headers a browser client may read on a cross-origin response. */
const EXPOSED = ['x-request-id', 'etag', 'location', 'content-disposition', 'retry-after', 'idempotency-replayed', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/**
 * CORS (API.md §1: only CORS_ORIGINS in production, any origin otherwise) and security headers. Registered before
 * auth so that a 401 or 429 also carries the CORS headers a browser needs to read it.
 */
export async function registerCorsAndHelmet(app: FastifyInstance, config: Pick<Config, 'ENVIRONMENT' | 'CORS_ORIGINS'>): Promise<void> {
  const origin = config.ENVIRONMENT === 'production' ? (config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false) : true;
  await app.register(cors, { origin, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], exposedHeaders: EXPOSED, maxAge: 600 });
  // Browsers reach the API through CORS, which governs reads; CORP "cross-origin" keeps downloads usable from the console.
  await app.register(helmet, { global: true, crossOriginResourcePolicy: { policy: 'cross-origin' } });
}

/** No rate limit on root, health and docs (API.md §1). */
const EXEMPT = [/^\/$/, /^\/api\/v1\/health(\/|$)/, /^\/docs(\/|$)/];
/** Chat, upload, tables, apply and run: the expensive commands, with their own lower limit. */
const HEAVY = /\/(chat|upload|tables|plan\/apply|run|runs\/:[a-z_]+\/confirm)$/;

const callerKey = (request: FastifyRequest) => (request.user ? `user:${request.user.id}` : `ip:${request.ip}`);

function rateLimited(max: number, retryAfterS: number): AppError {
  return new AppError('RATE_LIMITED', `Rate limit exceeded: at most ${max} requests per minute. Retry in ${retryAfterS} s.`, {
    suggestion: 'Wait for the time in the Retry-After header, then retry.',
    details: { limit: max, retry_after_s: retryAfterS },
  });
}

/**
 * Where the counts live: with REDIS_URL, in Redis under REDIS_PREFIX, so every web process shares them; otherwise in
 * this process. A Redis that cannot answer lets requests through (skipOnError) rather than failing them: the queue
 * guard already answers 503 for the commands that need Redis.
 */
async function sharedCounts(app: FastifyInstance, config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX'>) {
  if (!config.REDIS_URL) return {};
  const redis = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', () => undefined); // reconnects on its own; each failed count is skipped
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  // Start counting from the first request: wait (briefly) for the connection, since commands are not queued.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise((resolve) => redis.once('ready', resolve)), new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]).finally(() => clearTimeout(timer));
  return { redis, nameSpace: `${config.REDIS_PREFIX}:rate-limit:`, skipOnError: true };
}

/**
 * Per-caller limits (API.md §1), on when auth is on: RATE_LIMIT_PER_MIN for everything, and RATE_LIMIT_HEAVY_PER_MIN
 * more for the heavy commands, counted across web processes when REDIS_URL is set. Runs after the auth hook, so the
 * caller is the token's user; unauthenticated calls count by IP.
 */
export async function registerRateLimits(app: FastifyInstance, config: Pick<Config, 'RATE_LIMIT_PER_MIN' | 'RATE_LIMIT_HEAVY_PER_MIN' | 'REDIS_URL' | 'REDIS_PREFIX'>, enabled: boolean): Promise<void> {
  if (!enabled) return;
  await app.register(rateLimit, {
    ...(await sharedCounts(app, config)),
    global: true,
    max: config.RATE_LIMIT_PER_MIN,
    timeWindow: 60_000,
    keyGenerator: callerKey,
    allowList: (request) => EXEMPT.some((p) => p.test(request.routeOptions.url ?? '')),
    errorResponseBuilder: (_request, context) => rateLimited(context.max, Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  const heavy = app.createRateLimit({ max: config.RATE_LIMIT_HEAVY_PER_MIN, timeWindow: 60_000, keyGenerator: (request) => `heavy:${callerKey(request)}` });
  const heavyLimit = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await heavy(request);
    if (result.isAllowed || !result.isExceeded) return;
    const retryAfter = Math.max(1, result.ttlInSeconds);
    reply.header('retry-after', retryAfter).header('x-ratelimit-limit', result.max).header('x-ratelimit-remaining', 0).header('x-ratelimit-reset', retryAfter);
    throw rateLimited(result.max, retryAfter);
  };
  // onRequest, so an upload over the limit is refused before its body is read.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.method !== 'POST' && !(Array.isArray(route.method) && route.method.includes('POST'))) return;
    if (!HEAVY.test(route.url ?? '')) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), heavyLimit] as RouteOptions['onRequest'];
  });
}
