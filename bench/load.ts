/**
 * Load test (on demand, not in CI): one `serve` and one `worker` process on the local Postgres and Redis, with auth
 * on, driven by autocannon for BENCH_DURATION seconds (default 60) with a mix of reads and commands. Prints p50/p99
 * latency, throughput and every non-2xx answer or error (a failed request is any of those).
 *
 *   npm run bench:load
 *   BENCH_DURATION=30 BENCH_CONNECTIONS=32 npm run bench:load
 *
 * The mix, per connection (each connection owns one session for its commands, so no two connections contend for
 * one session's apply): 70 % reads (session, preview, data page, history, events, session list, a finished task),
 * 15 % light commands (rename its session, add a step, create a session), 15 % apply (wait=30: it answers SUCCESS,
 * or 202 if the wait runs out).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const duration = Number(process.env.BENCH_DURATION ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const port = Number(process.env.BENCH_PORT ?? 18_000 + Math.floor(Math.random() * 1000));
const secret = 'bench-secret-of-at-least-thirty-two-characters!';
const name = `md_load_${Date.now().toString(36)}`;
const BIN = path.resolve(import.meta.dirname, '../bin/modulardata.js');

const csv = ['id,name,email,amount,city'];
for (let i = 0; i < 2000; i++) csv.push(`${i},  Name ${i % 97} ,user${i}@example.com,${(i * 7) % 1000}.5,${['Oslo', 'Bergen', 'oslo ', 'Tromsø'][i % 4]}`);
const csvText = `${csv.join('\n')}\n`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-load-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: name,
  DATA_DIR: dir,
  LOG_LEVEL: 'warn',
  SUPABASE_JWT_SECRET: secret,
  RATE_LIMIT_PER_MIN: '1000000',
  RATE_LIMIT_HEAVY_PER_MIN: '1000000',
};
const children: ChildProcess[] = [];
const start = (args: string[]) => {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  return child;
};

async function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}

try {
  start(['worker']);
  start(['serve']);
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 180_000; ; ) {
    const ok = await fetch(`${base}/api/v1/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not become ready');
    await new Promise((r) => setTimeout(r, 500));
  }

  // One user per connection, each with its own session holding data.
  const users = await Promise.all(
    Array.from({ length: connections }, async () => {
      const sub = crypto.randomUUID();
      const token = await new SignJWT({ sub, aud: 'authenticated' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2h').sign(new TextEncoder().encode(secret));
      const authorization = `Bearer ${token}`;
      const sessionId = ((await (await fetch(`${base}/api/v1/sessions`, { method: 'POST', headers: { authorization } })).json()) as { session_id: string }).session_id;
      const form = new FormData();
      form.append('file', new Blob([csvText]), 'customers.csv');
      const upload = await fetch(`${base}/api/v1/sessions/${sessionId}/upload`, { method: 'POST', body: form, headers: { authorization } });
      if (!upload.ok) throw new Error(`seed upload failed: ${upload.status} ${await upload.text()}`);
      return { authorization, sessionId, taskId: '' };
    }),
  );
  let next = 0;
  const json = { 'content-type': 'application/json' };
  const step = JSON.stringify({ steps: [{ op: 'trim_whitespace', params: { columns: ['name', 'city'] } }] });

  console.log(`load: ${connections} connections for ${duration} s against ${base} (server + worker, Postgres, Redis, auth on)`);
  const result = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 60,
    requests: [
      {
        setupRequest(request: Record<string, unknown>, context: Record<string, any>) {
          context.user ??= users[next++ % users.length];
          context.steps ??= 0;
          const { authorization, sessionId, taskId } = context.user;
          const s = `/api/v1/sessions/${sessionId}`;
          const r = Math.random();
          context.last = 'other';
          const get = (p: string) => ({ ...request, method: 'GET', path: p, headers: { authorization }, body: undefined });
          const send = (method: string, p: string, body: string) => ({ ...request, method, path: p, headers: { authorization, ...json }, body });
          if (r < 0.12) return get(s);
          if (r < 0.24) return get(`${s}/preview?rows=10`);
          if (r < 0.36) return get(`${s}/data?format=json&limit=100`);
          if (r < 0.46) return get(`${s}/history`);
          if (r < 0.56) return get(`${s}/events?limit=50`);
          if (r < 0.64) return get('/api/v1/sessions?page_size=20');
          if (r < 0.70 || context.busy) {
            if (!taskId) return get(`${s}/nodes`);
            context.last = 'task';
            return get(`/api/v1/tasks/${taskId}`);
          }
          if (r < 0.75) return send('PATCH', s, JSON.stringify({ name: `renamed ${Math.floor(r * 1e6)}` }));
          if (r < 0.85) return send('POST', '/api/v1/sessions', JSON.stringify({ name: 'load' }));
          // Plan commands on the connection's own session: a step, then an apply of it, never while one runs.
          if (context.steps === 0) {
            context.steps++;
            return send('POST', `${s}/plan/steps`, step);
          }
          context.steps = 0;
          context.busy = true;
          context.last = 'apply';
          return send('POST', `${s}/plan/apply?wait=30`, JSON.stringify({ confirmed: true }));
        },
        onResponse(status: number, body: string, context: Record<string, any>) {
          if (status >= 300 && status !== 202) {
            context.failures ??= 0;
            if (context.failures++ < 3) console.error(`non-2xx ${status}: ${body.slice(0, 200)}`);
          }
          const task = /"task_id":"([0-9a-f-]{36})"/.exec(body)?.[1];
          if (context.last === 'apply') {
            if (task) context.user.taskId = task;
            context.busy = status === 202; // still running when the wait ran out
          } else if (context.last === 'task') {
            context.busy = /"status":"(PENDING|STARTED|PROGRESS)"/.test(body);
          }
        },
      },
    ],
  });

  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count]));
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    [
      `requests: ${result.requests.total} in ${result.duration} s (${result.requests.average.toFixed(1)} req/s average)`,
      `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `status codes: ${JSON.stringify(codes)}`,
      `failed: ${failed} (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`,
      `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`,
    ].join('\n'),
  );
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  await cleanup();
}
