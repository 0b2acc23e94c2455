import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SERVICE_VERSION } from '../../service/version.js';

export const rootRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { hide: true } }, async () => ({
    name: 'ModularData API',
    version: SERVICE_VERSION,
    docs: '/docs',
    health: '/api/v1/health',
  }));
};
