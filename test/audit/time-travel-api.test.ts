import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPgliteTestDatabase } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

describe('time travel: as_of on the session reads (API.md §13)', () => {
  const ctx = useTestApp({ create: () => createPgliteTestDatabase() });
  const inject = ctx.inject;
  const post = (url: string, payload?: object) => inject({ method: 'POST', url, payload });
  const get = async (url: string) => {
    const r = await inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.headers['content-type']?.toString().startsWith('text/csv') ? r.body : r.json(), headers: r.headers };
  };
  const events = async (id: string) => (await get(`/api/v1/sessions/${id}/events`)).body.events as { position: number; type: string; recorded_at: string }[];

  it('answers every read as the session was right after its last event at or before the point', async () => {
    const id = (await post('/api/v1/sessions', { name: 'Travel' })).json().session_id;
    const [created] = await events(id);
    const form = multipart('t.csv', 'k,v\nb,2\na,1\nc,3\n');
    const root = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).json().node_id;
    const uploaded = (await events(id)).at(-1)!;
    const liveAfterUpload = await get(`/api/v1/sessions/${id}/data`);
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'sort_rows', params: { columns: ['k'] } }, { op: 'head_rows', params: { n: 2 } }] });
    const planned = (await events(id)).at(-1)!;
    const livePlan = (await get(`/api/v1/sessions/${id}/plan`)).body;
    const child = (await post(`/api/v1/sessions/${id}/plan/apply`, { confirmed: true })).json().node_id;
    const applied = (await events(id)).at(-1)!;
    const liveAfterApply = { session: (await get(`/api/v1/sessions/${id}`)).body, history: (await get(`/api/v1/sessions/${id}/history`)).body };
    await post(`/api/v1/sessions/${id}/undo`);
    await inject({ method: 'PATCH', url: `/api/v1/sessions/${id}`, payload: { name: 'Renamed' } });

    const at = (point: number | string) => `as_of=${encodeURIComponent(String(point))}`;
    // Before the session existed: nothing, on every read.
    for (const path of ['', '/history', '/nodes', '/plan', '/profile', '/preview', '/data']) {
      const before = await get(`/api/v1/sessions/${id}${path}?${at(created.position - 1)}`);
      expect(before.status, path).toBe(404);
      expect(before.body.code, path).toBe('SESSION_NOT_FOUND');
    }
    // Created, no data yet.
    const fresh = await get(`/api/v1/sessions/${id}?${at(created.position)}`);
    expect(fresh.body).toMatchObject({ name: 'Travel', current_node_id: null, row_count: 0, version: 1, as_of: { position: created.position, recorded_at: created.recorded_at } });
    expect(fresh.headers.etag).toBeUndefined();
    expect((await get(`/api/v1/sessions/${id}/preview?${at(created.position)}`)).body.code).toBe('NO_DATA');
    // Planned: the plan as it was, the data still the upload's.
    const plan = await get(`/api/v1/sessions/${id}/plan?${at(planned.position)}`);
    expect(plan.body).toEqual({ ...livePlan, as_of: { position: planned.position, recorded_at: planned.recorded_at } });
    expect((await get(`/api/v1/sessions/${id}/data?${at(planned.position)}`)).body).toBe(liveAfterUpload.body);
    expect((await get(`/api/v1/sessions/${id}/nodes?${at(planned.position)}`)).body.map((n: { id: string }) => n.id)).toEqual([root]);
    // Applied: the new version is current, the plan is empty, the name not yet changed.
    const session = await get(`/api/v1/sessions/${id}?${at(applied.position)}`);
    expect(session.body).toEqual({ ...liveAfterApply.session, as_of: { position: applied.position, recorded_at: applied.recorded_at } });
    expect((await get(`/api/v1/sessions/${id}/history?${at(applied.position)}`)).body).toMatchObject({ ...liveAfterApply.history, current_node_id: child });
    expect((await get(`/api/v1/sessions/${id}/preview?${at(applied.position)}`)).body).toMatchObject({ node_id: child, row_count: 2, preview: [{ k: 'a' }, { k: 'b' }] });
    expect((await get(`/api/v1/sessions/${id}/profile?${at(applied.position)}`)).body).toMatchObject({ node_id: child, row_count: 2 });
    // Now: undone and renamed — the live tables were never touched by the past reads.
    expect((await get(`/api/v1/sessions/${id}`)).body).toMatchObject({ name: 'Renamed', current_node_id: root });
    // By instant: the upload's two events share its time; the answer lands on the later one.
    const byTime = await get(`/api/v1/sessions/${id}?${at(uploaded.recorded_at)}`);
    expect(byTime.body).toMatchObject({ current_node_id: root, name: 'Travel', as_of: { position: uploaded.position } });
    expect(byTime.headers['x-as-of-position']).toBe(String(uploaded.position));
  });

  it('refuses malformed points and unknown sessions', async () => {
    const id = (await post('/api/v1/sessions')).json().session_id;
    for (const bad of ['yesterday', '-1', '2026-13-45T00:00:00Z', '1.5']) {
      const r = await get(`/api/v1/sessions/${id}?as_of=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(422);
      expect(r.body.code, bad).toBe('VALIDATION_ERROR');
    }
    expect((await get(`/api/v1/sessions/${randomUUID()}?as_of=999999999`)).body.code).toBe('SESSION_NOT_FOUND');
    expect((await get(`/api/v1/sessions/${id}?as_of=2000-01-01T00:00:00Z`)).body.code).toBe('SESSION_NOT_FOUND');
  });
});
