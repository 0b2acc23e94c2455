/**
 * A worker process for the crash test: takes one job, says so on stdout, and hangs until it is SIGKILLed.
 * Usage: node --import tsx test/jobs/hanging-worker.ts <redisUrl> <prefix> <queueName>
 */
import { createBullmqQueue } from '../../src/jobs/bullmq-queue.js';

const [redisUrl, prefix, queueName] = process.argv.slice(2);
const queue = createBullmqQueue({ redisUrl, prefix, queueName, lockDurationMs: 1000, stalledIntervalMs: 300, onError: () => {} });
queue.process(async (job) => {
  process.stdout.write(`started ${job.id} ${job.attempt}\n`);
  await new Promise(() => {});
});
