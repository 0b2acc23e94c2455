import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, WrongExpectedVersionError, type DomainEvent } from '../../src/events/index.js';
import { createProjector, defineProjection, PROJECTIONS, rebuildProjections, waitForProjections } from '../../src/projections/index.js';
import { createPgliteTestDatabase, databaseTargets, type TestDatabase } from '../support/databases.js';

const targets = await databaseTargets();
const run = promisify(execFile);

const chat = (content: string): DomainEvent => ({
  type: 'ChatMessagePosted',
  data: { message_id: randomUUID(), content, node_id: null, metadata: {} },
});
const created = (sessionId: string): DomainEvent => ({
  type: 'SessionCreated',
  data: { session_id: sessionId, owner_id: randomUUID(), plan_id: randomUUID(), name: null, metadata: {} },
});

/** A projection with a plain INSERT: applying an event twice would violate the primary key, so "once" is checked. */
const ledger = defineProjection({
  name: 'test_ledger',
  tables: [],
  handlers: {},
  any: (e) => [
    CompiledQuery.raw('INSERT INTO test_ledger (position, stream_id, stream_version) VALUES ($1, $2, $3)', [e.position, e.streamId, e.streamVersion]),
  ],
});

async function createLedger(t: TestDatabase) {
  await sql`CREATE TABLE test_ledger (position bigint PRIMARY KEY, stream_id text NOT NULL, stream_version int NOT NULL)`.execute(t.database.db);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(targets)('projector on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create({ max: 24 });
    await createLedger(t);
  });
  afterAll(() => t.cleanup());

  it('applies every event exactly once while 16 writers append 2 000+ events, some in slow transactions', { timeout: 240_000 }, async () => {
    const db = t.database.db;
    const store = createEventStore(db);
    const projector = createProjector(db, { projections: [...PROJECTIONS, ledger], pollMs: 5, batchSize: 200 });
    projector.start();
    const shared = Array.from({ length: 3 }, () => `session-${randomUUID()}`);
    for (const stream of shared) await store.append(stream, [created(stream.slice(8))], 'no_stream');
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const slow = target.name === 'postgres' ? 25 : 3;
    const stats = { appended: 3, conflicts: 0, other: [] as unknown[] };
    const writers = Array.from({ length: 16 }, async (_, w) => {
      const own = `session-${randomUUID()}`;
      await store.append(own, [created(own.slice(8))], 'no_stream');
      stats.appended += 1;
      let mine = 0;
      for (let i = 0; mine < 127; i++) {
        const useShared = i % 3 === 0;
        const stream = useShared ? shared[i % shared.length] : own;
        const batch = [chat(`w${w}-${i}`), ...(i % 5 === 0 ? [chat(`w${w}-${i}b`)] : [])];
        try {
          await db.transaction().execute(async (trx) => {
            const txStore = createEventStore(trx);
            const expected = await txStore.streamVersion(stream);
            if (random() < 0.08) await sleep(random() * slow);
            await txStore.append(stream, batch, useShared ? expected : 'stream_exists');
            if (random() < 0.08) await sleep(random() * slow); // committed late, after later positions
          });
          stats.appended += batch.length;
          mine += batch.length;
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) stats.conflicts += 1;
          else stats.other.push(error);
        }
      }
    });
    try {
      await Promise.all(writers);
      const head = await db.selectFrom('events').select([sql<string>`max(transaction_id)::text`.as('tx'), (eb) => eb.fn.max('position').as('pos')]).executeTakeFirstOrThrow();
      const reached = await waitForProjections(db, { transactionId: head.tx, position: Number(head.pos) }, { timeoutMs: 30_000, projections: [...PROJECTIONS, ledger] });
      expect(reached).toBe(true);
    } finally {
      await projector.stop();
    }
    expect(stats.other).toEqual([]);
    expect(stats.appended).toBeGreaterThanOrEqual(2000);

    const events = await db.selectFrom('events').select(['position', 'stream_id', 'stream_version']).orderBy('position').execute();
    expect(events).toHaveLength(stats.appended);
    const ledgerRows = await sql<{ position: number }>`SELECT position FROM test_ledger ORDER BY position`.execute(db);
    expect(ledgerRows.rows.map((r) => Number(r.position))).toEqual(events.map((e) => Number(e.position)));
    const versions = new Map<string, number[]>();
    for (const e of events) versions.set(e.stream_id, [...(versions.get(e.stream_id) ?? []), e.stream_version]);
    for (const list of versions.values()) expect(list.sort((a, b) => a - b)).toEqual(list.map((_, i) => i + 1));
    const chatRows = await db.selectFrom('chat_logs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(chatRows.n)).toBe(events.length - 19);
    if (target.name === 'postgres') expect(stats.conflicts).toBeGreaterThan(0);
  });

  it('two projectors running at once never apply an event twice', async () => {
    const db = t.database.db;
    const store = createEventStore(db);
    for (let i = 0; i < 20; i++) await store.append(`session-${randomUUID()}`, [created(randomUUID()), chat('x')], 'any');
    const a = createProjector(db, { projections: [ledger] });
    const b = createProjector(db, { projections: [ledger] });
    await Promise.all([a.catchUp(), b.catchUp(), a.catchUp(), b.catchUp()]);
    await a.catchUp();
    const counts = await sql<{ n: number; e: number }>`SELECT (SELECT count(*) FROM test_ledger)::int AS n, (SELECT count(*) FROM events)::int AS e`.execute(db);
    expect(counts.rows[0].n).toBe(counts.rows[0].e);
  });

  it('handlers are idempotent: every event applied twice leaves the same rows', async () => {
    const db = t.database.db;
    const projector = createProjector(db);
    await projector.catchUp();
    const dump = async () => Promise.all(['sessions', 'nodes', 'chat_logs', 'plans', 'plan_steps', 'tasks'].map((table) => sql`SELECT * FROM ${sql.table(table)} ORDER BY 1`.execute(db).then((r) => r.rows)));
    const before = await dump();
    const { applyEvents } = await import('../../src/projections/run-batch.js');
    const all = await createEventStore(db).readAll({ transactionId: '0', position: 0 }, 100_000);
    await db.transaction().execute(async (trx) => {
      for (const projection of PROJECTIONS) await applyEvents(trx, projection, all);
    });
    expect(await dump()).toEqual(before);
  });

  it('rebuild replays the log into tables equal to the live ones, row for row', async () => {
    const db = t.database.db;
    await createProjector(db).catchUp();
    const dump = async () => Promise.all(['sessions', 'nodes', 'chat_logs', 'plans', 'plan_steps', 'tasks'].map((table) => sql`SELECT * FROM ${sql.table(table)} ORDER BY 1`.execute(db).then((r) => r.rows)));
    const before = await dump();
    const progress: number[] = [];
    const report = await rebuildProjections(db, { swap: true, onProgress: (done) => progress.push(done) });
    expect(report.identical).toBe(true);
    expect(report.tables.find((x) => x.table === 'chat_logs')!.live_rows).toBeGreaterThan(2000);
    expect(progress.at(-1)).toBe(report.events);
    expect(await dump()).toEqual(before);
    // A corrupted live row is detected by the comparison and repaired by the swap.
    await sql`UPDATE chat_logs SET content = 'tampered' WHERE id = (SELECT id FROM chat_logs LIMIT 1)`.execute(db);
    const repaired = await rebuildProjections(db, { swap: true });
    expect(repaired.identical).toBe(false);
    expect(repaired.tables.filter((x) => !x.identical).map((x) => x.table)).toEqual(['chat_logs']);
    expect(await dump()).toEqual(before);
  });
});

