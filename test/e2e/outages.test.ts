import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchPostgresDatabase } from '../support/databases.js';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startCli, waitForHttp, type RunningProcess } from '../support/processes.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { postgresUrl, uniqueName } from '../support/services.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const pgUrl = await postgresUrl();

/**
 * Real processes (server + worker) on Postgres (through a TCP proxy the test can cut) and a private Redis the test
 * can kill: Redis down → queue commands 503 at once with nothing written, Postgres down → 503 on writes and ready;
 * both recover without a restart; a Redis restart mid-queue loses no accepted apply.
 */
describe.runIf(pgUrl)('outages of Redis and Postgres', () => {
  const running: RunningProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }, 120_000);

  it('fails fast with 503, writes nothing, and recovers', { timeout: 240_000 }, async () => {
    const database = await createScratchPostgresDatabase(pgUrl!, 'md_outage');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-outage-'));
    cleanups.push(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await database.drop();
    });
    const direct = new URL(pgUrl!);
    const proxy: TcpProxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    cleanups.push(() => proxy.close());
    const redis: PrivateRedis = await startPrivateRedis();
    cleanups.push(() => redis.kill());
    // The processes reach the database through the proxy the test can cut.
    const dbUrl = new URL(database.url);
    dbUrl.port = String(proxy.port);
    const env = { DATABASE_URL: dbUrl.toString(), REDIS_URL: redis.url, REDIS_PREFIX: uniqueName('md-outage'), DATA_DIR: dir, JOB_REQUEUE_MS: '1000', JOB_LOCK_MS: '3000' };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const worker = startCli(['worker'], env);
    const server = startCli(['serve'], { ...env, PORT: String(port) });
    running.push(worker, server);
    await waitForHttp(`${base}/health/ready`, 90_000, server);

    const json = { 'content-type': 'application/json' };
    const post = (url: string, body: unknown = {}) => fetch(`${base}${url}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    const get = async (url: string) => (await fetch(`${base}${url}`)).json() as Promise<Record<string, any>>;
    const id = ((await (await post('/sessions')).json()) as { session_id: string }).session_id;
    const form = new FormData();
    form.append('file', new Blob(['name,amount\n ann ,1\nbob,2\n bob,2\n']), 'people.csv');
    expect((await fetch(`${base}/sessions/${id}/upload`, { method: 'POST', body: form })).status).toBe(200);
    const addStep = () => post(`/sessions/${id}/plan/steps`, { steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }] });
    expect((await addStep()).status).toBe(200);
    const applies = async () => (await get(`/sessions/${id}/events?types=PlanApplyRequested`)).events.length as number;

    // Redis down: the apply is refused at once, with nothing appended; reads still work; ready says degraded.
    await redis.kill();
    const started = Date.now();
    const refused = await post(`/sessions/${id}/plan/apply?wait=5`);
    expect(refused.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(refused.headers.get('retry-after')).toBe('5');
    const body = await refused.text();
    expect(JSON.parse(body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'The job queue is temporarily unavailable; try again shortly' });
    expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|redis/i);
    expect(await applies()).toBe(0);
    expect((await get(`/sessions/${id}`)).session_id).toBe(id);
    const degraded = await fetch(`${base}/health/ready`);
    expect(degraded.status).toBe(503);
    expect(((await degraded.json()) as { checks: { queue: string } }).checks.queue).toMatch(/^unhealthy/);

    // Redis back (empty): no restart of ours needed.
    await redis.start();
    await waitForHttp(`${base}/health/ready`, 30_000);
    const applied = (await (await post(`/sessions/${id}/plan/apply?wait=30`)).json()) as { status: string };
    expect(applied.status).toBe('SUCCESS');

    // Redis restarted mid-queue: the accepted apply still completes, exactly once.
    expect((await addStep()).status).toBe(200);
    const queued = (await (await post(`/sessions/${id}/plan/apply?wait=0`)).json()) as { task_id: string };
    await redis.kill();
    await redis.start();
    let status = '';
    for (const deadline = Date.now() + 60_000; !['SUCCESS', 'FAILURE'].includes(status) && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await get(`/tasks/${queued.task_id}`)).status;
    }
    expect(status).toBe('SUCCESS');
    const outcomes = await get(`/sessions/${id}/events?types=TransformationApplied`);
    expect(outcomes.events.filter((e: { data: { task_id?: string } }) => e.data.task_id === queued.task_id)).toHaveLength(1);
    expect(outcomes.events).toHaveLength(2);

    // Postgres down: writes and ready answer 503 without upstream text; both processes stay up and recover without a
    // restart (a connection dropped while checked out from the pool once killed the process).
    await proxy.stop();
    const write = await post('/sessions');
    expect(write.status).toBe(503);
    const writeBody = await write.text();
    expect(JSON.parse(writeBody)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(writeBody).not.toMatch(/ECONNREFUSED|terminated|SELECT|INSERT/);
    const noDb = await fetch(`${base}/health/ready`);
    expect(noDb.status).toBe(503);
    expect(((await noDb.json()) as { checks: { database: string } }).checks.database).toMatch(/^unhealthy/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    await proxy.start();
    let created = 0;
    for (const deadline = Date.now() + 30_000; created !== 200 && Date.now() < deadline; ) {
      created = (await post('/sessions')).status;
      if (created !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(created).toBe(200);
    await waitForHttp(`${base}/health/ready`, 30_000);
    expect((await addStep()).status).toBe(200);
    const after = (await (await post(`/sessions/${id}/plan/apply?wait=30`)).json()) as { status: string };
    expect(after.status).toBe('SUCCESS');
    expect(worker.child.exitCode).toBeNull();

    // Every version can still be rebuilt from the log and matches its recorded hash.
    const verify = startCli(['verify'], env);
    expect(await new Promise((resolve) => verify.child.once('exit', resolve)), verify.output()).toBe(0);
  });
});
