import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/jobs/bullmq-queue.js';
import { createQueue } from '../../src/jobs/create-queue.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { QueueUnavailableError } from '../../src/jobs/queue-errors.js';
import { redisUrl, uniqueName } from '../support/services.js';
import { queueContract } from './queue-contract.js';

const url = await redisUrl();

queueContract('in-process', (options) => createInProcessQueue(options), { shared: false });

describe.skipIf(!url)('BullMQ on real Redis', () => {
  const prefix = uniqueName('mdtest');

  // Every key this run wrote lives under its own prefix; remove them all so Redis is left as found.
  afterAll(async () => {
    const redis = new Redis(url!);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  queueContract('bullmq', (options) => createBullmqQueue({ ...options, redisUrl: url!, prefix }), { shared: true });

  it('createQueue picks BullMQ when a Redis URL is given', async () => {
    const queue = createQueue({ queueName: 'factory', redisUrl: url!, prefix });
    try {
      expect(queue.kind).toBe('bullmq');
      await queue.check();
    } finally {
      await queue.close(100);
    }
  });
});

describe('BullMQ with Redis unreachable', () => {
  // Port 1 refuses connections; the producer must answer with a 503-mappable error instead of hanging.
  const options = { queueName: 'down', redisUrl: 'redis://127.0.0.1:1', prefix: 'unused', commandTimeoutMs: 500, onError: () => {} };

  it('enqueue fails fast with QueueUnavailableError (HTTP 503)', async () => {
    const queue = createBullmqQueue(options);
    try {
      const started = Date.now();
      const error = await queue.enqueue({ id: 'x', name: 'n', data: {} }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(QueueUnavailableError);
      expect((error as QueueUnavailableError).status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3000);
      await expect(queue.check()).rejects.toBeInstanceOf(QueueUnavailableError);
      await expect(queue.counts()).rejects.toBeInstanceOf(QueueUnavailableError);
    } finally {
      await queue.close(100);
    }
  });

  it('close returns promptly even with a worker that cannot connect', async () => {
    const queue = createBullmqQueue(options);
    queue.process(async () => {});
    const started = Date.now();
    await queue.close(100);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('createQueue', () => {
  it('picks the in-process queue without a Redis URL', async () => {
    const queue = createQueue({ queueName: 'local' });
    expect(queue.kind).toBe('in-process');
    await queue.close();
  });

  it('rejects a queue name BullMQ could not use', () => {
    expect(() => createInProcessQueue({ queueName: 'a:b' })).toThrow(/queueName/);
  });
});
