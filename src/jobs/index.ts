export * from './queue.js';
export * from './queue-errors.js';
export { createInProcessQueue, type InProcessQueueOptions } from './in-process-queue.js';
export { createBullmqQueue, type BullmqQueueOptions } from './bullmq-queue.js';
export { createQueue, type QueueConfig } from './create-queue.js';
export { encodeJobId, decodeJobId } from './bullmq-job-id.js';
