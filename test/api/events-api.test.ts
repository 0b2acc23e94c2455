import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

describe('session event log API', () => {
  const ctx = useTestApp({ create: () => createPgliteTestDatabase() });

  it('pages through the stream oldest first, filters by type, and records actor and request ids', async () => {
    const id = (await ctx.api.app.inject({ method: 'POST', url: '/api/v1/sessions', headers: { 'x-request-id': 'req-1' } })).json().session_id;
    const form = multipart('a.csv', 'a,b\n1,2\n');
    await ctx.api.app.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
    await ctx.api.app.inject({ method: 'PATCH', url: `/api/v1/sessions/${id}`, payload: { name: 'x' } });
    const all = (await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events` })).json();
    expect(all).toMatchObject({ session_id: id, total: 4, has_more: false });
    expect(all.events.map((e: { type: string }) => e.type)).toEqual(['SessionCreated', 'FileUploaded', 'AssistantReplied', 'SessionRenamed']);
    expect(all.events.map((e: { stream_version: number }) => e.stream_version)).toEqual([1, 2, 3, 4]);
    expect(all.events[0].metadata).toMatchObject({ actor: '00000000-0000-0000-0000-000000000000', request_id: 'req-1' });
    expect(all.events[1].data.storage_key).toMatch(/^sha256\//);
    const page = (await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events?limit=2` })).json();
    expect(page).toMatchObject({ has_more: true, next_after: all.events[1].position });
    const rest = (await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events?after=${page.next_after}` })).json();
    expect(rest.events.map((e: { type: string }) => e.type)).toEqual(['AssistantReplied', 'SessionRenamed']);
    const typed = (await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events?types=FileUploaded,SessionRenamed` })).json();
    expect(typed.events.map((e: { type: string }) => e.type)).toEqual(['FileUploaded', 'SessionRenamed']);
    expect((await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events?types=Bogus` })).statusCode).toBe(422);
    expect((await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${randomUUID()}/events` })).json().code).toBe('SESSION_NOT_FOUND');
  });
});
