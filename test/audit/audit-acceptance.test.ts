import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAll } from '../../src/audit/verify.js';
import { rebuildProjections, waitForProjections } from '../../src/projections/index.js';
import { mulberry32 } from '../../src/engine/values/random.js';
import { runWorkload, type WorkloadResult } from '../support/audit-workload.js';
import { databaseTargets } from '../support/databases.js';
import { useTestApp } from '../support/test-service.js';

/**
 * Issue 6 acceptance: a seeded, randomized workload of at least 200 sessions through the HTTP API, then every
 * version and module run rebuilt from the log matches its recorded hash, a rebuild finds every read table identical, time-travel
 * reads equal the snapshots taken live, and one corrupted blob is named exactly — on PGlite and on Postgres.
 */
const SESSIONS = Number(process.env.AUDIT_WORKLOAD_SESSIONS ?? 200);
const SEED = Number(process.env.AUDIT_WORKLOAD_SEED ?? 20260601);
const targets = await databaseTargets();
/** Seconds on an idle machine; the generous limit is for a CI box shared with other suites. */
const WORKLOAD_TIMEOUT = 15 * 60_000;
const STEP_TIMEOUT = 5 * 60_000;

describe.each(targets)('audit acceptance: randomized workload on $name', (target) => {
  const ctx = useTestApp(target);
  let run: WorkloadResult;
  const db = () => ctx.t.database.db;

  it(`drives ${SESSIONS} seeded sessions through uploads, steps, applies, undo/redo/rollback, branches and re-uploads`, async () => {
    run = await runWorkload({
      sessions: SESSIONS,
      seed: SEED,
      // PGlite is one connection in this process: more sessions at once only queue behind each other's waits.
      concurrency: target.name === 'pglite' ? 4 : 8,
      snapshots: 12,
      inject: ctx.inject,
      lastEvent: async (sessionId) => {
        const { rows } = await sql<{ position: number; transaction_id: string; recorded_at: Date }>`
          SELECT position, transaction_id::text, recorded_at FROM events WHERE stream_id = ${`session-${sessionId}`}
          ORDER BY stream_version DESC LIMIT 1`.execute(db());
        const last = rows[0];
        // The snapshot must show this event: wait until every read model has it (the command's own wait is bounded).
        expect(await waitForProjections(db(), { transactionId: last.transaction_id, position: Number(last.position) }, { timeoutMs: 60_000 })).toBe(true);
        return { position: Number(last.position), recorded_at: new Date(last.recorded_at) };
      },
    });
    const nodes = await db().selectFrom('nodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(
      `[${target.name}] workload: ${run.sessionIds.length} sessions, ${run.requests} requests, ${run.applies} applies, ${Number(nodes.n)} versions, ` +
        `${run.snapshots.length} snapshots in ${(run.duration_ms / 1000).toFixed(1)} s; actions ${JSON.stringify(run.actions)}`,
    );
    expect(run.sessionIds).toHaveLength(SESSIONS);
    expect(run.applies).toBeGreaterThan(SESSIONS / 2);
    // Every kind of action happens (checked at full size; a short run while developing may miss a rare one).
    if (SESSIONS >= 100) for (const action of ['undo', 'redo', 'rollback', 'reupload', 'attach', 'discard', 'queue', 'clear', 'archive', 'deploy', 'run_success']) expect(run.actions[action], action).toBeGreaterThan(0);
    expect(run.snapshots.length).toBeGreaterThanOrEqual(10);
  }, WORKLOAD_TIMEOUT);

  it('verify rebuilds every version from the log and the original uploads: 100 % MATCH', async () => {
    const report = await verifyAll(db(), ctx.api.service.blobs);
    const seconds = report.duration_ms / 1000;
    console.log(
      `[${target.name}] verify: ${report.verdicts.length} versions of ${report.sessions} sessions (${report.events} events) in ${seconds.toFixed(2)} s — ` +
        `${Math.round(report.verdicts.length / seconds)} versions/s, ${Math.round(report.events / seconds)} events/s; ${JSON.stringify(report.counts)}`,
    );
    expect(report.verdicts.filter((v) => v.status !== 'MATCH')).toEqual([]);
    // Every version and every completed module run was checked.
    const nodes = await db().selectFrom('nodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const runs = await db().selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'ModuleRunCompleted').executeTakeFirstOrThrow();
    expect(report.verdicts.filter((v) => v.kind !== 'module_run')).toHaveLength(Number(nodes.n));
    expect(report.verdicts.filter((v) => v.kind === 'module_run')).toHaveLength(Number(runs.n));
    if (SESSIONS >= 100) expect(Number(runs.n)).toBeGreaterThan(0);
    expect(report.counts.MATCH).toBe(report.verdicts.length);
  }, STEP_TIMEOUT);

  it('rebuild replays the log into fresh tables and finds every projection identical', async () => {
    const report = await rebuildProjections(db());
    console.log(
      `[${target.name}] rebuild: ${report.events} events in ${report.duration_ms} ms — ${Math.round((report.events / report.duration_ms) * 1000)} events/s; ` +
        report.tables.map((t) => `${t.table} ${t.live_rows}`).join(', '),
    );
    expect(report.tables.filter((t) => !t.identical)).toEqual([]);
    expect(report.identical).toBe(true);
    expect(report.swapped).toBe(false);
  }, STEP_TIMEOUT);

  it('time-travel reads at the snapshot positions equal what was answered live at that moment', async () => {
    let compared = 0;
    for (const [i, snap] of run.snapshots.entries()) {
      // Every other snapshot is read by instant instead of position: it must land on the same event.
      const asOf = i % 2 === 0 ? String(snap.position) : snap.recordedAt.toISOString();
      for (const read of snap.reads) {
        const url = `${read.url}${read.url.includes('?') ? '&' : '?'}as_of=${encodeURIComponent(asOf)}`;
        const response = await ctx.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(read.status);
        if (typeof read.body === 'string') {
          expect(response.body, url).toBe(read.body);
        } else if (Array.isArray(read.body)) {
          expect(response.json(), url).toEqual(read.body);
        } else {
          const { as_of: point, ...body } = response.json();
          expect(body, url).toEqual(read.body);
          if (read.status === 200) expect(point, url).toEqual({ position: snap.position, recorded_at: snap.recordedAt.toISOString() });
        }
        if (read.status === 200) expect(response.headers['x-as-of-position'], url).toBe(String(snap.position));
        compared += 1;
      }
    }
    console.log(`[${target.name}] time travel: ${compared} reads at ${run.snapshots.length} past points equal their live snapshots`);
    // Before the session existed there was nothing to read.
    const first = run.snapshots[0];
    const created = await db().selectFrom('events').select('position').where('stream_id', '=', `session-${first.sessionId}`).where('stream_version', '=', 1).executeTakeFirstOrThrow();
    const before = await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${first.sessionId}?as_of=${Number(created.position) - 1}` });
    expect(before.json().code).toBe('SESSION_NOT_FOUND');
  }, STEP_TIMEOUT);

  it('corrupting one stored blob makes verify fail naming exactly that version', async () => {
    // A blob that holds exactly one version's output and nothing else (no original, no attached table, no twin).
    const { rows } = await sql<{ storage_path: string; id: string; session_id: string }>`
      SELECT min(n.storage_path) AS storage_path, min(n.id::text) AS id, min(n.session_id::text) AS session_id
      FROM nodes n
      WHERE n.kind = 'transform'
        AND n.storage_path NOT IN (SELECT original_storage_path FROM nodes WHERE original_storage_path IS NOT NULL)
        AND n.storage_path NOT IN (SELECT storage_path FROM session_tables UNION SELECT original_storage_path FROM session_tables)
      GROUP BY n.storage_path HAVING count(*) = 1
      ORDER BY 1`.execute(db());
    const victim = rows[Math.floor(mulberry32(SEED)() * rows.length)];
    const file = path.join(ctx.api.service.config.DATA_DIR, 'blobs', 'sha256', victim.storage_path.slice(7, 9), victim.storage_path.slice(7));
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from('x,y\n')]));
    try {
      const report = await verifyAll(db(), ctx.api.service.blobs);
      const failed = report.verdicts.filter((v) => v.status !== 'MATCH');
      expect(failed.map((v) => [v.session_id, v.node_id, v.status, v.stored])).toEqual([[victim.session_id, victim.id, 'MISMATCH', 'corrupt']]);
      expect(failed[0].first_difference).toMatchObject({ node_id: victim.id, reason: 'the stored copy of this version differs from its recorded hash' });
      const api = (await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${victim.session_id}/nodes/${victim.id}/verify` })).json();
      expect(api).toMatchObject({ status: 'MISMATCH', stored: 'corrupt' });
    } finally {
      fs.writeFileSync(file, original);
    }
  }, STEP_TIMEOUT);
});
