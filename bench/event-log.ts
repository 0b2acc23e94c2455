/**
 * Event log benchmark (on demand, not in CI): single-event appends/s with 1 and 16 concurrent writers, projector
 * catch-up and `rebuild` throughput, on the local Postgres (BENCH_DATABASE_URL, default the machine's server) in a
 * database of its own that is dropped afterwards.
 *
 *   npm run bench:log                    # 20 000 events per writer setting
 *   BENCH_EVENTS=50000 npm run bench:log
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPostgresDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createEventStore, type DomainEvent } from '../src/events/index.js';
import { createProjector, PROJECTIONS, rebuildProjections } from '../src/projections/index.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const total = Number(process.env.BENCH_EVENTS ?? 20_000);
const name = `md_bench_${Date.now().toString(36)}`;

const message = (i: number): DomainEvent => ({
  type: 'ChatMessagePosted',
  data: { message_id: randomUUID(), content: `message ${i}`, node_id: null, metadata: {} },
});

async function appendRun(store: ReturnType<typeof createEventStore>, writers: number): Promise<number> {
  const perWriter = Math.ceil(total / writers);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const stream = `session-${randomUUID()}`;
      for (let i = 0; i < perWriter; i++) await store.append(stream, [message(i)], i === 0 ? 'no_stream' : i);
    }),
  );
  return (perWriter * writers) / ((performance.now() - started) / 1000);
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = createPostgresDatabase({ url: url.toString(), max: 20 });
try {
  await migrate(database);
  const store = createEventStore(database.db);
  const one = await appendRun(store, 1);
  const sixteen = await appendRun(store, 16);
  const projector = createProjector(database.db, { batchSize: 1000 });
  let started = performance.now();
  const projected = await projector.catchUp();
  // catchUp counts each event once per projection; report log events per second through all read models.
  const projectRate = projected / PROJECTIONS.length / ((performance.now() - started) / 1000);
  started = performance.now();
  const report = await rebuildProjections(database.db, { swap: true });
  const rebuildRate = report.events / ((performance.now() - started) / 1000);
  console.log(`events in log:                 ${report.events}`);
  console.log(`appends/s, 1 writer:           ${one.toFixed(0)}  (one event per append, expected version checked)`);
  console.log(`appends/s, 16 writers:         ${sixteen.toFixed(0)}`);
  console.log(`projector catch-up events/s:   ${projectRate.toFixed(0)}  (log events through all ${PROJECTIONS.length} read models)`);
  console.log(`rebuild events/s:              ${rebuildRate.toFixed(0)}  (replay into fresh tables + compare + swap; identical: ${report.identical})`);
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
