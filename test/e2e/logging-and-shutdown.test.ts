import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startCli, waitForHttp, type RunningProcess } from '../support/processes.js';
import { hs256Token, TEST_JWT_SECRET } from '../support/tokens.js';

/** A file big enough that its upload is still running when SIGTERM arrives. */
function bigCsv(rows: number): Buffer {
  const lines = ['id,name,email,amount'];
  for (let i = 0; i < rows; i++) lines.push(`${i},Name ${i % 977},user${i}@example.com,${(i * 7) % 1000}.5`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('the web process: structured logs without secrets, graceful SIGTERM', () => {
  const running: RunningProcess[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-shutdown-'));
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('logs request and correlation ids, never tokens; on SIGTERM finishes the request in flight, refuses new ones and exits 0', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const server = startCli(['serve'], { DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'info', SUPABASE_JWT_SECRET: TEST_JWT_SECRET });
    running.push(server);
    await waitForHttp(`${base}/health`, 150_000, server);

    const token = await hs256Token();
    const headers = { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-42', 'x-request-id': 'req-42' };
    const created = await fetch(`${base}/sessions?token=leaked-secret`, { method: 'POST', headers });
    expect(created.status).toBe(200);
    const id = ((await created.json()) as { session_id: string }).session_id;
    await fetch(`${base}/sessions/${id}`, { headers: { ...headers, 'x-request-id': 'req-43' } });

    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const ofRequest = lines.filter((l) => l.request_id === 'req-42');
    expect(ofRequest.length).toBeGreaterThanOrEqual(2); // incoming request + request completed
    expect(ofRequest.every((l) => l.correlation_id === 'corr-42')).toBe(true);
    expect(ofRequest.some((l) => (l.req as { url?: string } | undefined)?.url === '/api/v1/sessions?token=[redacted]')).toBe(true);
    expect(server.output()).not.toContain(token);
    expect(server.output()).not.toContain('leaked-secret');
    expect(server.output()).not.toContain(TEST_JWT_SECRET);

    // SIGTERM while an upload is being processed: it still completes; then the port closes and the process exits 0.
    const form = new FormData();
    form.append('file', new Blob([bigCsv(80_000)]), 'big.csv');
    const upload = fetch(`${base}/sessions/${id}/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    const answered = await upload;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { node_id: string }).node_id).toBeTruthy();
    expect(await exited).toBe(0);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    expect(server.output()).toMatch(/SIGTERM received, shutting down/);
  });

  it.each(['serve', 'worker'])('`%s` given SIGTERM while the embedded database opens finishes starting, closes it, exits 0, and it opens again', { timeout: 180_000 }, async (command) => {
    const dataDir = path.join(dir, `startup-${command}`);
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const first = startCli([command], env);
    running.push(first);
    // PGlite creates its folder as it opens: the signal lands while the database is being written.
    for (const deadline = Date.now() + 120_000; !fs.existsSync(path.join(dataDir, 'db')) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 5));
    expect(fs.existsSync(path.join(dataDir, 'db'))).toBe(true);
    expect(await first.stop(), first.output()).toBe(0);
    expect(first.output()).toMatch(/SIGTERM received, shutting down/);
    const again = startCli(['serve'], env);
    running.push(again);
    await waitForHttp(`http://127.0.0.1:${port}/api/v1/health/ready`, 120_000, again);
    expect(await again.stop()).toBe(0);
  });
});
