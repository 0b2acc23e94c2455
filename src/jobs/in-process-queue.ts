import { DEFAULT_CLOSE_GRACE_MS, DEFAULT_RETENTION_MS, type Job, type JobHandler, type JobQueue, type QueueOptions } from './queue.js';
import { QueueUnavailableError } from './queue-errors.js';
import { checkConcurrency, checkJobId, queueSettings, retryDelayMs } from './queue-settings.js';
import { settleWithin } from './settle-within.js';

export interface InProcessQueueOptions extends QueueOptions {
  /** How long a finished id is remembered for dedupe. Default 24 h, like the BullMQ queue. */
  retentionMs?: number;
}

type Status = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

interface Entry {
  id: string;
  name: string;
  data: unknown;
  /** Runs started so far. */
  runs: number;
  status: Status;
  finishedAt?: number;
}

/**
 * The embedded default's queue: jobs live in this process's memory, so a restart loses queued jobs. That is
 * acceptable only because jobs come from the log: the dispatcher re-derives them from requested-but-unfinished
 * tasks. Same semantics as BullMQ where they can be had in one process: dedupe by id, bounded concurrency,
 * exponential backoff, close waits for in-flight jobs.
 */
export function createInProcessQueue(options: InProcessQueueOptions): JobQueue {
  const settings = queueSettings(options);
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const entries = new Map<string, Entry>();
  const ready: Entry[] = [];
  const retryTimers = new Set<NodeJS.Timeout>();
  const running = new Map<Entry, { controller: AbortController; done: Promise<void> }>();
  let handler: JobHandler | undefined;
  let concurrency = 1;
  let closing: Promise<void> | undefined;

  // Finished ids are forgotten after the retention window so memory stays bounded on a long-lived server.
  function prune(now: number): void {
    for (const [id, entry] of entries) {
      if (entry.finishedAt !== undefined && now - entry.finishedAt > retentionMs) entries.delete(id);
    }
  }

  function pump(): void {
    while (handler && !closing && running.size < concurrency && ready.length > 0) {
      start(ready.shift()!, handler);
    }
  }

  function start(entry: Entry, run: JobHandler): void {
    entry.status = 'active';
    entry.runs += 1;
    const job: Job = { id: entry.id, name: entry.name, data: entry.data, attempt: entry.runs, attempts: settings.attempts };
    const controller = new AbortController();
    // The handler is called on a later tick so a synchronous throw becomes a failed attempt, not a crash of pump().
    const done = Promise.resolve()
      .then(() => run(job, controller.signal))
      .then(
        () => finish(entry, 'completed'),
        (error: unknown) => {
          settings.onError(error, job);
          if (entry.runs < settings.attempts && !closing) scheduleRetry(entry);
          else finish(entry, 'failed');
        },
      )
      .finally(() => {
        running.delete(entry);
        pump();
      });
    running.set(entry, { controller, done });
  }

  function finish(entry: Entry, status: 'completed' | 'failed'): void {
    entry.status = status;
    entry.finishedAt = Date.now();
  }

  function scheduleRetry(entry: Entry): void {
    entry.status = 'delayed';
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      entry.status = 'waiting';
      ready.push(entry);
      pump();
    }, retryDelayMs(settings.backoffMs, entry.runs));
    retryTimers.add(timer);
  }

  return {
    kind: 'in-process',

    async enqueue({ id, name, data }) {
      checkJobId(id);
      if (closing) throw new QueueUnavailableError(`queue ${settings.queueName} is closed`);
      prune(Date.now());
      if (entries.has(id)) return;
      // A JSON round trip, as BullMQ does through Redis: the handler gets its own copy, and a handler that works
      // here cannot depend on something (a Date, a Map) that would not survive the production queue.
      const copy = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
      const entry: Entry = { id, name, data: copy, runs: 0, status: 'waiting' };
      entries.set(id, entry);
      ready.push(entry);
      pump();
    },

    process(run, processOptions = {}) {
      if (handler) throw new Error(`queue ${settings.queueName} already has a handler`);
      if (closing) throw new QueueUnavailableError(`queue ${settings.queueName} is closed`);
      concurrency = checkConcurrency(processOptions.concurrency ?? 1);
      handler = run;
      pump();
    },

    async counts() {
      const counts = { waiting: 0, active: 0, completed: 0, failed: 0 };
      for (const entry of entries.values()) {
        if (entry.status === 'waiting' || entry.status === 'delayed') counts.waiting += 1;
        else counts[entry.status] += 1;
      }
      return counts;
    },

    async check() {
      if (closing) throw new QueueUnavailableError(`queue ${settings.queueName} is closed`);
    },

    close(graceMs = DEFAULT_CLOSE_GRACE_MS) {
      closing ??= (async () => {
        // Pending retries are dropped: nothing here outlives the process anyway (see above).
        for (const timer of retryTimers) clearTimeout(timer);
        retryTimers.clear();
        const inFlight = () => Promise.all([...running.values()].map((r) => r.done)).then(() => undefined);
        if (await settleWithin(inFlight(), graceMs)) return;
        for (const { controller } of running.values()) controller.abort(new Error('queue closing'));
        // A handler that ignores its signal must not keep shutdown waiting for ever.
        await settleWithin(inFlight(), graceMs);
      })();
      return closing;
    },
  };
}
