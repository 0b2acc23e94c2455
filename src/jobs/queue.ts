/**
 * The job queue port. Heavy work (applying a plan, running a module) runs as a job; a dispatcher that reads the
 * event log enqueues one job per request event with the event id as the job id (DESIGN.md §4). Two implementations
 * pass the same contract suite (test/jobs/queue-contract.ts): BullMQ on Redis and an in-process queue for the
 * embedded default.
 *
 * Delivery is at least once: a job may run again after a crash, a stall or a lost lock, so handlers must be
 * idempotent (check the stream for a recorded outcome, append with an expected version).
 */
export interface Job<T = unknown> {
  id: string;
  name: string;
  data: T;
  /**
   * 1-based: the first run is attempt 1, the retry after its failure attempt 2. A run cut short by a crash (BullMQ
   * stalled-job recovery) is not a failure, so the rerun keeps the same number.
   */
  attempt: number;
  /** Total runs this job gets: a failure of run `attempts` is final, and nothing retries it. */
  attempts: number;
}

/**
 * Runs one job. Throwing (or rejecting) fails this attempt; it is retried with backoff until `attempts` runs.
 * The signal aborts when the queue is closing and the grace period is over; handlers should stop promptly.
 */
export type JobHandler = (job: Job, signal: AbortSignal) => Promise<void>;

export interface JobCounts {
  /** Queued and not yet started, including jobs waiting out a retry backoff. */
  waiting: number;
  active: number;
  completed: number;
  /** Failed for good (every attempt used). */
  failed: number;
}

export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /**
   * Enqueue once: a second enqueue with the same id (while queued, running, completed or failed, within the
   * retention window) is a no-op. Throws `QueueUnavailableError` (503) when the backend cannot be reached.
   */
  enqueue(job: { id: string; name: string; data: unknown }): Promise<void>;
  /** Start consuming with this handler; failures retry with exponential backoff up to `attempts`. Once per queue. */
  process(handler: JobHandler, options?: { concurrency?: number }): void;
  /** Count of jobs waiting/active/completed/failed for health and tests. */
  counts(): Promise<JobCounts>;
  /** Health check: throws `QueueUnavailableError` when the backend is unreachable. */
  check(): Promise<void>;
  /**
   * Stop taking jobs, let in-flight ones finish (or abort them via their signal after `graceMs`), release
   * connections. Idempotent.
   */
  close(graceMs?: number): Promise<void>;
}

export interface QueueOptions {
  /** Letters, digits, '-', '_' and '.'; BullMQ uses it in Redis keys, where ':' is the separator. */
  queueName: string;
  /** Total runs per job, the first included. Default 5. */
  attempts?: number;
  /** Delay before the first retry; each further retry doubles it. Default 1000. */
  backoffMs?: number;
  /**
   * Told about every failed attempt (and, for BullMQ, connection errors). Default: a one-line console warning.
   * `job` is absent for errors not tied to a job.
   */
  onError?: (error: unknown, job?: Job) => void;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
/** Finished jobs are remembered this long so that a re-enqueue of the same id stays a no-op. */
export const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Default time in-flight jobs get to finish on close before their signal aborts. */
export const DEFAULT_CLOSE_GRACE_MS = 30_000;
