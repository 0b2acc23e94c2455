import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/modulardata.js');

/** The audit commands as real processes against the service's Postgres database and blob folder. */
const targets = (await databaseTargets()).filter((t) => t.name === 'postgres');

describe.each(targets)('modulardata replay, verify, events and show on $name', (target) => {
  const ctx = useTestApp(target);
  const cli = (args: string[]) =>
    run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: ctx.t.url!, DATA_DIR: ctx.api.service.config.DATA_DIR, LOG_LEVEL: 'warn' } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('rebuilds a version to a file, verifies every version, lists the audit log and shows a past state', async () => {
    const post = (url: string, payload?: object) => ctx.inject({ method: 'POST', url, payload });
    const id = (await post('/api/v1/sessions', { name: 'Audit' })).json().session_id;
    const form = multipart('people.csv', 'name,score\n  ann ,3\nbob,5\ncy,1\n');
    const root = (await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).json().node_id;
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }, { op: 'shuffle_rows', params: { seed: 11 } }] });
    const [first, second] = (await post(`/api/v1/sessions/${id}/plan/apply`, { mode: 'one_by_one', confirmed: true })).json().node_ids;
    const events = (await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${id}/events` })).json();
    const uploadedAt = events.events.find((e: { type: string }) => e.type === 'AssistantReplied').position;
    await post(`/api/v1/sessions/${id}/undo`);

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'md-replay-')), 'out.csv');
    const replay = await cli(['replay', '--session', id, '--node', second, '-o', out]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(new RegExp(`^MATCH  ${second}`, 'm'));
    expect(replay.stdout).toMatch(/upload\s+\w{8}\s+MATCH/);
    const detail = (await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${second}` })).json();
    expect(`sha256:${createHash('sha256').update(fs.readFileSync(out)).digest('hex')}`).toBe(detail.content_hash);

    const verify = await cli(['verify', '--session', id]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stderr).toMatch(/verify \[#+\] 100% 3\/3 versions/);
    expect(verify.stdout).toMatch(/MATCH\s+3/);
    expect(verify.stdout).toContain('100% MATCH');

    const listed = await cli(['events', '--session', id, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ session_id: id, total: events.total + 2 });
    const text = await cli(['events', '--session', id, '--types', 'FileUploaded,CurrentNodeChanged']);
    expect(text.stdout).toMatch(/FileUploaded \(schema v2\)\s+root \w{8} people\.csv 3×2/);
    expect(text.stdout).toMatch(/CurrentNodeChanged\s+undo \w{8} → \w{8}/);
    expect(text.stdout).toContain('actor=00000000-0000-0000-0000-000000000000');
    expect(text.stdout).toContain('2 of ');

    const past = await cli(['show', '--session', id, '--as-of', String(uploadedAt), '--json']);
    expect(past.code, past.stderr).toBe(0);
    const view = JSON.parse(past.stdout);
    expect(view.as_of.position).toBe(uploadedAt);
    expect(view.session).toMatchObject({ name: 'Audit', current_node_id: root });
    expect(view.nodes.map((n: { id: string }) => n.id)).toEqual([root]);
    const now = await cli(['show', '--session', id]);
    expect(now.stdout).toContain(`current node: ${first}`);
    expect(now.stdout).toMatch(/Versions \(3\):/);
    expect((await cli(['show', '--session', id, '--as-of', '2000-01-01T00:00:00Z'])).code).toBe(1);

    // Damage the second version's stored copy: verify names it, and only it.
    const blob = path.join(ctx.api.service.config.DATA_DIR, 'blobs', 'sha256', detail.storage_path.slice(7, 9), detail.storage_path.slice(7));
    fs.appendFileSync(blob, 'x\n');
    const failed = await cli(['verify', '--session', id]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`${id}\\s+${second}\\s+transform\\s+MISMATCH\\s+here: the stored copy`));
    expect(failed.stdout).toContain('1 of 3 versions FAILED');
    expect((await cli(['replay', '--session', id, '--node', second])).code).toBe(1);
    expect((await cli(['replay', '--session', id, '--node', 'nope'])).code).toBe(2);
  }, 300_000); // a dozen processes, each starting Node and tsx
});
