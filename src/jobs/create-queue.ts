import { createBullmqQueue } from './bullmq-queue.js';
import { createInProcessQueue } from './in-process-queue.js';
import type { JobQueue, QueueOptions } from './queue.js';

export interface QueueConfig extends QueueOptions {
  /** When set, jobs go through BullMQ on this Redis; otherwise they run in this process (the embedded default). */
  redisUrl?: string;
  /** Redis key prefix for BullMQ. Default 'modulardata'. */
  prefix?: string;
  /** BullMQ: how long a worker's lock on a job lasts, and how often stalled jobs are looked for. */
  lockMs?: number;
}

export function createQueue(config: QueueConfig): JobQueue {
  const { redisUrl, prefix = 'modulardata', lockMs, ...options } = config;
  return redisUrl ? createBullmqQueue({ ...options, redisUrl, prefix, lockDurationMs: lockMs, stalledIntervalMs: lockMs }) : createInProcessQueue(options);
}
