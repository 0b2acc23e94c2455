import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchPostgresDatabase } from '../support/databases.js';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, uniqueName } from '../support/services.js';
import { freePort, startCli, waitForHttp, type RunningProcess } from '../support/processes.js';
import { SAMPLES_DIR } from '../support/test-service.js';

const pgUrl = await postgresUrl();
const redis = await redisUrl();

/** The first slice as a user runs it: real processes, real HTTP, a real multipart upload of a sample file. */
async function sliceFlow(base: string) {
  const created = await fetch(`${base}/api/v1/sessions`, { method: 'POST' });
  expect(created.status).toBe(200);
  const { session_id: id } = (await created.json()) as { session_id: string };
  const form = new FormData();
  const bytes = fs.readFileSync(path.join(SAMPLES_DIR, 'messy_marketing_leads.csv'));
  form.append('file', new Blob([bytes], { type: 'text/csv' }), 'messy_marketing_leads.csv');
  const upload = await fetch(`${base}/api/v1/sessions/${id}/upload`, { method: 'POST', body: form });
  expect(upload.status).toBe(200);
  const uploaded = (await upload.json()) as { node_id: string; profile: { row_count: number } };
  const preview = await fetch(`${base}/api/v1/sessions/${id}/preview`);
  expect(preview.status).toBe(200);
  const body = (await preview.json()) as { node_id: string; row_count: number; preview: Record<string, unknown>[] };
  expect(body.node_id).toBe(uploaded.node_id);
  expect(body.row_count).toBe(uploaded.profile.row_count);
  expect(body.preview[0]).toMatchObject({ lead_id: 1001, email: 'JOHN.SMITH@ACME.COM' });
  const session = (await (await fetch(`${base}/api/v1/sessions/${id}`)).json()) as { current_node_id: string };
  expect(session.current_node_id).toBe(uploaded.node_id);
  const csv = await fetch(`${base}/api/v1/sessions/${id}/data`);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect((await csv.text()).split('\n')[0]).toBe('lead_id,first_name,last_name,email,phone_number,company,campaign_source,lead_score,created_date,status');
  return id;
}

/** Plan → apply through the queue: the job runs wherever this deployment runs jobs (in-process or the worker). */
async function applyFlow(base: string, id: string) {
  const post = (path: string, body: object) => fetch(`${base}/api/v1/sessions/${id}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const added = await post('/plan/steps', { steps: [{ op: 'trim_whitespace', params: { columns: ['first_name'] } }, { op: 'change_text_casing', params: { column: 'first_name', case: 'title' } }] });
  expect(added.status).toBe(200);
  const applied = (await (await post('/plan/apply?wait=60', {})).json()) as { success: boolean; node_id: string; task_id: string };
  expect(applied.success).toBe(true);
  const preview = (await (await fetch(`${base}/api/v1/sessions/${id}/preview?rows=3`)).json()) as { node_id: string; preview: { first_name: string }[] };
  expect(preview.node_id).toBe(applied.node_id);
  expect(preview.preview.map((r) => r.first_name)).toEqual(['John', 'Sarah', 'Michael']);
  const task = (await (await fetch(`${base}/api/v1/tasks/${applied.task_id}`)).json()) as { status: string };
  expect(task.status).toBe('SUCCESS');
}

describe('the first slice with real processes', () => {
  const running: RunningProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    for (const cleanup of cleanups) await cleanup();
  });

  it('embedded default: `modulardata serve` with no variables (PGlite, local blobs, in-process jobs)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-e2e-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const server = startCli(['serve'], { PORT: String(port), DATA_DIR: path.join(dir, '.modulardata') });
    running.push(server);
    await waitForHttp(`http://127.0.0.1:${port}/api/v1/health`, 90_000, server);
    await applyFlow(`http://127.0.0.1:${port}`, await sliceFlow(`http://127.0.0.1:${port}`));
    expect(fs.existsSync(path.join(dir, '.modulardata', 'db'))).toBe(true);
    expect(fs.readdirSync(path.join(dir, '.modulardata', 'blobs', 'sha256')).length).toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);
  });

  it.runIf(pgUrl && redis)('production shape: Postgres + BullMQ with `modulardata worker` as a separate process', async () => {
    const database = await createScratchPostgresDatabase(pgUrl!, 'md_e2e');
    cleanups.push(() => database.drop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-e2e-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    // A busy CI machine can keep the worker's projections behind a command for longer than the 5 s default wait.
    const env = { DATABASE_URL: database.url, REDIS_URL: redis!, REDIS_PREFIX: uniqueName('md-e2e'), DATA_DIR: dir, PROJECTION_WAIT_MS: '30000' };
    const port = await freePort();
    const worker = startCli(['worker'], env);
    const server = startCli(['serve'], { ...env, PORT: String(port), PROJECTION_WAIT_MS: '300' });
    running.push(worker, server);
    await waitForHttp(`http://127.0.0.1:${port}/api/v1/health/ready`, 90_000, server);
    await applyFlow(`http://127.0.0.1:${port}`, await sliceFlow(`http://127.0.0.1:${port}`));
    // Projections run in the worker, not in the server: with the worker stopped, a new session is in the log but
    // not yet readable; a restarted worker catches up.
    expect(await worker.stop()).toBe(0);
    const created = (await (await fetch(`http://127.0.0.1:${port}/api/v1/sessions`, { method: 'POST' })).json()) as { session_id: string };
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/sessions/${created.session_id}`)).status).toBe(404);
    const restarted = startCli(['worker'], env);
    running.push(restarted);
    await waitForHttp(`http://127.0.0.1:${port}/api/v1/sessions/${created.session_id}`, 30_000, restarted);
    expect(await restarted.stop()).toBe(0);
    expect(await server.stop()).toBe(0);
  });
});
