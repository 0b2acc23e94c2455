import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase } from '../support/databases.js';
import { postgresUrl, redisUrl, uniqueName } from '../support/services.js';
import { freePort, startCli, waitForHttp, type RunningProcess } from '../support/processes.js';
import { LEADS, leadsVariants } from '../support/modules.js';

const pgUrl = await postgresUrl();
const redis = await redisUrl();

const CHAIN = [
  { op: 'trim_whitespace', params: { columns: ['first_name', 'last_name'] } },
  { op: 'change_text_casing', params: { column: 'first_name', case: 'title' } },
];

async function post(url: string, body?: object | FormData): Promise<Record<string, any>> {
  const init: RequestInit = body instanceof FormData ? { method: 'POST', body } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) };
  const res = await fetch(url, init);
  const json = (await res.json()) as Record<string, any>;
  expect(res.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

const form = (name: string, bytes: Buffer) => {
  const f = new FormData();
  f.append('file', new Blob([bytes], { type: 'text/csv' }), name);
  return f;
};

/** Deploy and run as a user does, over real HTTP: wherever this deployment runs its jobs. */
async function moduleFlow(base: string) {
  const api = `${base}/api/v1`;
  const { session_id: id } = await post(`${api}/sessions`);
  await post(`${api}/sessions/${id}/upload`, form('leads.csv', LEADS));
  await post(`${api}/sessions/${id}/plan/steps`, { steps: CHAIN });
  expect((await post(`${api}/sessions/${id}/plan/apply?wait=60`)).success).toBe(true);
  expect((await post(`${api}/sessions/${id}/deploy`)).module_version).toBe(1);

  const high = await post(`${api}/sessions/${id}/run?wait=60`, form('renamed.csv', leadsVariants.renamed()));
  expect(high).toMatchObject({ status: 'success', confidence_level: 'HIGH', output_rows: 13 });
  const csv = await (await fetch(`${api}/sessions/${id}/runs/${high.run_id}/download`)).text();
  expect(csv.split('\n')[1]).toBe("1001,John,Smith,JOHN.SMITH@ACME.COM,(555) 123-4567,Acme Corp,google ads,85,01/15/2024,QUALIFIED");

  const pending = await post(`${api}/sessions/${id}/run`, form('no-company.csv', leadsVariants.without('company')));
  expect(pending).toMatchObject({ status: 'pending', confidence_level: 'MEDIUM' });
  const confirmed = await post(`${api}/sessions/${id}/runs/${pending.run_id}/confirm?wait=60`);
  expect(confirmed).toMatchObject({ run_id: pending.run_id, status: 'warning_confirmed' });
  const task = (await (await fetch(`${api}/tasks/${confirmed.task_id}`)).json()) as Record<string, unknown>;
  expect(task).toMatchObject({ kind: 'module_run', status: 'SUCCESS', run_id: pending.run_id });
  const runs = (await (await fetch(`${api}/sessions/${id}/runs`)).json()) as { total: number };
  expect(runs.total).toBe(2);
}

describe('module runs with real processes', () => {
  const running: RunningProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    for (const cleanup of cleanups) await cleanup();
  });

  it('embedded default: `modulardata serve` runs modules in-process on PGlite', { timeout: 300_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-e2e-mod-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const server = startCli(['serve'], { PORT: String(port), DATA_DIR: path.join(dir, '.modulardata') });
    running.push(server);
    await waitForHttp(`http://127.0.0.1:${port}/api/v1/health`, 120_000, server);
    await moduleFlow(`http://127.0.0.1:${port}`);
    expect(await server.stop()).toBe(0);
  });

  it.runIf(pgUrl && redis)('production shape: Postgres + BullMQ, the run executed by a separate `modulardata worker`', { timeout: 300_000 }, async () => {
    const database = await createScratchPostgresDatabase(pgUrl!, 'md_e2e_mod');
    cleanups.push(() => database.drop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-e2e-mod-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_URL: database.url, REDIS_URL: redis!, REDIS_PREFIX: uniqueName('md-e2e-mod'), DATA_DIR: dir };
    const port = await freePort();
    const worker = startCli(['worker'], env);
    const server = startCli(['serve'], { ...env, PORT: String(port) });
    running.push(worker, server);
    await waitForHttp(`http://127.0.0.1:${port}/api/v1/health/ready`, 120_000, server);
    await moduleFlow(`http://127.0.0.1:${port}`);
    expect(await worker.stop()).toBe(0);
    expect(await server.stop()).toBe(0);
  });
});
