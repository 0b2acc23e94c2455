import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';
import { TEST_JWT_SECRET, testUser } from '../support/tokens.js';

const targets = await databaseTargets();

const CSV = ['name,status,amount', '  Ann ,active,10', 'bob,inactive,5', 'Cara,active,7', 'dan,pending,2'].join('\n');

type Message = Record<string, unknown> & { type: string };

/** A real client on a real socket: every text frame kept, JSON parsed; waits for a message or the close. */
function client(url: string) {
  const socket = new WebSocket(url);
  const received: (Message | string)[] = [];
  const waiters: (() => void)[] = [];
  let closed: { code: number; reason: string } | undefined;
  const notify = () => waiters.splice(0).forEach((w) => w());
  socket.on('message', (data) => {
    const text = data.toString();
    received.push(text.startsWith('{') ? (JSON.parse(text) as Message) : text);
    notify();
  });
  socket.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
    notify();
  });
  socket.on('error', () => undefined);
  const until = async <T>(check: () => T | undefined, what: string, ms = 20_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(received)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  return {
    socket,
    received,
    message: (predicate: (m: Message) => boolean, what = 'a message') => until(() => received.find((m): m is Message => typeof m !== 'string' && predicate(m)), what),
    text: (value: string) => until(() => (received.includes(value) ? value : undefined), value),
    closed: () => until(() => closed, 'the close'),
  };
}

describe.each(targets)('WebSocket /ws/sessions/{id} on $name', (target) => {
  const ctx = useTestApp(target);
  const inject = ctx.inject;
  const base = async () => {
    const app = ctx.api.app;
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };
  async function sessionWithData(): Promise<string> {
    const id = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    const form = multipart('people.csv', CSV);
    expect((await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).statusCode).toBe(200);
    return id;
  }
  const lastPosition = async (id: string) => (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/events?limit=1000` })).json().events.at(-1).position;

  it('says connected with the latest position, answers ping with pong, and closes 4004 for a missing session', async () => {
    const id = await sessionWithData();
    for (const path of [`/ws/sessions/${id}`, `/api/v1/ws/sessions/${id}`]) {
      const ws = client(`${await base()}${path}`);
      const hello = await ws.message((m) => m.type === 'connected');
      expect(hello).toEqual({ type: 'connected', session_id: id, message: 'Connected to session updates', position: await lastPosition(id) });
      ws.socket.send('ping');
      await ws.text('pong');
      ws.socket.send('something else');
      ws.socket.close();
      expect((await ws.closed()).code).toBe(1005);
    }
    for (const missing of ['0b6f4a52-2c1e-4f7e-9d38-6b1d2f3a4c5d', 'not-a-uuid']) {
      const ws = client(`${await base()}/ws/sessions/${missing}`);
      expect(await ws.closed()).toEqual({ code: 4004, reason: 'Session not found' });
    }
  });

  it('pushes task progress, the new node and the outcome of an apply, each with its position and time', async () => {
    const id = await sessionWithData();
    const ws = client(`${await base()}/ws/sessions/${id}`);
    const hello = await ws.message((m) => m.type === 'connected');
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }, { op: 'sort_rows', params: { columns: ['amount'] } }] } });
    const applied = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=120` })).json();
    expect(applied.success).toBe(true);

    const complete = await ws.message((m) => m.type === 'task_complete', 'task_complete');
    expect(complete).toMatchObject({ task_id: applied.task_id, status: 'SUCCESS', result: { node_id: applied.node_id, node_ids: [applied.node_id], transformations_applied: 2, rows_before: 4, rows_after: 4 } });
    const node = await ws.message((m) => m.type === 'node_created');
    expect(node).toMatchObject({ node_id: applied.node_id, transformation: '2 transformations on name, amount', row_count: 4, column_count: 3 });
    const progress = ws.received.filter((m): m is Message => typeof m !== 'string' && m.type === 'task_progress');
    expect(progress.map((m) => m.message)).toEqual(['Loading data...', 'Applying step 1 of 2: trim_whitespace...', 'Applying step 2 of 2: sort_rows...', 'Saving results...']);
    expect(progress.every((m) => m.task_id === applied.task_id && m.status === 'PROGRESS' && typeof m.progress === 'number')).toBe(true);
    for (const m of ws.received.slice(1) as Message[]) {
      expect(m.position as number).toBeGreaterThan(hello.position as number);
      expect(new Date(m.timestamp as string).toISOString()).toBe(m.timestamp);
    }
    // The node message comes before the outcome; both come from the one committed event.
    expect(ws.received.indexOf(node)).toBeLessThan(ws.received.indexOf(complete));

    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'change_column_type', params: { column: 'name', to_type: 'integer', errors: 'raise' } }] } });
    const failed = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=120` })).json();
    expect(await ws.message((m) => m.type === 'task_failed')).toMatchObject({ task_id: failed.task_id, status: 'FAILURE', code: 'TRANSFORMATION_FAILED', error: failed.error });
    ws.socket.close();
  });

  it('is driven by the log: an event appended by another writer reaches the socket; other sessions stay quiet', async () => {
    const id = await sessionWithData();
    const other = await sessionWithData();
    const ws = client(`${await base()}/ws/sessions/${id}`);
    await ws.message((m) => m.type === 'connected');
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'sort_rows', params: { columns: ['amount'] } }] } });
    const task = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=120` })).json().task_id;
    await ws.message((m) => m.type === 'task_complete');
    // What a separate worker process does: append to the log. Nothing in this process is told.
    await ctx.api.service.store.append(`task-${task}`, [{ type: 'TaskProgressed', data: { progress: 99, message: 'From another writer' } }], 'any');
    expect(await ws.message((m) => m.message === 'From another writer')).toMatchObject({ type: 'task_progress', task_id: task, progress: 99 });
    const form = multipart('again.csv', 'a\n1\n');
    const upload = (await inject({ method: 'POST', url: `/api/v1/sessions/${other}/upload`, payload: form.payload, headers: form.headers })).json();
    const root = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).json();
    expect(await ws.message((m) => m.type === 'node_created' && m.node_id === root.node_id)).toMatchObject({ parent_id: null, transformation: null, row_count: 1, column_count: 1 });
    expect(ws.received.some((m) => typeof m !== 'string' && m.node_id === upload.node_id)).toBe(false);
    ws.socket.close();
  });
});

describe(`WebSocket with auth on (${targets[0].name})`, () => {
  const ctx = useTestApp(targets[0], { SUPABASE_JWT_SECRET: TEST_JWT_SECRET });

  it('needs a valid token (4001), hides other users\' sessions (4004), and closes with 1001 on shutdown', async () => {
    const owner = await testUser();
    const stranger = await testUser();
    const id = (await ctx.inject({ method: 'POST', url: '/api/v1/sessions', headers: owner.headers })).json().session_id;
    await ctx.api.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `ws://127.0.0.1:${(ctx.api.app.server.address() as AddressInfo).port}/ws/sessions/${id}`;
    expect(await client(url).closed()).toEqual({ code: 4001, reason: 'Invalid token' });
    expect(await client(`${url}?token=not.a.jwt`).closed()).toEqual({ code: 4001, reason: 'Invalid token' });
    expect(await client(`${url}?token=${stranger.token}`).closed()).toEqual({ code: 4004, reason: 'Session not found' });
    const ws = client(`${url}?token=${owner.token}`);
    expect(await ws.message((m) => m.type === 'connected')).toMatchObject({ session_id: id });
    await ctx.api.app.close();
    expect(await ws.closed()).toEqual({ code: 1001, reason: 'Server shutting down' });
  });
});
