import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken, LOCAL, unauthorized, type Authenticator, type AuthUser } from '../auth/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller: the token's user, or the local user with auth off. Unset on public routes with auth on. */
    user?: AuthUser;
  }
  interface FastifyInstance {
    /** Verifies a token like a REST request does (the WebSocket, which takes it as ?token=, uses this). */
    authenticate(token: string | undefined): Promise<AuthUser>;
    readonly authEnabled: boolean;
  }
}

/**
 * Route patterns that need no token (API.md §2): root, health, samples, docs; and the WebSocket, which takes its
 * token in the query and closes with 4001 itself. Judged by the matched route, not the raw URL, so no spelling of
 * a path can reach a protected route as a public one.
 */
const PUBLIC = [/^\/$/, /^\/api\/v1\/health(\/|$)/, /^\/api\/v1\/samples(\/|$)/, /^\/docs(\/|$)/, /^\/(api\/v1\/)?ws\//];

export function isPublicRoute(request: FastifyRequest): boolean {
  if (request.method === 'OPTIONS') return true; // CORS preflight carries no credentials
  const pattern = request.routeOptions.url;
  return pattern !== undefined && PUBLIC.some((p) => p.test(pattern));
}

/** Sets `request.user` on every request, answering 401 UNAUTHORIZED (with WWW-Authenticate) for a bad token. */
export function registerAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorate('authenticate', (token: string | undefined) => authenticator.authenticate(token));
  app.decorate('authEnabled', authenticator.enabled);
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request, reply) => {
    if (!authenticator.enabled) {
      request.user = LOCAL;
      return;
    }
    if (isPublicRoute(request)) return;
    try {
      const header = request.headers.authorization;
      const token = bearerToken(header);
      if (header !== undefined && token === undefined) throw unauthorized('Invalid token: expected "Authorization: Bearer <token>"');
      request.user = await authenticator.authenticate(token);
    } catch (error) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw error;
    }
  });
}
