import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown waits for handlers, not only connections. Fastify's close resolves once every connection has
 * ended, but a handler whose client went away (an apply waiting `wait` seconds, say) is still running and may still
 * need the database; closing the pools under it turns its last steps into errors. Each request is tracked from
 * onRequest until its reply is being sent (onSend runs even when the client has gone) or finished, and close waits
 * for the last one, at most `graceMs`.
 */
export function registerInFlightDrain(app: FastifyInstance, graceMs = 30_000): void {
  const inFlight = new Set<string>();
  let drained: (() => void) | undefined;
  const done = (id: string) => {
    inFlight.delete(id);
    if (inFlight.size === 0) drained?.();
  };
  app.addHook('onRequest', async (request) => {
    // A WebSocket upgrade is hijacked and never replies; its socket is closed on shutdown (1001) instead.
    if (String(request.headers.upgrade ?? '').toLowerCase() === 'websocket') return;
    inFlight.add(request.id);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    done(request.id);
    return payload;
  });
  app.addHook('onResponse', async (request) => {
    done(request.id);
  });
  app.addHook('onClose', async () => {
    if (inFlight.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  });
}
