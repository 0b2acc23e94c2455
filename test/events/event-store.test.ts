import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, createEventStore, InvalidEventError, WrongExpectedVersionError, type DomainEvent, type EventStore } from '../../src/events/index.js';
import { databaseTargets, type TestDatabase } from '../support/databases.js';

const targets = await databaseTargets();

const message = (content: string): DomainEvent => ({
  type: 'ChatMessagePosted',
  data: { message_id: randomUUID(), content, node_id: null, metadata: {} },
});

describe.each(targets)('event store on $name', (target) => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    t = await target.create();
    store = createEventStore(t.database.db);
  });
  afterAll(() => t.cleanup());

  it('appends and reads a stream in order with gapless versions', async () => {
    const stream = `session-${randomUUID()}`;
    const first = await store.append(stream, [message('a'), message('b')], 'no_stream');
    expect(first.nextExpectedVersion).toBe(2);
    expect(first.positions).toHaveLength(2);
    expect(first.positions[1]).toBeGreaterThan(first.positions[0]);
    const second = await store.append(stream, [message('c')], 2);
    expect(second.nextExpectedVersion).toBe(3);
    const events = await store.readStream(stream);
    expect(events.map((e) => [e.streamVersion, e.data.content])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    expect(events[0].schemaVersion).toBe(1);
    expect(await store.streamVersion(stream)).toBe(3);
  });

  it('enforces every kind of expected version with a typed conflict carrying the actual version', async () => {
    const stream = `session-${randomUUID()}`;
    await expect(store.append(stream, [message('x')], 'stream_exists')).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 0 });
    await expect(store.append(stream, [message('x')], 3)).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await store.append(stream, [message('x')], 'no_stream');
    await expect(store.append(stream, [message('y')], 'no_stream')).rejects.toMatchObject({ actual: 1, expected: 'no_stream' });
    await expect(store.append(stream, [message('y')], 0)).rejects.toMatchObject({ actual: 1 });
    await expect(store.append(stream, [message('y')], 2)).rejects.toMatchObject({ actual: 1 });
    expect((await store.append(stream, [message('y')], 'stream_exists')).nextExpectedVersion).toBe(2);
    expect((await store.append(stream, [message('z')], 'any')).nextExpectedVersion).toBe(3);
    expect((await store.readStream(stream)).map((e) => e.data.content)).toEqual(['x', 'y', 'z']);
  });

  it('rejects unknown event types and invalid event data, appending nothing', async () => {
    const stream = `session-${randomUUID()}`;
    await expect(store.append(stream, [{ type: 'Nope', data: {} } as never], 'any')).rejects.toBeInstanceOf(InvalidEventError);
    await expect(
      store.append(stream, [{ type: 'ChatMessagePosted', data: { message_id: 'not-a-uuid', content: 1 } } as never], 'any'),
    ).rejects.toBeInstanceOf(InvalidEventError);
    await expect(store.append(stream, [], 'any')).rejects.toBeInstanceOf(InvalidEventError);
    expect(await store.readStream(stream)).toEqual([]);
  });

  it('returns the first result for a repeated idempotency key and appends nothing', async () => {
    const stream = `session-${randomUUID()}`;
    const key = randomUUID();
    const first = await store.append(stream, [message('once')], 'any', { idempotencyKey: key });
    const again = await store.append(stream, [message('twice')], 'any', { idempotencyKey: key });
    expect(again.replayed).toBe(true);
    expect(again.positions).toEqual(first.positions);
    expect(again.nextExpectedVersion).toBe(first.nextExpectedVersion);
    const [event] = await store.readStream(stream);
    expect(event.metadata.idempotency_key).toBe(key);
    expect((await store.readStream(stream)).length).toBe(1);
  });

  it('concurrent appends with the same idempotency key append once', async () => {
    const stream = `session-${randomUUID()}`;
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(stream, [message(`m${i}`)], 'any', { idempotencyKey: key })));
    expect(new Set(results.map((r) => r.positions[0])).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('reads the whole log in global order from a checkpoint, in pages', async () => {
    const stream = `session-${randomUUID()}`;
    await store.append(stream, [message('1'), message('2'), message('3')], 'no_stream');
    // Transactions still open anywhere on the server (other test databases included: transaction ids are
    // cluster-wide) hold readers back until they end, so read until the appended events are visible.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const all = [];
      let from = START;
      for (;;) {
        const page = await store.readAll(from, 2);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        all.push(...page);
        const last = page[page.length - 1];
        from = { transactionId: last.transactionId, position: last.position };
      }
      const positions = all.map((e) => e.position);
      expect(new Set(positions).size).toBe(positions.length);
      const ours = all.filter((e) => e.streamId === stream).map((e) => e.data.content);
      if (ours.length === 3 || Date.now() > deadline) {
        expect(ours).toEqual(['1', '2', '3']);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('records the command time and metadata on every event', async () => {
    const stream = `session-${randomUUID()}`;
    const at = new Date('2026-01-02T03:04:05.678Z');
    await store.append(stream, [message('m')], 'any', { recordedAt: at, metadata: { actor: 'u1', request_id: 'r1' } });
    const [event] = await store.readStream(stream);
    expect(event.recordedAt.toISOString()).toBe(at.toISOString());
    expect(event.metadata).toMatchObject({ actor: 'u1', request_id: 'r1' });
  });
});

describe.each(targets.filter((t) => t.name === 'postgres'))('late commits on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create();
  });
  afterAll(() => t.cleanup());

  it('never lets a reader skip an event whose transaction commits after a later one', async () => {
    const store = createEventStore(t.database.db);
    const slow = `session-${randomUUID()}`;
    const fast = `session-${randomUUID()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const slowAppended = new Promise<void>((resolve) => (appended = resolve));
    const slowTx = t.database.db.transaction().execute(async (trx) => {
      await createEventStore(trx).append(slow, [message('slow')], 'no_stream');
      appended();
      await held;
    });
    await slowAppended;
    await store.append(fast, [message('fast')], 'no_stream');
    // The fast event is committed but its position is after the open one: a reader must wait for both.
    const before = await store.readAll(START, 1000);
    expect(before.some((e) => e.streamId === fast || e.streamId === slow)).toBe(false);
    release();
    await slowTx;
    // Open transactions elsewhere on the server may hold readers back a little longer: wait for both.
    let ours: string[] = [];
    for (const deadline = Date.now() + 20_000; ours.length < 2 && Date.now() < deadline; ) {
      const after = await store.readAll(START, 100_000);
      ours = after.filter((e) => e.streamId === fast || e.streamId === slow).map((e) => e.data.content);
      if (ours.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ours).toEqual(['slow', 'fast']);
  });
});
