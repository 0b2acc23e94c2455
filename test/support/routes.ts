import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  method: string;
  /** The route pattern, e.g. /api/v1/sessions/:id/nodes/:nid. */
  url: string;
}

/**
 * Every route the app serves (HEAD left out), read from `printRoutes`' tree, so a test that must cover "every route"
 * also covers routes added after it was written.
 */
export function listRoutes(app: FastifyInstance): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│]*)[└├]── (.+?) \(([^)]+)\)\s*$/.exec(line);
    if (!match) continue;
    const depth = match[1].length;
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop();
    const path = (stack[stack.length - 1]?.path ?? '') + match[2];
    stack.push({ depth, path });
    for (const method of match[3].split(',').map((m) => m.trim())) if (method !== 'HEAD') routes.push({ method, url: path });
  }
  return routes;
}
