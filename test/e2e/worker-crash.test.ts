import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchPostgresDatabase } from '../support/databases.js';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, uniqueName } from '../support/services.js';
import { freePort, startCli, waitForHttp, type RunningProcess } from '../support/processes.js';

const pgUrl = await postgresUrl();
const redis = await redisUrl();

/** A file big enough that an apply takes a few seconds on this machine. */
function bigCsv(rows: number): Buffer {
  const lines = ['id,name,email,amount'];
  for (let i = 0; i < rows; i++) lines.push(`${i},  Name ${i % 977} ,user${i}@example.com,${(i * 7) % 1000}.5`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe.runIf(pgUrl && redis)('a worker killed with SIGKILL during an apply', () => {
  const running: RunningProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    for (const cleanup of cleanups) await cleanup();
  });

  it('leaves the task to finish exactly once, with one new node, after another worker takes over', { timeout: 240_000 }, async () => {
    const database = await createScratchPostgresDatabase(pgUrl!, 'md_crash');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-crash-'));
    cleanups.push(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await database.drop();
    });
    const env = { DATABASE_URL: database.url, REDIS_URL: redis!, REDIS_PREFIX: uniqueName('md-crash'), DATA_DIR: dir, JOB_LOCK_MS: '2000' };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const first = startCli(['worker'], env);
    const server = startCli(['serve'], { ...env, PORT: String(port) });
    running.push(first, server);
    await waitForHttp(`${base}/health/ready`, 90_000, server);

    const id = ((await (await fetch(`${base}/sessions`, { method: 'POST' })).json()) as { session_id: string }).session_id;
    const form = new FormData();
    form.append('file', new Blob([bigCsv(200_000)]), 'big.csv');
    expect((await fetch(`${base}/sessions/${id}/upload`, { method: 'POST', body: form })).status).toBe(200);
    const json = { 'content-type': 'application/json' };
    await fetch(`${base}/sessions/${id}/plan/steps`, { method: 'POST', headers: json, body: JSON.stringify({ steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }, { op: 'sort_rows', params: { columns: ['name', 'amount'] } }] }) });
    const queued = await fetch(`${base}/sessions/${id}/plan/apply?wait=0`, { method: 'POST', headers: json, body: '{}' });
    expect(queued.status).toBe(202);
    const taskId = ((await queued.json()) as { task_id: string }).task_id;

    // Kill the worker as soon as it has started the job.
    const status = async () => ((await (await fetch(`${base}/tasks/${taskId}`)).json()) as { status: string }).status;
    for (const deadline = Date.now() + 60_000; (await status()) === 'PENDING' && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = await status();
    expect(['PROGRESS', 'STARTED']).toContain(atKill);

    const second = startCli(['worker'], env);
    running.push(second);
    let final = atKill;
    for (const deadline = Date.now() + 120_000; !['SUCCESS', 'FAILURE'].includes(final) && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      final = await status();
    }
    expect(final).toBe('SUCCESS');
    const nodes = (await (await fetch(`${base}/sessions/${id}/nodes`)).json()) as { id: string }[];
    expect(nodes).toHaveLength(2);
    const events = (await (await fetch(`${base}/sessions/${id}/events?types=TransformationApplied`)).json()) as { total: number; events: unknown[] };
    expect(events.events).toHaveLength(1);

    // Every version can still be rebuilt from the log and matches its recorded hash.
    const verify = startCli(['verify'], env);
    expect(await new Promise((resolve) => verify.child.once('exit', resolve)), verify.output()).toBe(0);
  });
});
