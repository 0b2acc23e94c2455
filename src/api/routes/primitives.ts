import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogueEntry, CATEGORIES, getPrimitive, listPrimitives } from '../../engine/plan/index.js';
import { AppError } from '../../errors/index.js';

/** GET /primitives and /primitives/{name} (API.md §15): the catalogue, generated from the engine's registry. */
export const primitiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/primitives',
    { schema: { tags: ['primitives'], summary: 'The transform catalogue', querystring: z.object({ category: z.enum(CATEGORIES as [string, ...string[]]).optional() }) } },
    async (request) => {
      const all = listPrimitives();
      const shown = request.query.category ? all.filter((p) => p.category === request.query.category) : all;
      return {
        count: shown.length,
        categories: CATEGORIES.map((name) => ({ name, count: all.filter((p) => p.category === name).length })),
        primitives: shown.map(catalogueEntry),
      };
    },
  );

  app.get('/primitives/:name', { schema: { tags: ['primitives'], summary: 'One primitive', params: z.object({ name: z.string().max(100) }) } }, async (request) => {
    const primitive = getPrimitive(request.params.name);
    if (!primitive) {
      throw new AppError('PRIMITIVE_NOT_FOUND', `Primitive not found: ${request.params.name}`, {
        suggestion: 'List the catalogue with GET /api/v1/primitives.',
        details: { name: request.params.name },
      });
    }
    return catalogueEntry(primitive);
  });
};
