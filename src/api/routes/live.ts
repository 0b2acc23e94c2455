import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { createSessionFeed } from '../live/session-feed.js';
import { uuidParam } from '../schemas.js';

/** Close codes of API.md §17. */
export const CLOSE = { serverError: 4000, invalidToken: 4001, sessionNotFound: 4004, shuttingDown: 1001 } as const;

/**
 * The WebSocket of API.md §17 at `/ws/sessions/{id}` and `/api/v1/ws/sessions/{id}`: a `connected` message with the
 * session's latest log position, `ping` → `pong`, then node_created / task_progress / task_complete / task_failed
 * as their events commit (from this process's tail of the log, see session-feed.ts). Register after
 * @fastify/websocket.
 */
export async function liveRoutes(app: FastifyInstance, service: Service): Promise<void> {
  const feed = createSessionFeed(service, { onError: (error) => app.log.error({ err: error }, 'live feed') });
  app.addHook('onClose', async () => feed.close());

  async function connect(socket: WebSocket, request: FastifyRequest<{ Params: { id: string }; Querystring: { token?: string } }>): Promise<(() => void) | undefined> {
    const sessionId = request.params.id;
    let actor: string;
    try {
      actor = app.authEnabled ? (await app.authenticate(request.query.token || undefined)).id : request.user!.id;
    } catch {
      socket.close(CLOSE.invalidToken, 'Invalid token');
      return undefined;
    }
    // Another user's session closes exactly like a missing one.
    const session = uuidParam.safeParse(sessionId).success ? await findSession(service.database.db, sessionId, actor).catch(() => undefined) : undefined;
    if (!session) {
      socket.close(CLOSE.sessionNotFound, 'Session not found');
      return undefined;
    }
    const unsubscribe = await feed.subscribe(session.id, (message) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    });
    const head = await service.database.db.selectFrom('events').select((eb) => eb.fn.max('position').as('position')).where('stream_id', '=', `session-${session.id}`).executeTakeFirst();
    socket.send(JSON.stringify({ type: 'connected', session_id: session.id, message: 'Connected to session updates', position: Number(head?.position ?? 0) }));
    return unsubscribe;
  }

  const handler = (socket: WebSocket, request: FastifyRequest<{ Params: { id: string }; Querystring: { token?: string } }>) => {
    // Handlers are attached before any await, so no early message is lost.
    socket.on('message', (data, isBinary) => {
      if (!isBinary && data.toString() === 'ping') socket.send('pong');
    });
    const connected = connect(socket, request).catch((error) => {
      request.log.error({ err: error }, 'websocket connect');
      socket.close(CLOSE.serverError, 'Server error');
      return undefined;
    });
    socket.on('close', () => void connected.then((unsubscribe) => unsubscribe?.()));
  };

  app.get('/ws/sessions/:id', { websocket: true, schema: { hide: true } }, handler);
  app.get('/api/v1/ws/sessions/:id', { websocket: true, schema: { tags: ['live'], summary: 'Live session updates (WebSocket, API.md §17)' } }, handler);
}
