import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

describe.each(targets)('Idempotency-Key on $name', (target) => {
  const ctx = useTestApp(target);
  const create = (key: string, body: object = { name: 'n' }) => ctx.api.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: body, headers: { 'idempotency-key': key } });
  const count = async () => (await ctx.api.app.inject({ method: 'GET', url: '/api/v1/sessions?page_size=100' })).json().total as number;

  it('returns the first response to a repeat and appends nothing', async () => {
    const before = await count();
    const first = await create('key-1');
    const again = await create('key-1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it('answers a key reused for a different request with 422', async () => {
    await create('key-2', { name: 'a' });
    const reused = await create('key-2', { name: 'b' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('runs concurrent repeats once', async () => {
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 6 }, () => create('key-3')));
    expect(new Set(answers.map((a) => a.json().session_id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('treats the same multipart fields and file as the same upload whatever the boundary', async () => {
    const id = (await create(randomUUID())).json().session_id;
    const send = () => {
      const form = multipart('a.csv', 'x,y\n1,2\n', { delimiter: ',' });
      return ctx.api.app.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: { ...form.headers, 'idempotency-key': 'upload-1' } });
    };
    const first = await send();
    const second = await send();
    expect(second.json().node_id).toBe(first.json().node_id);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect((await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json()).toHaveLength(1);
  });

  it('keeps 4xx answers, and refuses a key of the wrong length', async () => {
    const missing = randomUUID();
    const first = await ctx.api.app.inject({ method: 'PATCH', url: `/api/v1/sessions/${missing}`, payload: { name: 'x' }, headers: { 'idempotency-key': 'key-4' } });
    const again = await ctx.api.app.inject({ method: 'PATCH', url: `/api/v1/sessions/${missing}`, payload: { name: 'x' }, headers: { 'idempotency-key': 'key-4' } });
    expect(first.statusCode).toBe(404);
    expect(again.statusCode).toBe(404);
    expect(again.headers['idempotency-replayed']).toBe('true');
    const long = await create('k'.repeat(256));
    expect(long.statusCode).toBe(422);
  });
});
