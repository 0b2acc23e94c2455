import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFakeSupabaseStorage, type FakeSupabaseStorage } from '../support/fake-supabase-storage.js';
import { createTestApp, multipart, type TestApp } from '../support/test-service.js';

/** The whole service on Supabase Storage (a real HTTP server standing in for it), with uploads failing on demand. */
describe('uploads through Supabase Storage with failures', () => {
  let storage: FakeSupabaseStorage;
  let t: TestDatabase;
  let api: TestApp;
  beforeAll(async () => {
    storage = await startFakeSupabaseStorage();
    t = await createPgliteTestDatabase();
    api = await createTestApp(t, { SUPABASE_URL: storage.url, SUPABASE_SERVICE_KEY: storage.serviceKey });
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
    await storage.close();
  });

  const uploads = () => storage.requests.filter((r) => r.operation === 'upload').length;
  const upload = async (content: string) => {
    const id = (await api.app.inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id as string;
    const form = multipart('data.csv', content);
    return { id, res: await api.app.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers }) };
  };

  it('creates the private bucket csv-files at start-up and reports storage healthy', async () => {
    expect(storage.buckets.get('csv-files')?.public).toBe(false);
    const ready = (await api.app.inject({ method: 'GET', url: '/api/v1/health/ready' })).json();
    expect(ready.checks.storage).toBe('healthy');
  });

  it('an upload whose first two storage writes fail (503) completes, exactly once', async () => {
    storage.failNext('upload', 2, { status: 503 });
    const before = uploads();
    const { id, res } = await upload('id,name\n1,Ada\n2,Grace\n');
    expect(res.statusCode, res.body).toBe(200);
    expect(uploads() - before).toBeGreaterThanOrEqual(3);
    const session = (await api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}` })).json();
    expect(session.row_count).toBe(2);
    const events = (await api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events` })).json();
    expect(events.events.filter((e: { type: string }) => e.type === 'FileUploaded')).toHaveLength(1);
    const history = (await api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json();
    expect(history.nodes ?? history.history).toHaveLength(1);
  });

  it('storage that stays down answers 503 with no upstream text; nothing is recorded; it recovers', async () => {
    storage.failNext('upload', 50, { status: 500 });
    const { id, res } = await upload('id\n1\n2\n');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(res.body).not.toMatch(/injected|HTTP 500|supabase|sha256/i);
    const session = (await api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}` })).json();
    expect(session.current_node_id).toBeNull();
    const events = (await api.app.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events` })).json();
    expect(events.events.map((e: { type: string }) => e.type)).toEqual(['SessionCreated']);
    storage.clearFailures();
    expect((await upload('id\n3\n4\n')).res.statusCode).toBe(200);
  });
});
