import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { createTestApp, multipart, type TestApp } from '../support/test-service.js';

describe('malformed requests get a 4xx with {detail, code}, never a 5xx, and change nothing', () => {
  let t: TestDatabase;
  let api: TestApp;
  let sessionId: string;
  beforeAll(async () => {
    t = await createPgliteTestDatabase();
    api = await createTestApp(t, { MAX_UPLOAD_MB: '1' });
    sessionId = (await api.app.inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
  });

  async function expectError(options: InjectOptions, status: number, code: string) {
    const res = await api.app.inject(options);
    expect(res.statusCode, res.body).toBe(status);
    const body = res.json();
    expect(body.code).toBe(code);
    expect(typeof body.detail).toBe('string');
    expect(body.detail.length).toBeGreaterThan(0);
    return body;
  }

  const uploadTo = (id: string, filename: string | null, content: Buffer | string, fields?: Record<string, string>): InjectOptions => {
    const form = multipart(filename, content, fields);
    return { method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers };
  };

  it('refuses a non-CSV file type, listing the allowed types', async () => {
    const body = await expectError(uploadTo(sessionId, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])), 400, 'INVALID_FILE_TYPE');
    expect(body.details.allowed_types).toEqual(['.csv', '.tsv', '.txt']);
  });

  it('refuses an empty file and a header-only file', async () => {
    await expectError(uploadTo(sessionId, 'empty.csv', ''), 400, 'FILE_READ_ERROR');
    await expectError(uploadTo(sessionId, 'header.csv', 'a,b,c\n'), 400, 'FILE_READ_ERROR');
  });

  it('refuses binary content disguised as CSV', async () => {
    await expectError(uploadTo(sessionId, 'bin.csv', Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 8, 0])), 400, 'FILE_READ_ERROR');
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = `a,b\n${'x,y\n'.repeat(300_000)}`;
    const body = await expectError(uploadTo(sessionId, 'big.csv', big), 413, 'FILE_TOO_LARGE');
    expect(body.details.max_mb).toBe(1);
  });

  it('refuses a structurally broken CSV with line numbers', async () => {
    const body = await expectError(uploadTo(sessionId, 'broken.csv', 'a,b\n1,"unclosed\n2,3\n'), 422, 'CSV_PARSE_ERROR');
    expect(body.details.errors[0].line).toBeGreaterThan(0);
  });

  it('refuses an upload without a file, or that is not multipart', async () => {
    await expectError({ method: 'POST', url: `/api/v1/sessions/${sessionId}/upload`, payload: { file: 'a,b' } }, 422, 'VALIDATION_ERROR');
    const form = multipart('x.csv', 'a\n1\n');
    const noFile = { ...form, payload: Buffer.from(form.payload.toString().replace('name="file"', 'name="other"')) };
    await expectError({ method: 'POST', url: `/api/v1/sessions/${sessionId}/upload`, ...noFile }, 422, 'VALIDATION_ERROR');
  });

  it('refuses bad reading options', async () => {
    await expectError(uploadTo(sessionId, 'a.csv', 'a,b\n1,2\n', { delimiter: 'x' }), 422, 'VALIDATION_ERROR');
  });

  it('answers a malformed id with 422 and an unknown session with 404', async () => {
    const bad = await expectError({ method: 'GET', url: '/api/v1/sessions/not-a-uuid' }, 422, 'VALIDATION_ERROR');
    expect(bad.details.errors[0]).toMatchObject({ location: 'path', path: 'id' });
    const missing = randomUUID();
    const body = await expectError({ method: 'GET', url: `/api/v1/sessions/${missing}` }, 404, 'SESSION_NOT_FOUND');
    expect(body.details.session_id).toBe(missing);
    await expectError(uploadTo(missing, 'a.csv', 'a\n1\n'), 404, 'SESSION_NOT_FOUND');
    await expectError({ method: 'PATCH', url: `/api/v1/sessions/${missing}`, payload: { name: 'x' } }, 404, 'SESSION_NOT_FOUND');
    await expectError({ method: 'DELETE', url: `/api/v1/sessions/${missing}` }, 404, 'SESSION_NOT_FOUND');
    await expectError({ method: 'GET', url: `/api/v1/sessions/${sessionId}/nodes/${missing}` }, 404, 'NODE_NOT_FOUND');
  });

  it('answers NO_DATA before an upload', async () => {
    await expectError({ method: 'GET', url: `/api/v1/sessions/${sessionId}/preview` }, 400, 'NO_DATA');
    await expectError({ method: 'GET', url: `/api/v1/sessions/${sessionId}/data` }, 400, 'NO_DATA');
  });

  it('refuses malformed JSON, wrong types, out-of-range queries and oversized bodies', async () => {
    await expectError({ method: 'POST', url: '/api/v1/sessions', payload: '{"name":', headers: { 'content-type': 'application/json' } }, 422, 'VALIDATION_ERROR');
    await expectError({ method: 'POST', url: '/api/v1/sessions', payload: { name: 42 } }, 422, 'VALIDATION_ERROR');
    await expectError({ method: 'POST', url: '/api/v1/sessions', payload: { name: 'x'.repeat(256) } }, 422, 'VALIDATION_ERROR');
    await expectError({ method: 'PATCH', url: `/api/v1/sessions/${sessionId}`, payload: {} }, 422, 'VALIDATION_ERROR');
    await expectError({ method: 'GET', url: '/api/v1/sessions?page_size=1000' }, 422, 'VALIDATION_ERROR');
    await expectError({ method: 'GET', url: '/api/v1/sessions?status=nope' }, 422, 'VALIDATION_ERROR');
    await expectError({ method: 'PATCH', url: `/api/v1/sessions/${sessionId}`, payload: { name: 'x' }, headers: { 'if-match': 'garbage' } }, 422, 'VALIDATION_ERROR');
    await expectError({ method: 'POST', url: '/api/v1/sessions', payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } }, 413, 'FILE_TOO_LARGE');
    await expectError({ method: 'POST', url: '/api/v1/sessions', payload: '<a/>', headers: { 'content-type': 'application/xml' } }, 422, 'VALIDATION_ERROR');
  });

  it('accepts an empty JSON body as {}', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: '', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(200);
  });

  it('answers unknown routes with 404 and a wrong method with 405', async () => {
    await expectError({ method: 'GET', url: '/api/v1/nope' }, 404, 'NOT_FOUND');
    await expectError({ method: 'PUT', url: `/api/v1/sessions/${sessionId}` }, 405, 'METHOD_NOT_ALLOWED');
  });

  it('changed nothing: the session still has no data and one event', async () => {
    const session = (await api.app.inject({ method: 'GET', url: `/api/v1/sessions/${sessionId}` })).json();
    expect(session).toMatchObject({ current_node_id: null, version: 1 });
  });

  it('echoes or generates X-Request-Id', async () => {
    const given = await api.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await api.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
