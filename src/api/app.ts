import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createNodeDataLoader } from '../queries/node-data.js';
import type { Service } from '../service/service.js';
import { SERVICE_VERSION } from '../service/version.js';
import { frameworkErrors, hasForbiddenKey, registerErrorHandling, registerNotFound, routePattern } from './error-handler.js';
import { registerIdempotency } from './idempotency.js';
import { registerAuth } from './auth-hook.js';
import { registerCorsAndHelmet, registerRateLimits } from './security.js';
import { registerQueueGuard } from './queue-guard.js';
import { loggingOptions } from './logging.js';
import { registerInFlightDrain } from './in-flight.js';
import { createAuthenticator } from '../auth/index.js';
import { authRoutes } from './routes/auth.js';
import { dataRoutes } from './routes/data.js';
import { healthRoutes } from './routes/health.js';
import { historyRoutes } from './routes/history.js';
import { rootRoutes } from './routes/root.js';
import { sessionRoutes } from './routes/sessions.js';
import { applyRoutes } from './routes/apply.js';
import { chatRoutes } from './routes/chat.js';
import { CLOSE, liveRoutes } from './routes/live.js';
import { planRoutes } from './routes/plan.js';
import { taskRoutes } from './routes/tasks.js';
import { versionRoutes } from './routes/versions.js';
import { eventRoutes } from './routes/events.js';
import { verifyRoutes } from './routes/verify.js';
import { analyticsRoutes } from './routes/analytics.js';
import { primitiveRoutes } from './routes/primitives.js';
import { tableRoutes } from './routes/tables.js';
import { uploadRoutes } from './routes/upload.js';
import { moduleRoutes } from './routes/modules.js';
import { runRoutes } from './routes/runs.js';

const JSON_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  logger?: boolean;
}

/** The HTTP API (API.md): Fastify with zod-validated routes, one error body, and the OpenAPI page at /docs. */
export async function buildApp(service: Service, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : loggingOptions(service.config.LOG_LEVEL)),
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && given.length > 0 && given.length <= 128 ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, pattern: routePattern(route.url) });
  });
  registerNotFound(app, routes);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  registerInFlightDrain(app);
  await registerCorsAndHelmet(app, service.config);
  const authenticator = createAuthenticator(service.config);
  registerAuth(app, authenticator);
  await registerRateLimits(app, service.config, authenticator.enabled);
  registerQueueGuard(app, service.queue);

  // An empty body with Content-Type: application/json counts as {} (the original console posts that way).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const error = Object.assign(new Error('Malformed JSON body'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
      return done(error, undefined);
    }
    if (hasForbiddenKey(text)) return done(Object.assign(new Error('Forbidden property name in JSON body'), { code: 'FST_PROTO_VIOLATION', statusCode: 400 }), undefined);
    done(null, parsed);
  });

  registerIdempotency(app, service.database.db);

  await app.register(multipart, {
    limits: { fileSize: service.config.MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 },
  });

  // Before any route, so upgrades reach the WebSocket routes; on shutdown every socket closes with 1001.
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    preClose(done) {
      for (const client of this.websocketServer.clients) client.close(CLOSE.shuttingDown, 'Server shutting down');
      this.websocketServer.close();
      done();
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ModularData API', version: SERVICE_VERSION, description: 'Clean messy CSV files through plain-language requests. See API.md.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const nodeData = createNodeDataLoader(service.blobs);
  await app.register(rootRoutes);
  await app.register(healthRoutes(service));
  await app.register(
    async (api) => {
      await api.register(authRoutes);
      await api.register(sessionRoutes(service));
      await api.register(uploadRoutes(service, nodeData));
      await api.register(dataRoutes(service, nodeData));
      await api.register(historyRoutes(service, nodeData));
      await api.register(tableRoutes(service, nodeData));
      await api.register(primitiveRoutes);
      await api.register(planRoutes(service));
      await api.register(applyRoutes(service));
      await api.register(chatRoutes(service));
      await api.register(taskRoutes(service));
      await api.register(versionRoutes(service, nodeData));
      await api.register(eventRoutes(service));
      await api.register(verifyRoutes(service));
      await api.register(analyticsRoutes(service));
      await api.register(moduleRoutes(service));
      await api.register(runRoutes(service));
    },
    { prefix: '/api/v1' },
  );
  await app.register(async (live) => liveRoutes(live, service));
  return app;
}
