/**
 * Audit benchmark (on demand, not in CI): drives the seeded randomized workload of the audit acceptance test through
 * the HTTP API (fastify.inject), then measures
 *   - replay: `verify` of every version and module run from the log and the original uploads (versions/s, events/s),
 *     and one-node replays along a lineage as GET /nodes/{nid}/verify does them (nodes/s),
 *   - rebuild: every projection replayed into fresh tables and compared with the live ones (events/s),
 *   - time travel: session reads folded from the log at past positions (reads/s).
 * On the local Postgres (BENCH_DATABASE_URL, default the machine's server) in a database of its own that is dropped
 * afterwards, or on an in-memory PGlite with BENCH_DB=pglite.
 *
 *   npm run bench:audit                                   # 200 sessions on Postgres
 *   BENCH_SESSIONS=500 BENCH_DB=pglite npm run bench:audit
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../src/api/app.js';
import { replayNode } from '../src/audit/replay-node.js';
import { loadRecipes, verifyAll } from '../src/audit/verify.js';
import { loadConfig } from '../src/config/config.js';
import { rebuildProjections, waitForProjections } from '../src/projections/index.js';
import { createService } from '../src/service/service.js';
import { runWorkload } from '../test/support/audit-workload.js';
import { createPgliteTestDatabase, createPostgresTestDatabase } from '../test/support/databases.js';

const sessions = Number(process.env.BENCH_SESSIONS ?? 200);
const seed = Number(process.env.BENCH_SEED ?? 20260601);
const kind = process.env.BENCH_DB === 'pglite' ? 'pglite' : 'postgres';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const t = kind === 'pglite' ? await createPgliteTestDatabase() : await createPostgresTestDatabase(adminUrl, { max: 10 });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-bench-audit-'));
const service = await createService(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PROJECTION_WAIT_MS: '30000' }), { role: 'server', database: t.database });
const app = await buildApp(service, { logger: false });
const db = t.database.db;
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const line = (label: string, text: string) => console.log(`${label.padEnd(14)} ${text}`);

try {
  console.log(`audit bench on ${kind}: ${sessions} sessions, seed ${seed}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const run = await runWorkload({
    sessions,
    seed,
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? (kind === 'pglite' ? 4 : 8)),
    snapshots: 10,
    inject: (options) => app.inject(options),
    lastEvent: async (sessionId) => {
      const { rows } = await sql<{ position: number; transaction_id: string; recorded_at: Date }>`
        SELECT position, transaction_id::text, recorded_at FROM events WHERE stream_id = ${`session-${sessionId}`} ORDER BY stream_version DESC LIMIT 1`.execute(db);
      await waitForProjections(db, { transactionId: rows[0].transaction_id, position: Number(rows[0].position) }, { timeoutMs: 60_000 });
      return { position: Number(rows[0].position), recorded_at: new Date(rows[0].recorded_at) };
    },
  });
  line('workload', `${run.sessionIds.length} sessions, ${run.requests} requests, ${run.applies} applies in ${(run.duration_ms / 1000).toFixed(1)} s (${rate(run.requests, run.duration_ms)} requests/s)`);

  const verify = await verifyAll(db, service.blobs);
  const failed = verify.verdicts.length - verify.counts.MATCH;
  line('verify', `${verify.verdicts.length} versions and runs, ${verify.events} events in ${verify.duration_ms} ms: ${rate(verify.verdicts.length, verify.duration_ms)} versions/s, ${rate(verify.events, verify.duration_ms)} events/s; ${failed === 0 ? '100 % MATCH' : `${failed} FAILED`}`);

  // One node at a time, each along its whole lineage (the API's verify): the deepest node of each session.
  let started = performance.now();
  let replayed = 0;
  let steps = 0;
  for (const id of run.sessionIds) {
    const recipes = await loadRecipes(db, id);
    const deepest = [...recipes.nodes.values()].at(-1);
    if (!deepest) continue;
    const result = await replayNode(service.blobs, recipes, deepest.nodeId);
    replayed += result!.lineage.length;
    steps += result!.verdict.steps_replayed;
  }
  let ms = performance.now() - started;
  line('replay node', `${run.sessionIds.length} replays covering ${replayed} versions (${steps} steps) in ${Math.round(ms)} ms: ${rate(replayed, ms)} nodes/s`);

  const rebuild = await rebuildProjections(db);
  line('rebuild', `${rebuild.events} events into ${rebuild.tables.length} tables in ${rebuild.duration_ms} ms: ${rate(rebuild.events, rebuild.duration_ms)} events/s; ${rebuild.identical ? 'every table identical' : 'DIFFERENCES'}`);

  started = performance.now();
  let reads = 0;
  for (const snap of run.snapshots) {
    for (const read of snap.reads) {
      await app.inject({ method: 'GET', url: `${read.url}${read.url.includes('?') ? '&' : '?'}as_of=${snap.position}` });
      reads += 1;
    }
  }
  ms = performance.now() - started;
  line('time travel', `${reads} reads at ${run.snapshots.length} past points in ${Math.round(ms)} ms: ${rate(reads, ms)} reads/s`);
} finally {
  await app.close();
  await service.close();
  await t.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
