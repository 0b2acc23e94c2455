import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase } from '../support/databases.js';
import { startFakeSupabaseStorage } from '../support/fake-supabase-storage.js';
import { postgresUrl, redisUrl, uniqueName } from '../support/services.js';
import { freePort, startCli, waitForHttp, type RunningProcess } from '../support/processes.js';

const pgUrl = await postgresUrl();
const redis = await redisUrl();

/** Rows shaped like the module's file; a large one makes the run take a few seconds in the worker. */
function people(rows: number, offset = 0): Buffer {
  const lines = ['id,name,email,amount'];
  for (let i = offset; i < offset + rows; i++) lines.push(`${i},  Name ${i % 977} ,user${i}@example.com,${(i * 7) % 1000}.5`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

const form = (name: string, bytes: Buffer) => {
  const f = new FormData();
  f.append('file', new Blob([bytes]), name);
  return f;
};

describe.runIf(pgUrl && redis)('a worker killed with SIGKILL during a module run', () => {
  const running: RunningProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    for (const cleanup of cleanups) await cleanup();
  });

  it('leaves the run to finish exactly once, with one output, after another worker takes over', { timeout: 300_000 }, async () => {
    const database = await createScratchPostgresDatabase(pgUrl!, 'md_modcrash');
    const url = database.url;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-modcrash-'));
    cleanups.push(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await database.drop();
    });
    // Blobs in a Storage server of this test's own, so it can hold the first worker's output upload: that worker is
    // then certainly mid-run when it is killed, however busy the machine.
    const storage = await startFakeSupabaseStorage();
    cleanups.unshift(() => storage.close());
    const env = { SUPABASE_URL: storage.url, SUPABASE_SERVICE_KEY: storage.serviceKey, DATABASE_URL: url, REDIS_URL: redis!, REDIS_PREFIX: uniqueName('md-modcrash'), DATA_DIR: dir, JOB_LOCK_MS: '2000' };
    const port = await freePort();
    const api = `http://127.0.0.1:${port}/api/v1`;
    const first = startCli(['worker'], env);
    const server = startCli(['serve'], { ...env, PORT: String(port) });
    running.push(first, server);
    await waitForHttp(`${api}/health/ready`, 120_000, server);

    // The module: a small file's contract, a chain that takes a while on a big one.
    const id = ((await (await fetch(`${api}/sessions`, { method: 'POST' })).json()) as { session_id: string }).session_id;
    expect((await fetch(`${api}/sessions/${id}/upload`, { method: 'POST', body: form('people.csv', people(50)) })).status).toBe(200);
    const json = { 'content-type': 'application/json' };
    const steps = [
      { op: 'trim_whitespace', params: { columns: ['name', 'email'] } },
      { op: 'change_text_casing', params: { column: 'name', case: 'upper' } },
      { op: 'sort_rows', params: { columns: ['name', 'amount'] } },
      { op: 'sort_rows', params: { columns: ['email'], ascending: false } },
    ];
    await fetch(`${api}/sessions/${id}/plan/steps`, { method: 'POST', headers: json, body: JSON.stringify({ steps }) });
    expect(((await (await fetch(`${api}/sessions/${id}/plan/apply?wait=60`, { method: 'POST', headers: json, body: '{}' })).json()) as { success: boolean }).success).toBe(true);
    expect((await fetch(`${api}/sessions/${id}/deploy`, { method: 'POST' })).status).toBe(200);

    // The run's two input uploads (the file as sent and its canonical CSV, in the web process) go through; the
    // worker's output upload then hangs.
    storage.failNext('upload', 2, { pass: true });
    storage.failNext('upload', 1000, { hang: true });
    const accepted = await fetch(`${api}/sessions/${id}/run?wait=0`, { method: 'POST', body: form('big.csv', people(200_000, 1000)) });
    expect(accepted.status).toBe(202);
    const run = (await accepted.json()) as { run_id: string; task_id: string; status: string; confidence_level: string };
    expect(run).toMatchObject({ status: 'running', confidence_level: 'HIGH' });

    // Kill the worker as soon as its job has started: the job's first progress event is in the log.
    const log = new pg.Client({ connectionString: url });
    await log.connect();
    cleanups.unshift(() => log.end());
    const count = async (where: string, value: string) => Number((await log.query(`SELECT count(*) AS n FROM events WHERE ${where}`, [value])).rows[0].n);
    for (const deadline = Date.now() + 120_000; (await count('stream_id = $1', `task-${run.task_id}`)) === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(await count('stream_id = $1', `task-${run.task_id}`)).toBeGreaterThan(0);
    expect(await count("type = 'ModuleRunCompleted' AND data->>'run_id' = $1", run.run_id)).toBe(0);
    storage.clearFailures();
    const taskStatus = async () => ((await (await fetch(`${api}/tasks/${run.task_id}`)).json()) as { status: string }).status;

    const second = startCli(['worker'], env);
    running.push(second);
    const runStatus = async () => (await (await fetch(`${api}/sessions/${id}/runs/${run.run_id}`)).json()) as { status: string; output_row_count: number; output_storage_path: string };
    let final = await runStatus();
    for (const deadline = Date.now() + 180_000; final.status === 'running' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      final = await runStatus();
    }
    expect(final).toMatchObject({ status: 'success', output_row_count: 200_000 });
    // The tasks read model is a projection of its own: it may reach the outcome a moment after the runs one.
    let task = await taskStatus();
    for (const deadline = Date.now() + 30_000; task !== 'SUCCESS' && Date.now() < deadline; task = await taskStatus()) await new Promise((r) => setTimeout(r, 250));
    expect(task).toBe('SUCCESS');
    const events = (await (await fetch(`${api}/sessions/${id}/events?types=ModuleRunCompleted,ModuleRunFailed`)).json()) as { events: { data: { run_id: string } }[] };
    expect(events.events).toHaveLength(1);
    expect(events.events[0].data.run_id).toBe(run.run_id);
    const csv = await (await fetch(`${api}/sessions/${id}/runs/${run.run_id}/download?escape_formulas=false`)).text();
    expect(csv.split('\n')).toHaveLength(200_002);
    const runs = (await (await fetch(`${api}/sessions/${id}/runs`)).json()) as { total: number };
    expect(runs.total).toBe(1);

    // Every version and run output can still be rebuilt from the log and matches its recorded hash.
    const verify = startCli(['verify'], env);
    expect(await new Promise((resolve) => verify.child.once('exit', resolve)), verify.output()).toBe(0);
  });
});
