import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/jobs/bullmq-queue.js';
import type { Job } from '../../src/jobs/queue.js';
import { redisUrl, uniqueName } from '../support/services.js';
import { eventually } from './queue-contract.js';

const url = await redisUrl();

/**
 * At-least-once across a crash (DESIGN.md §4, §9): a worker process SIGKILLed mid-job loses its lock, and another
 * worker runs the job again. This is why handlers must be idempotent.
 */
describe.skipIf(!url)('BullMQ: a worker killed mid-job', () => {
  const prefix = uniqueName('mdcrash');

  afterAll(async () => {
    const redis = new Redis(url!);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });

  it('has its job run again by another worker', async () => {
    const queueName = 'crash';
    const queue = createBullmqQueue({ redisUrl: url!, prefix, queueName, stalledIntervalMs: 300, onError: () => {} });
    const script = fileURLToPath(new URL('./hanging-worker.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, url!, prefix, queueName], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await queue.enqueue({ id: 'victim', name: 'apply-plan', data: { n: 1 } });
      await eventually(() => output.includes('started victim 1'), 'the child worker to take the job', 20_000);

      child.kill('SIGKILL');
      await once(child, 'exit');

      const runs: Job[] = [];
      queue.process(async (job) => {
        runs.push(job);
      });
      await eventually(async () => (await queue.counts()).completed === 1, 'the job to be recovered and completed', 15_000);
      expect(runs.map((job) => [job.id, job.data])).toEqual([['victim', { n: 1 }]]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await queue.close(1000);
    }
  });
});
