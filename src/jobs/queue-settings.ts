import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type Job,
  type QueueOptions,
} from './queue.js';

/** The queue options with defaults filled in and checked once, shared by both implementations. */
export interface QueueSettings {
  queueName: string;
  attempts: number;
  backoffMs: number;
  onError: (error: unknown, job?: Job) => void;
}

const QUEUE_NAME = /^[A-Za-z0-9._-]+$/;

export function queueSettings(options: QueueOptions): QueueSettings {
  const { queueName, attempts = DEFAULT_ATTEMPTS, backoffMs = DEFAULT_BACKOFF_MS } = options;
  if (!QUEUE_NAME.test(queueName)) {
    throw new Error(`queueName must match ${QUEUE_NAME} (got ${JSON.stringify(queueName)})`);
  }
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`attempts must be a positive integer (got ${attempts})`);
  if (!Number.isFinite(backoffMs) || backoffMs < 0) throw new Error(`backoffMs must be >= 0 (got ${backoffMs})`);
  return { queueName, attempts, backoffMs, onError: options.onError ?? warnOnError };
}

/** Delay before the retry that follows failed attempt `attempt` (1-based): backoffMs · 2^(attempt-1), as BullMQ's 'exponential'. */
export function retryDelayMs(backoffMs: number, attempt: number): number {
  return Math.round(backoffMs * 2 ** (attempt - 1));
}

export function checkConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a positive integer (got ${concurrency})`);
  }
  return concurrency;
}

export function checkJobId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new Error('job id must be a non-empty string');
}

function warnOnError(error: unknown, job?: Job): void {
  const what = job ? `job ${job.name} ${job.id} attempt ${job.attempt} failed` : 'queue error';
  console.warn(`[jobs] ${what}: ${error instanceof Error ? error.message : String(error)}`);
}