describe('projector crash between writing rows and committing', () => {
  const crashTargets = targets.map((target) => ({
    name: target.name,
    // PGlite only persists when it has a data directory, so that case uses one on disk.
    open: (dir: string) => (target.name === 'pglite' ? createPgliteTestDatabase(dir) : target.create()),
  }));

  it.each(crashTargets)('leaves no trace, and every event is applied exactly once after restart ($name)', async ({ name, open }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-crash-'));
    let t = await open(dir);
    try {
      await createLedger(t);
      const store = createEventStore(t.database.db);
      for (let i = 0; i < 30; i++) await store.append(`session-${randomUUID()}`, [created(randomUUID()), chat(`m${i}`)], 'no_stream');
      const childTarget = name === 'pglite' ? dir : t.url!;
      if (name === 'pglite') await t.database.close();
      const child = await run(process.execPath, ['--import', 'tsx', 'test/support/crash-projector.ts', childTarget]).then(
        () => ({ signal: null as string | null }),
        (error: { signal?: string }) => ({ signal: error.signal ?? null }),
      );
      expect(child.signal).toBe('SIGKILL');
      if (name === 'pglite') t = await createPgliteTestDatabase(dir);
      const db = t.database.db;
      const leftovers = await sql<{ n: number }>`SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM checkpoints) AS n`.execute(db);
      expect(Number(leftovers.rows[0].n)).toBe(0);
      await createProjector(db, { projections: [...PROJECTIONS, ledger] }).catchUp();
      const counts = await sql<{ s: number; c: number; l: number }>`SELECT (SELECT count(*) FROM sessions)::int AS s, (SELECT count(*) FROM chat_logs)::int AS c, (SELECT count(*) FROM test_ledger)::int AS l`.execute(db);
      expect(counts.rows[0]).toEqual({ s: 30, c: 30, l: 60 });
    } finally {
      await t.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
