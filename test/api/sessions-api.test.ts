import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.js';
import { multipart, SAMPLES_DIR, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

describe.each(targets)('sessions, upload and data API on $name', (target) => {
  const ctx = useTestApp(target);

  const inject = ctx.inject;

  async function newSession(body?: object): Promise<string> {
    const res = await inject({ method: 'POST', url: '/api/v1/sessions', payload: body });
    expect(res.statusCode).toBe(200);
    return res.json().session_id;
  }

  async function upload(sessionId: string, file: string, name = path.basename(file), fields: Record<string, string> = {}) {
    const form = multipart(name, fs.readFileSync(file), fields);
    return inject({ method: 'POST', url: `/api/v1/sessions/${sessionId}/upload`, payload: form.payload, headers: form.headers });
  }

  it('creates a session, uploads a sample, previews it — and a GET right after each POST sees the write', async () => {
    const created = await inject({ method: 'POST', url: '/api/v1/sessions' });
    expect(created.statusCode).toBe(200);
    const body = created.json();
    expect(body).toMatchObject({ status: 'draft', name: null, message: 'Session created successfully' });
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const id = body.session_id;
    const got = await inject({ method: 'GET', url: `/api/v1/sessions/${id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ session_id: id, status: 'draft', row_count: 0, column_count: 0, profile: null, original_filename: 'pending_upload.csv', version: 1 });
    expect(got.headers.etag).toBe('"1"');

    const up = await upload(id, path.join(SAMPLES_DIR, 'messy_marketing_leads.csv'));
    expect(up.statusCode).toBe(200);
    const uploaded = up.json();
    expect(uploaded).toMatchObject({ session_id: id, filename: 'messy_marketing_leads.csv', previous_root_node_id: null });
    expect(uploaded.storage_path).toMatch(/^sha256\/[0-9a-f]{64}$/);
    expect(uploaded.ingest).toMatchObject({ encoding: 'utf-8', delimiter: ',', header_row: 0 });
    expect(uploaded.ingest.content_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(uploaded.profile.row_count).toBeGreaterThan(5);
    expect(uploaded.profile.columns.map((c: { name: string }) => c.name)).toContain('email');
    expect(uploaded.preview).toHaveLength(5);

    const preview = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/preview?rows=3` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ session_id: id, node_id: uploaded.node_id, row_count: uploaded.profile.row_count });
    expect(preview.json().preview).toHaveLength(3);
    expect(preview.json().preview[0]).toEqual(uploaded.preview[0]);

    const session = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}` })).json();
    expect(session).toMatchObject({ current_node_id: uploaded.node_id, original_filename: 'messy_marketing_leads.csv', row_count: uploaded.profile.row_count });
    expect(session.profile.columns.length).toBe(session.column_count);

    const history = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json();
    expect(history).toMatchObject({ session_id: id, current_node_id: uploaded.node_id, total_nodes: 1, total_messages: 1 });
    expect(history.nodes[0]).toMatchObject({ id: uploaded.node_id, parent_id: null, kind: 'upload', is_current: true, transformation: null });
    expect(history.messages[0].content).toContain('📊 **messy_marketing_leads.csv** loaded!');
  });

  it('downloads the data as canonical CSV (formula-safe by default) and as JSON, for the current and any node', async () => {
    const id = await newSession();
    const csv = 'name,formula,amount\nAnn,=SUM(A1),1.50\nBob,@cmd,2\n';
    const form = multipart('f.csv', csv);
    const up = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).json();
    const download = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/data` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="session_${id.slice(0, 8)}_data.csv"`);
    expect(download.body).toBe("name,formula,amount\nAnn,'=SUM(A1),1.5\nBob,'@cmd,2\n");
    const raw = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/data?escape_formulas=false` });
    expect(raw.body).toBe('name,formula,amount\nAnn,=SUM(A1),1.5\nBob,@cmd,2\n');
    const json = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/data?format=json&offset=1` })).json();
    expect(json).toMatchObject({ session_id: id, node_id: up.node_id, row_count: 1, total_rows: 2, column_count: 3, data: [{ name: 'Bob', formula: '@cmd', amount: 2 }] });
    const node = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${up.node_id}/data?limit=1` });
    expect(node.headers['content-disposition']).toBe(`attachment; filename="session_${id.slice(0, 8)}_node_${up.node_id.slice(0, 8)}.csv"`);
    expect(node.body).toBe("name,formula,amount\nAnn,'=SUM(A1),1.5\n");
  });

  it('re-upload adds a second root and keeps the first reachable', async () => {
    const id = await newSession({ name: 'Keep my name' });
    const first = (await upload(id, path.join(SAMPLES_DIR, 'sales_data_raw.csv'))).json();
    const second = (await upload(id, path.join(SAMPLES_DIR, 'survey_responses.csv'))).json();
    expect(second.previous_root_node_id).toBe(first.node_id);
    const nodes = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json();
    expect(nodes.map((n: { id: string }) => n.id)).toEqual([first.node_id, second.node_id]);
    expect(nodes.map((n: { is_current: boolean }) => n.is_current)).toEqual([false, true]);
    const session = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}` })).json();
    expect(session).toMatchObject({ name: 'Keep my name', original_filename: 'Keep my name', current_node_id: second.node_id });
    const old = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${first.node_id}` });
    expect(old.json()).toMatchObject({ id: first.node_id, kind: 'upload', filename: 'sales_data_raw.csv', is_current: false });
  });

  it('lists sessions newest first with a real total, paginates, renames with If-Match and archives', async () => {
    const ids = [await newSession({ name: 'one' }), await newSession({ name: 'two' }), await newSession({ name: 'three' })];
    const page = (await inject({ method: 'GET', url: '/api/v1/sessions?page=1&page_size=2' })).json();
    expect(page.page_size).toBe(2);
    expect(page.sessions).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.sessions[0].session_id).toBe(ids[2]);
    const byOffset = (await inject({ method: 'GET', url: '/api/v1/sessions?limit=1&offset=1' })).json();
    expect(byOffset.sessions[0].session_id).toBe(ids[1]);

    const renamed = await inject({ method: 'PATCH', url: `/api/v1/sessions/${ids[0]}`, payload: { name: 'uno' }, headers: { 'if-match': '"1"' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({ session_id: ids[0], name: 'uno', message: 'Module updated successfully' });
    const stale = await inject({ method: 'PATCH', url: `/api/v1/sessions/${ids[0]}`, payload: { name: 'again' }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${ids[0]}` })).json()).toMatchObject({ name: 'uno', version: 2 });

    const archived = await inject({ method: 'DELETE', url: `/api/v1/sessions/${ids[1]}` });
    expect(archived.json()).toEqual({ session_id: ids[1], status: 'archived', message: 'Session archived successfully' });
    const again = await inject({ method: 'DELETE', url: `/api/v1/sessions/${ids[1]}` });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('SESSION_ARCHIVED');
    const active = (await inject({ method: 'GET', url: '/api/v1/sessions?page_size=100' })).json();
    expect(active.sessions.map((s: { session_id: string }) => s.session_id)).not.toContain(ids[1]);
    const onlyArchived = (await inject({ method: 'GET', url: '/api/v1/sessions?status=archived' })).json();
    expect(onlyArchived.sessions.map((s: { session_id: string }) => s.session_id)).toContain(ids[1]);
    const upload = multipart('a.csv', 'a\n1\n');
    const refused = await inject({ method: 'POST', url: `/api/v1/sessions/${ids[1]}/upload`, payload: upload.payload, headers: upload.headers });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('SESSION_ARCHIVED');
  });

  it('answers health, readiness and liveness', async () => {
    expect((await inject({ method: 'GET', url: '/api/v1/health' })).json()).toMatchObject({ status: 'healthy', environment: 'development' });
    const ready = await inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'healthy', storage: 'healthy', queue: 'healthy', projections: 'healthy' } });
    expect((await inject({ method: 'GET', url: '/api/v1/health/live' })).json().status).toBe('alive');
    expect((await inject({ method: 'GET', url: '/' })).json()).toMatchObject({ name: 'ModularData API', docs: '/docs', health: '/api/v1/health' });
    const docs = await inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toContain('/api/v1/sessions/{id}/upload');
  });
});
