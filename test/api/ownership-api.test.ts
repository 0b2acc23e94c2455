import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.js';
import { listRoutes } from '../support/routes.js';
import { multipart, useTestApp } from '../support/test-service.js';
import { TEST_JWT_SECRET, testUser } from '../support/tokens.js';

/**
 * Two users with their own tokens (API.md §2): user B, sent to every route of the app with user A's ids, gets exactly
 * what a missing resource gets — 404, same code, same detail — and nothing of A's changes. The routes come from the
 * app itself, so a route added later is covered too.
 */
const targets = await databaseTargets();
const target = targets[targets.length - 1];

const CSV = 'name,status,amount\nAnn,active,10\nbob,inactive,5\nbob,inactive,5\nCara,active,7\n';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Routes with nothing owned behind them, or owned by whoever calls, and the WebSocket (all checked separately below). */
const UNOWNED = /^\/$|^\/docs|^\/api\/v1\/(health|samples|auth|primitives)(\/|$)|^\/(api\/v1\/)?ws\//;
/** Multipart routes: sent a file so that only ownership can refuse them. */
const MULTIPART = /\/(upload|tables|run)$/;

describe(`ownership on ${target.name}`, () => {
  const ctx = useTestApp(target, { SUPABASE_JWT_SECRET: TEST_JWT_SECRET });

  it('user B gets 404 on every route with user A ids, like a missing resource, and A is unchanged', async () => {
    const a = await testUser();
    const b = await testUser();
    const as = (user: { headers: Record<string, string> }, options: InjectOptions) =>
      ctx.inject({ ...options, headers: { ...user.headers, ...(options.headers as Record<string, string>) } });
    const routes = listRoutes(ctx.api.app);
    const has = (method: string, url: string) => routes.some((r) => r.method === method && r.url === url);

    // A builds a session with data, a plan, an applied version, a task, an attached table (and a chat, a module run
    // when those routes exist).
    const sessionId = (await as(a, { method: 'POST', url: '/api/v1/sessions', payload: { name: 'A private' } })).json().session_id as string;
    const form = multipart('people.csv', CSV);
    const upload = (await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/upload`, payload: form.payload, headers: form.headers })).json();
    const rootNode = upload.node_id as string;
    await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/plan/steps`, payload: { steps: [{ op: 'remove_duplicates', params: {} }] } });
    const applied = (await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/plan/apply?wait=30`, payload: { confirmed: true } })).json();
    expect(applied.status, JSON.stringify(applied)).toBe('SUCCESS');
    await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/plan/steps`, payload: { steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }] } });
    const tableForm = multipart('regions.csv', 'code,region\nNO,Nordics\n');
    const table = (await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/tables`, payload: tableForm.payload, headers: tableForm.headers })).json();
    const ids: Record<string, string> = { id: sessionId, session_id: sessionId, nid: applied.node_id, task_id: applied.task_id, table_id: table.table_id, step_number: '1' };
    if (has('POST', '/api/v1/sessions/:id/chat')) {
      const chat = await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/chat`, payload: { message: 'show plan' } });
      expect(chat.statusCode, chat.body).toBe(200);
    }
    if (has('POST', '/api/v1/sessions/:id/deploy') && has('POST', '/api/v1/sessions/:id/run')) {
      await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/deploy` });
      const runForm = multipart('people.csv', CSV);
      const run = (await as(a, { method: 'POST', url: `/api/v1/sessions/${sessionId}/run?wait=30`, payload: runForm.payload, headers: runForm.headers })).json();
      if (run.run_id) ids.rid = ids.run_id = run.run_id;
    }

    const snapshot = async () => {
      const get = async (url: string) => (await as(a, { method: 'GET', url })).json();
      return {
        session: await get(`/api/v1/sessions/${sessionId}`),
        history: await get(`/api/v1/sessions/${sessionId}/history`),
        plan: await get(`/api/v1/sessions/${sessionId}/plan`),
        tables: await get(`/api/v1/sessions/${sessionId}/tables`),
        tasks: await get(`/api/v1/sessions/${sessionId}/tasks`),
        events: await get(`/api/v1/sessions/${sessionId}/events?limit=1000`),
        task: await get(`/api/v1/tasks/${applied.task_id}`),
        data: (await as(a, { method: 'GET', url: `/api/v1/sessions/${sessionId}/data?format=csv` })).body,
      };
    };
    const before = await snapshot();

    const body = { name: 'renamed by B', message: 'remove duplicate rows', target_node_id: rootNode, steps: [{ op: 'remove_duplicates', params: {} }], confirmed: true };
    const request = (route: { method: string; url: string }, values: Record<string, string>): InjectOptions => {
      const url = route.url.replace(/:([a-z_]+)/g, (_m, name: string) => values[name] ?? randomUUID());
      if (route.method === 'GET' || route.method === 'DELETE') return { method: route.method as 'GET', url };
      if (MULTIPART.test(route.url)) {
        const file = multipart('people.csv', CSV, { name: 'lookup' });
        return { method: route.method as 'POST', url, payload: file.payload, headers: file.headers };
      }
      return { method: route.method as 'POST', url, payload: body };
    };
    const normalized = (res: { statusCode: number; json(): { code: string; detail: string } }) => ({
      status: res.statusCode,
      code: res.json().code,
      detail: String(res.json().detail).replace(UUID, '<id>'),
    });

    const checked: string[] = [];
    for (const route of routes) {
      if (UNOWNED.test(route.url) || !route.url.includes(':')) continue;
      const missingIds = Object.fromEntries(Object.keys(ids).map((k) => [k, k === 'step_number' ? '1' : randomUUID()]));
      const withAIds = await as(b, request(route, ids));
      const missing = await as(b, request(route, missingIds));
      const label = `${route.method} ${route.url}`;
      expect(withAIds.statusCode, `${label}: ${withAIds.body}`).toBe(404);
      expect(normalized(withAIds), label).toEqual(normalized(missing));
      // Also with a point in time (as_of) where a route reads the past.
      if (route.method === 'GET') {
        const past = await as(b, { ...request(route, ids), url: `${request(route, ids).url}?as_of=1` });
        expect(past.statusCode, `${label}?as_of=1: ${past.body}`).toBe(404);
      }
      checked.push(label);
    }
    // The routes every deployment has, at least, were among them.
    expect(checked).toEqual(expect.arrayContaining([
      'GET /api/v1/sessions/:id', 'PATCH /api/v1/sessions/:id', 'DELETE /api/v1/sessions/:id', 'POST /api/v1/sessions/:id/upload',
      'GET /api/v1/sessions/:id/nodes/:nid/data', 'POST /api/v1/sessions/:id/plan/apply', 'GET /api/v1/tasks/:task_id', 'DELETE /api/v1/tasks/:task_id',
      'GET /api/v1/sessions/:id/tables/:table_id', 'GET /api/v1/sessions/:id/events', 'POST /api/v1/sessions/:id/rollback',
    ]));

    // Routes without ids answer with B's own things only.
    const list = (await as(b, { method: 'GET', url: '/api/v1/sessions' })).json();
    expect(list.total).toBe(0);
    if (has('GET', '/api/v1/analytics/transformations')) {
      const report = (await as(b, { method: 'GET', url: '/api/v1/analytics/transformations' })).json();
      expect(report.totals.applies).toBe(0);
    }
    if (has('POST', '/api/v1/feedback')) {
      const feedback = await as(b, { method: 'POST', url: '/api/v1/feedback', payload: { session_id: sessionId, message_id: randomUUID(), rating: 'positive' } });
      expect(feedback.statusCode).toBe(404);
      expect(feedback.json().code).toBe('SESSION_NOT_FOUND');
    }

    // The WebSocket: B's token on A's session closes 4004, exactly like a missing session; A's own connects.
    if (routes.some((r) => r.url === '/ws/sessions/:id')) {
      const address = await ctx.api.app.listen({ port: 0, host: '127.0.0.1' });
      const ws = address.replace('http', 'ws');
      const closeCode = (url: string) =>
        new Promise<number | string>((resolve) => {
          const socket = new WebSocket(url);
          socket.on('message', (data) => {
            const message = JSON.parse(String(data)) as { type: string };
            if (message.type === 'connected') {
              socket.close();
              resolve('connected');
            }
          });
          socket.on('close', (code) => resolve(code));
          socket.on('error', () => undefined);
        });
      expect(await closeCode(`${ws}/ws/sessions/${sessionId}?token=${b.token}`)).toBe(4004);
      expect(await closeCode(`${ws}/ws/sessions/${randomUUID()}?token=${b.token}`)).toBe(4004);
      expect(await closeCode(`${ws}/api/v1/ws/sessions/${sessionId}?token=${b.token}`)).toBe(4004);
      expect(await closeCode(`${ws}/ws/sessions/${sessionId}?token=not-a-token`)).toBe(4001);
      expect(await closeCode(`${ws}/ws/sessions/${sessionId}?token=${a.token}`)).toBe('connected');
    }

    expect(await snapshot()).toEqual(before);
    // And A still sees and changes its own session.
    expect((await as(a, { method: 'PATCH', url: `/api/v1/sessions/${sessionId}`, payload: { name: 'still mine' } })).statusCode).toBe(200);
  });
});
