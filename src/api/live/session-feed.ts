import { sql } from 'kysely';
import { START, type Checkpoint, type StoredEvent } from '../../events/event-store.js';
import { createEventStore } from '../../events/index.js';
import { listenForEvents } from '../../projections/listen.js';
import type { Service } from '../../service/service.js';
import { liveMessages, taskLink, type LiveMessage } from './live-messages.js';

export type Send = (message: LiveMessage) => void;

export interface SessionFeed {
  /** Starts delivering the session's messages to `send` (events committed from now on); returns the unsubscribe. */
  subscribe(sessionId: string, send: Send): Promise<() => void>;
  close(): Promise<void>;
}

const BATCH = 500;
const POLL_MS = 100;
const KNOWN_TASKS = 10_000;

/**
 * One tail of the event log per web process, feeding its own WebSockets (API.md §17). It reads only committed
 * events in log order (the same rule as the projector), so a message is sent only after its events are committed,
 * whichever process appended them — this server, or a separate worker. It runs while anyone listens: woken by
 * NOTIFY on Postgres, and by a short poll otherwise.
 */
export function createSessionFeed(service: Pick<Service, 'database' | 'config'>, options: { pollMs?: number; onError?: (error: unknown) => void } = {}): SessionFeed {
  const db = service.database.db;
  const store = createEventStore(db);
  const listeners = new Map<string, Set<Send>>();
  /** task id → session id, from the events that started the tasks (bounded: oldest forgotten first). */
  const tasks = new Map<string, string>();
  let checkpoint: Checkpoint | null = null;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let listener: { close(): Promise<void> } | undefined;
  let closed = false;

  const remember = (taskId: string, sessionId: string) => {
    tasks.set(taskId, sessionId);
    if (tasks.size > KNOWN_TASKS) tasks.delete(tasks.keys().next().value!);
  };

  /** The session of a task that started before this tail did: the tasks table, else the log itself. */
  async function lookUpTasks(events: StoredEvent[]): Promise<void> {
    const unknown = [...new Set(events.filter((e) => e.type === 'TaskProgressed').map((e) => e.streamId.slice('task-'.length)))].filter((id) => !tasks.has(id));
    if (unknown.length === 0) return;
    const rows = await db.selectFrom('tasks').select(['id', 'session_id']).where('id', 'in', unknown).execute();
    for (const row of rows) if (row.session_id) remember(row.id, row.session_id);
    const missing = unknown.filter((id) => !tasks.has(id));
    if (missing.length === 0) return;
    const started = await db
      .selectFrom('events')
      .select(['stream_id', sql<string>`data->>'task_id'`.as('task_id')])
      .where('type', 'in', ['PlanApplyRequested', 'ModuleRunRequested', 'ModuleRunConfirmed'])
      .where(sql<string>`data->>'task_id'`, 'in', missing)
      .execute();
    for (const row of started) remember(row.task_id, row.stream_id.slice('session-'.length));
  }

  async function logHead(): Promise<Checkpoint> {
    const { rows } = await sql<{ transaction_id: string | null; position: number | string | null }>`SELECT * FROM log_head()`.execute(db);
    const head = rows[0];
    return head?.transaction_id ? { transactionId: head.transaction_id, position: Number(head.position) } : START;
  }

  async function deliver(): Promise<number> {
    const events = await store.readAll(checkpoint!, BATCH);
    if (events.length === 0) return 0;
    for (const e of events) {
      const link = taskLink(e);
      if (link) remember(link.taskId, link.sessionId);
    }
    await lookUpTasks(events);
    for (const e of events) {
      const delivery = liveMessages(e, (taskId) => tasks.get(taskId) ?? null);
      const targets = delivery && listeners.get(delivery.sessionId);
      if (!targets) continue;
      for (const message of delivery.messages) for (const send of targets) send(message);
    }
    const last = events[events.length - 1];
    checkpoint = { transactionId: last.transactionId, position: last.position };
    return events.length;
  }

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.pollMs ?? POLL_MS);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeUp = undefined;
    });

  async function run(): Promise<void> {
    while (!closed && listeners.size > 0) {
      try {
        while ((await deliver()) === BATCH);
      } catch (error) {
        options.onError?.(error);
      }
      if (!closed && listeners.size > 0) await sleep();
    }
  }

  /** Starts the tail unless it runs; one start at a time, so concurrent subscribers never start two. */
  let starting: Promise<void> | undefined;
  const start = (fromHead: boolean): Promise<void> => (starting ??= begin(fromHead).finally(() => (starting = undefined)));

  async function begin(fromHead: boolean): Promise<void> {
    if (loop) return;
    // Nobody listened until now: start at the head of the log, so only new events are sent.
    if (fromHead || !checkpoint) checkpoint = await logHead();
    if (!listener && service.config.DATABASE_URL) listener = await listenForEvents(service.config.DATABASE_URL, () => wakeUp?.());
    loop = run().finally(() => {
      loop = undefined;
      // Listeners that arrived while the loop was ending keep it going from where it was.
      if (!closed && listeners.size > 0) void start(false);
    });
  }

  return {
    async subscribe(sessionId, send) {
      if (closed) throw new Error('The live feed is closed');
      let set = listeners.get(sessionId);
      if (!set) listeners.set(sessionId, (set = new Set()));
      set.add(send);
      await start(true);
      return () => {
        const current = listeners.get(sessionId);
        current?.delete(send);
        if (current && current.size === 0) listeners.delete(sessionId);
      };
    },
    async close() {
      closed = true;
      wakeUp?.();
      await loop;
      await listener?.close();
    },
  };
}
