import { Queue, Worker, type Job as BullJob } from 'bullmq';
import { decodeJobId, encodeJobId } from './bullmq-job-id.js';
import { DEFAULT_CLOSE_GRACE_MS, DEFAULT_RETENTION_MS, type Job, type JobQueue, type QueueOptions } from './queue.js';
import { QueueUnavailableError } from './queue-errors.js';
import { checkConcurrency, checkJobId, queueSettings } from './queue-settings.js';
import { settleWithin } from './settle-within.js';
import { withTimeout } from './with-timeout.js';

export interface BullmqQueueOptions extends QueueOptions {
  redisUrl: string;
  /** Redis key prefix; one per deployment (and per test run), so queues of different runs never meet. */
  prefix: string;
  /**
   * How long finished jobs stay in Redis. BullMQ deduplicates by job id only while the job exists, so this is the
   * window in which a re-enqueue of the same id is a no-op. Default 24 h.
   */
  retentionMs?: number;
  /**
   * How long a worker's lock on a running job lasts without renewal; a job whose worker died runs again on another
   * worker after about this long. BullMQ default 30 000; shorter only for tests.
   */
  lockDurationMs?: number;
  /**
   * How often workers look for jobs whose lock expired (stalled). The check is shared through Redis (one per
   * interval across all workers), so every worker of a queue should use the same value. BullMQ default 30 000.
   */
  stalledIntervalMs?: number;
  /** Bound on every producer-side Redis call, so callers get a 503 instead of hanging when Redis is down. Default 5000. */
  commandTimeoutMs?: number;
}

/**
 * The production queue: BullMQ on Redis, for a separate worker process and any number of workers. BullMQ gives
 * at-least-once delivery, stalled-job recovery (a killed worker's job runs again once its lock expires) and
 * retries with backoff; dedupe comes from using our id as BullMQ's jobId.
 */
export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const settings = queueSettings(options);
  const { redisUrl, prefix } = options;
  const retentionSeconds = Math.ceil((options.retentionMs ?? DEFAULT_RETENTION_MS) / 1000);
  const timeoutMs = options.commandTimeoutMs ?? 5000;

  // Producer connection: no offline queue and one retry per command, so a Redis outage surfaces as an error now
  // rather than a command parked until Redis returns (BullMQ's advice for Queue instances).
  const queue = new Queue(settings.queueName, {
    prefix,
    connection: { url: redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: timeoutMs },
    defaultJobOptions: {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      removeOnComplete: { age: retentionSeconds },
      removeOnFail: { age: retentionSeconds },
    },
  });
  // An EventEmitter 'error' without a listener would crash the process; connection trouble is reported instead.
  queue.on('error', (error) => settings.onError(error));

  let worker: Worker | undefined;
  let closing: Promise<void> | undefined;

  function unavailable(action: string, cause: unknown): QueueUnavailableError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new QueueUnavailableError(`queue ${settings.queueName}: could not ${action}: ${reason}`, cause);
  }

  async function producerCall<T>(action: string, call: () => Promise<T>): Promise<T> {
    if (closing) throw new QueueUnavailableError(`queue ${settings.queueName} is closed`);
    try {
      return await withTimeout(call(), timeoutMs, `no answer from Redis within ${timeoutMs} ms`);
    } catch (error) {
      throw unavailable(action, error);
    }
  }

  return {
    kind: 'bullmq',

    async enqueue({ id, name, data }) {
      checkJobId(id);
      // A timed-out add may still land later; that is harmless because the id makes it idempotent.
      await producerCall('enqueue', () => queue.add(name, data, { jobId: encodeJobId(id) }));
    },

    process(handler, processOptions = {}) {
      if (worker) throw new Error(`queue ${settings.queueName} already has a handler`);
      if (closing) throw new QueueUnavailableError(`queue ${settings.queueName} is closed`);
      const concurrency = checkConcurrency(processOptions.concurrency ?? 1);
      const reported = new WeakSet<object>();
      // Three declared parameters: BullMQ passes an abort signal only to processors that accept one.
      const processor = async (bullJob: BullJob, _token: string | undefined, signal: AbortSignal | undefined) => {
        const job = toJob(bullJob, bullJob.attemptsMade + 1, settings.attempts);
        try {
          await handler(job, signal ?? new AbortController().signal);
        } catch (error) {
          settings.onError(error, job);
          if (typeof error === 'object' && error !== null) reported.add(error);
          throw error;
        }
      };
      worker = new Worker(settings.queueName, processor, {
        prefix,
        // Workers block on Redis, so BullMQ requires commands to wait for a reconnect instead of failing.
        connection: { url: redisUrl, maxRetriesPerRequest: null },
        concurrency,
        ...(options.lockDurationMs !== undefined && { lockDuration: options.lockDurationMs }),
        ...(options.stalledIntervalMs !== undefined && { stalledInterval: options.stalledIntervalMs }),
      });
      worker.on('error', (error) => settings.onError(error));
      // Failures that never reached the processor (a job stalled too often) would otherwise pass silently.
      worker.on('failed', (bullJob, error) => {
        if (!reported.has(error)) settings.onError(error, bullJob ? toJob(bullJob, bullJob.attemptsMade, settings.attempts) : undefined);
      });
    },

    async counts() {
      const c = await producerCall('count jobs', () =>
        queue.getJobCounts('wait', 'prioritized', 'delayed', 'waiting-children', 'active', 'completed', 'failed'),
      );
      const n = (key: string) => c[key] ?? 0;
      return {
        waiting: n('wait') + n('prioritized') + n('delayed') + n('waiting-children'),
        active: n('active'),
        completed: n('completed'),
        failed: n('failed'),
      };
    },

    async check() {
      await producerCall('reach Redis', () => queue.getJobCounts('active'));
    },

    close(graceMs = DEFAULT_CLOSE_GRACE_MS) {
      closing ??= (async () => {
        if (worker) {
          const w = worker;
          const closed = w.close();
          if (!(await settleWithin(closed, graceMs))) {
            w.cancelAllJobs('queue closing');
            // A handler that ignores its signal must not hold shutdown for ever: drop the connections; its job's
            // lock then expires and another worker picks it up as stalled.
            if (!(await settleWithin(closed, graceMs))) await settleWithin(w.disconnect(), timeoutMs);
          }
        }
        if (!(await settleWithin(queue.close(), timeoutMs))) await settleWithin(queue.disconnect(), timeoutMs);
      })();
      return closing;
    },
  };
}

function toJob(bullJob: BullJob, attempt: number, attempts: number): Job {
  return { id: decodeJobId(bullJob.id ?? ''), name: bullJob.name, data: bullJob.data, attempt, attempts: bullJob.opts.attempts ?? attempts };
}
