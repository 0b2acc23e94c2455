import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSupabaseStorage, type FakeSupabaseStorage } from '../support/fake-supabase-storage.js';
import { LEADS, leadsVariants } from '../support/modules.js';
import { freePort, startCli, waitForHttp } from '../support/processes.js';
import { startProductionProcesses, type ProductionProcesses } from '../support/production-processes.js';
import { postgresUrl, redisUrl } from '../support/services.js';

const pgUrl = await postgresUrl();
const redis = await redisUrl();

const form = (name: string, bytes: Buffer | string) => {
  const f = new FormData();
  f.append('file', new Blob([bytes], { type: 'text/csv' }), name);
  return f;
};

/**
 * Real `serve` + `worker` processes on Postgres and BullMQ whose blobs live in Supabase Storage (a real HTTP server
 * standing in for it, in this test process, failing on demand). Each write path (the upload in the web process, the
 * apply and the module run in the worker) meets a storage that fails its first two writes: every accepted command
 * completes exactly once, one that meets a storage that stays down fails visibly and records nothing, and
 * `modulardata verify` passes afterwards.
 */
describe.runIf(pgUrl && redis)('storage faults with real processes', () => {
  let storage: FakeSupabaseStorage;
  let processes: ProductionProcesses;
  let api: string;
  let workerHealth: string;
  beforeAll(async () => {
    storage = await startFakeSupabaseStorage();
    const port = await freePort();
    workerHealth = `http://127.0.0.1:${port}/api/v1/health`;
    processes = await startProductionProcesses(pgUrl!, redis!, { env: { SUPABASE_URL: storage.url, SUPABASE_SERVICE_KEY: storage.serviceKey, WORKER_HEALTH_PORT: String(port) } });
    api = `${processes.origin}/api/v1`;
  }, 120_000);
  afterAll(async () => {
    await processes?.stop();
    await storage?.close();
  }, 60_000);

  const call = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(`${api}${url}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const post = (url: string, body?: object | FormData) =>
    call(url, body instanceof FormData ? { method: 'POST', body } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const uploads = () => storage.requests.filter((r) => r.operation === 'upload' && r.status === 200).length;
  const failedUploads = () => storage.requests.filter((r) => r.operation === 'upload' && r.status >= 500).length;
  const settled = async (taskId: string) => {
    for (const deadline = Date.now() + 150_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
      const task = (await call(`/tasks/${taskId}`)).body;
      if (['SUCCESS', 'FAILURE'].includes(task.status)) return task;
    }
    throw new Error(`task ${taskId} did not finish`);
  };
  const eventsOf = async (id: string, type: string) => (await call(`/sessions/${id}/events?types=${type}`)).body.events as { data: Record<string, any> }[];

  it('the worker answers its own health checks (WORKER_HEALTH_PORT), and serves nothing else', { timeout: 60_000 }, async () => {
    await waitForHttp(`${workerHealth}/ready`, 30_000, processes.worker);
    const ready = (await (await fetch(`${workerHealth}/ready`)).json()) as { status: string; checks: Record<string, string> };
    expect(ready).toMatchObject({ status: 'ready', checks: { database: 'healthy', storage: 'healthy', queue: 'healthy', projections: 'healthy' } });
    expect((await fetch(workerHealth)).status).toBe(200);
    expect((await fetch(workerHealth.replace('/health', '/sessions'), { method: 'POST' })).status).toBe(404);
  });

  it('upload, apply and module run each complete exactly once when storage fails their first two writes', { timeout: 240_000 }, async () => {
    const { body: created } = await post('/sessions');
    const id = created.session_id as string;

    // Upload (web process).
    storage.failNext('upload', 2, { status: 503 });
    let failed = failedUploads();
    const uploaded = await post(`/sessions/${id}/upload`, form('leads.csv', LEADS));
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(failedUploads() - failed).toBe(2);
    expect(await eventsOf(id, 'FileUploaded')).toHaveLength(1);

    // Apply (worker process): the result blob's first two writes fail.
    expect((await post(`/sessions/${id}/plan/steps`, { steps: [{ op: 'trim_whitespace', params: { columns: ['first_name', 'last_name'] } }] })).status).toBe(200);
    storage.failNext('upload', 2, { status: 503 });
    failed = failedUploads();
    const applied = await post(`/sessions/${id}/plan/apply?wait=90`);
    expect(applied.body, JSON.stringify(applied.body)).toMatchObject({ success: true, status: 'SUCCESS' });
    expect(failedUploads() - failed).toBe(2);
    const outcomes = await eventsOf(id, 'TransformationApplied');
    expect(outcomes.filter((e) => e.data.task_id === applied.body.task_id)).toHaveLength(1);
    const preview = (await call(`/sessions/${id}/preview?rows=1`)).body;
    expect(preview.node_id).toBe(applied.body.node_id);
    expect(preview.preview[0].first_name).toBe('John');

    // Module run (the web process stores the input, the worker the output): the first two writes fail.
    expect((await post(`/sessions/${id}/deploy`)).status).toBe(200);
    storage.failNext('upload', 2, { status: 503 });
    failed = failedUploads();
    const run = await post(`/sessions/${id}/run?wait=90`, form('renamed.csv', leadsVariants.renamed()));
    expect(run.body, JSON.stringify(run.body)).toMatchObject({ status: 'success', output_rows: 13 });
    expect(failedUploads() - failed).toBe(2);
    const download = await fetch(`${api}/sessions/${id}/runs/${run.body.run_id}/download`);
    expect(download.status).toBe(200);
    expect((await download.text()).split('\n')).toHaveLength(15);
    expect((await call(`/sessions/${id}/runs`)).body.total).toBe(1);
  });

  it('an apply and a module run whose storage stays down fail visibly after their last attempt, storing nothing; a later apply succeeds', { timeout: 240_000 }, async () => {
    const { body: created } = await post('/sessions');
    const id = created.session_id as string;
    expect((await post(`/sessions/${id}/upload`, form('people.csv', 'name\n ann \nbob\n'))).status).toBe(200);
    expect((await post(`/sessions/${id}/plan/steps`, { steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }] })).status).toBe(200);
    const before = uploads();
    storage.failNext('upload', 1000, { status: 500 });
    const applied = await post(`/sessions/${id}/plan/apply?wait=0`);
    const task = await settled(applied.body.task_id);
    storage.clearFailures();
    expect(task, JSON.stringify(task)).toMatchObject({ status: 'FAILURE', code: 'SERVICE_UNAVAILABLE' });
    expect(task.error).toMatch(/^Gave up after 5 attempts: File storage is temporarily unavailable/);
    expect(JSON.stringify(task)).not.toMatch(/injected|HTTP 500|sha256|stack/i);
    expect(uploads()).toBe(before);
    expect(await eventsOf(id, 'TransformationApplied')).toHaveLength(0);
    expect((await call(`/sessions/${id}/history`)).body.nodes).toHaveLength(1);

    const again = await post(`/sessions/${id}/plan/apply?wait=90`);
    expect(again.body, JSON.stringify(again.body)).toMatchObject({ success: true, status: 'SUCCESS' });
    expect(await eventsOf(id, 'TransformationApplied')).toHaveLength(1);

    // A module run whose input the worker cannot read back ends failed, visibly, and stores nothing.
    expect((await post(`/sessions/${id}/deploy`)).status).toBe(200);
    storage.failNext('download', 1000, { status: 500 });
    const run = await post(`/sessions/${id}/run?wait=0`, form('people.csv', 'name\n carl \n'));
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    const runTask = await settled(run.body.task_id);
    storage.clearFailures();
    expect(runTask, JSON.stringify(runTask)).toMatchObject({ status: 'FAILURE', code: 'SERVICE_UNAVAILABLE' });
    const runs = (await call(`/sessions/${id}/runs`)).body;
    expect(runs.total).toBe(1);
    const detail = (await call(`/sessions/${id}/runs/${run.body.run_id}`)).body;
    expect(detail).toMatchObject({ status: 'failed', code: 'SERVICE_UNAVAILABLE', output_storage_path: null });
    expect(detail.error_message).toMatch(/^Gave up after 5 attempts: File storage is temporarily unavailable/);
  });

  it('`modulardata verify` rebuilds every version from the log and the blobs in Storage afterwards', { timeout: 180_000 }, async () => {
    const verify = startCli(['verify'], processes.env);
    const code = await new Promise((resolve) => verify.child.once('exit', resolve));
    expect(code, verify.output()).toBe(0);
    expect(verify.output()).toMatch(/ok|verified|match/i);
  });
});
