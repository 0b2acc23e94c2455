import { afterEach, describe, expect, it } from 'vitest';
import type { Job, JobQueue, QueueOptions } from '../../src/jobs/queue.js';

/**
 * The contract every JobQueue implementation passes (DESIGN.md §9). `makeQueue` builds a queue object; two calls
 * with the same `queueName` share one backend when `shared` is true (BullMQ on one Redis prefix), which is what
 * the second-consumer test needs. Queues made here are closed after each test.
 */
export interface QueueContractOptions {
  /** Whether two queue objects with the same queueName see the same jobs (a distributed backend). */
  shared: boolean;
}

export type MakeQueue = (options: QueueOptions) => JobQueue | Promise<JobQueue>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A promise with its resolve exposed, for handlers that hold until a test lets them go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export function queueContract(name: string, makeQueue: MakeQueue, contract: QueueContractOptions): void {
  describe(`JobQueue contract: ${name}`, () => {
    const made: JobQueue[] = [];
    let counter = 0;
    const quiet = () => {};

    async function make(options: Partial<QueueOptions> = {}): Promise<JobQueue> {
      const queue = await makeQueue({ queueName: `q${counter++}`, attempts: 3, backoffMs: 10, onError: quiet, ...options });
      made.push(queue);
      return queue;
    }

    afterEach(async () => {
      await Promise.all(made.splice(0).map((queue) => queue.close(1000)));
    });

    it('runs a job with its id, name and data, attempt 1', async () => {
      const queue = await make();
      const seen: Job[] = [];
      queue.process(async (job) => {
        seen.push(job);
      });
      const data = { session: 's-1', steps: [{ op: 'trim', params: { columns: ['a'] } }], n: 3, nested: { ok: true } };
      await queue.enqueue({ id: 'evt-1', name: 'apply-plan', data });
      await eventually(() => seen.length === 1, 'the job to run');
      expect(seen[0]).toEqual({ id: 'evt-1', name: 'apply-plan', data, attempt: 1, attempts: 3 });
      await eventually(async () => (await queue.counts()).completed === 1, 'completed count 1');
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, completed: 1, failed: 0 });
    });

    it('hands the handler its data as JSON would carry it (a copy; Dates become strings)', async () => {
      const queue = await make();
      const seen: unknown[] = [];
      queue.process(async (job) => {
        seen.push(job.data);
      });
      const data = { at: new Date(0), list: [1, 'two', null], skipped: undefined };
      await queue.enqueue({ id: 'json', name: 'n', data });
      data.list.push(4);
      await eventually(() => seen.length === 1, 'the job to run');
      expect(seen[0]).toStrictEqual({ at: '1970-01-01T00:00:00.000Z', list: [1, 'two', null] });
    });

    it('accepts any id string, including ":" and integer-looking ids, and hands it back unchanged', async () => {
      const queue = await make();
      const ids: string[] = [];
      queue.process(async (job) => {
        ids.push(job.id);
      });
      const wanted = ['task:abc:1', '42', '%3A', '0195f1c2-7e0b-7cc1-9f3e-0a1b2c3d4e5f'];
      for (const id of wanted) await queue.enqueue({ id, name: 'n', data: null });
      await eventually(() => ids.length === wanted.length, 'all jobs to run');
      expect(ids.sort()).toEqual([...wanted].sort());
    });

    it('counts queued jobs as waiting before a handler runs them', async () => {
      const queue = await make();
      for (const id of ['a', 'b', 'c']) await queue.enqueue({ id, name: 'n', data: {} });
      expect(await queue.counts()).toEqual({ waiting: 3, active: 0, completed: 0, failed: 0 });
    });

    it('runs a job once when the same id is enqueued twice while queued', async () => {
      const queue = await make();
      await queue.enqueue({ id: 'dup', name: 'n', data: { v: 1 } });
      await queue.enqueue({ id: 'dup', name: 'n', data: { v: 2 } });
      expect((await queue.counts()).waiting).toBe(1);
      const runs: unknown[] = [];
      queue.process(async (job) => {
        runs.push(job.data);
      });
      await eventually(async () => (await queue.counts()).completed === 1, 'the job to complete');
      await sleep(100);
      expect(runs).toEqual([{ v: 1 }]);
    });

    it('runs a job once when the same id is enqueued concurrently', async () => {
      const queue = await make();
      let runs = 0;
      queue.process(async () => {
        runs += 1;
      });
      await Promise.all(Array.from({ length: 10 }, () => queue.enqueue({ id: 'race', name: 'n', data: {} })));
      await eventually(async () => (await queue.counts()).completed === 1, 'the job to complete');
      await sleep(100);
      expect(runs).toBe(1);
    });

    it('ignores a re-enqueue of an id that is running or already completed', async () => {
      const queue = await make();
      const release = gate();
      let runs = 0;
      queue.process(async () => {
        runs += 1;
        await release.promise;
      });
      await queue.enqueue({ id: 'once', name: 'n', data: {} });
      await eventually(() => runs === 1, 'the job to start');
      await queue.enqueue({ id: 'once', name: 'n', data: {} });
      release.open();
      await eventually(async () => (await queue.counts()).completed === 1, 'the job to complete');
      await queue.enqueue({ id: 'once', name: 'n', data: {} });
      await sleep(150);
      expect(runs).toBe(1);
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, completed: 1, failed: 0 });
    });

    it('retries a failing job with increasing attempt numbers until it succeeds', async () => {
      const queue = await make({ attempts: 4, backoffMs: 20 });
      const attempts: number[] = [];
      const startedAt: number[] = [];
      queue.process(async (job) => {
        attempts.push(job.attempt);
        startedAt.push(Date.now());
        if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
      });
      await queue.enqueue({ id: 'flaky', name: 'n', data: {} });
      await eventually(async () => (await queue.counts()).completed === 1, 'the job to succeed');
      expect(attempts).toEqual([1, 2, 3]);
      // Exponential backoff: ≥ 20 ms before the 2nd run, ≥ 40 ms before the 3rd (a little slack for timer rounding).
      expect(startedAt[1] - startedAt[0]).toBeGreaterThanOrEqual(15);
      expect(startedAt[2] - startedAt[1]).toBeGreaterThanOrEqual(35);
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, completed: 1, failed: 0 });
    });

    it('stops retrying a job that always fails after `attempts` runs, and reports each failure', async () => {
      const errors: Array<{ message: string; attempt?: number }> = [];
      const queue = await make({
        attempts: 3,
        backoffMs: 5,
        onError: (error, job) => errors.push({ message: (error as Error).message, attempt: job?.attempt }),
      });
      const attempts: number[] = [];
      const finals: boolean[] = [];
      queue.process(async (job) => {
        attempts.push(job.attempt);
        finals.push(job.attempt === job.attempts);
        throw new Error('always');
      });
      await queue.enqueue({ id: 'doomed', name: 'n', data: {} });
      await eventually(async () => (await queue.counts()).failed === 1, 'the job to fail for good');
      await sleep(150);
      expect(attempts).toEqual([1, 2, 3]);
      // The handler can tell its last run (to record a visible failure) from one a retry follows.
      expect(finals).toEqual([false, false, true]);
      expect(errors).toEqual([1, 2, 3].map((attempt) => ({ message: 'always', attempt })));
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, completed: 0, failed: 1 });
      // A failed id is still known: enqueueing it again does not start it over.
      await queue.enqueue({ id: 'doomed', name: 'n', data: {} });
      await sleep(100);
      expect(attempts).toHaveLength(3);
    });

    it('never runs more jobs at once than the concurrency, and does use it', async () => {
      const queue = await make();
      let active = 0;
      let peak = 0;
      let done = 0;
      queue.process(
        async () => {
          active += 1;
          peak = Math.max(peak, active);
          await sleep(40);
          active -= 1;
          done += 1;
        },
        { concurrency: 3 },
      );
      await Promise.all(Array.from({ length: 12 }, (_, i) => queue.enqueue({ id: `c${i}`, name: 'n', data: { i } })));
      await eventually(() => done === 12, 'all jobs to finish');
      expect(peak).toBe(3);
    });

    it('refuses a second handler on the same queue object', async () => {
      const queue = await make();
      queue.process(async () => {});
      expect(() => queue.process(async () => {})).toThrow();
    });

    it('close waits for an in-flight job to finish and takes no new ones', async () => {
      const queue = await make();
      const started: string[] = [];
      let finished = 0;
      queue.process(async (job) => {
        started.push(job.id);
        await sleep(200);
        finished += 1;
      });
      for (const id of ['first', 'second', 'third']) await queue.enqueue({ id, name: 'n', data: {} });
      await eventually(() => started.length === 1, 'the first job to start');
      await queue.close(5000);
      expect(finished).toBe(1);
      await sleep(100);
      expect(started).toEqual(['first']);
      await expect(queue.enqueue({ id: 'late', name: 'n', data: {} })).rejects.toThrow();
    });

    it('close aborts the signal of a job still running after the grace period', async () => {
      const queue = await make({ attempts: 1 });
      let started = false;
      let aborted = false;
      queue.process(
        (_job, signal) =>
          new Promise<void>((_resolve, reject) => {
            started = true;
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            });
          }),
      );
      await queue.enqueue({ id: 'slow', name: 'n', data: {} });
      await eventually(() => started, 'the job to start');
      const t0 = Date.now();
      await queue.close(150);
      expect(aborted).toBe(true);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
      expect(Date.now() - t0).toBeLessThan(3000);
    });

    it.skipIf(!contract.shared)('a second consumer on the same backend never runs a job twice', async () => {
      const queueName = `shared${counter++}`;
      const a = await make({ queueName });
      const b = await make({ queueName });
      const runs = new Map<string, string[]>();
      // Every job waits (bounded) until both consumers have started one, so both are certainly taking jobs from
      // the same backend while the ids are handed out.
      const bothConsuming = gate();
      const consumers = new Set<string>();
      const handler = (who: string) => async (job: Job) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), who]);
        consumers.add(who);
        if (consumers.size === 2) bothConsuming.open();
        await Promise.race([bothConsuming.promise, sleep(5000)]);
      };
      a.process(handler('a'), { concurrency: 2 });
      b.process(handler('b'), { concurrency: 2 });
      const ids = Array.from({ length: 30 }, (_, i) => `s${i}`);
      // Each id enqueued through both queue objects, concurrently.
      await Promise.all(ids.flatMap((id) => [a.enqueue({ id, name: 'n', data: {} }), b.enqueue({ id, name: 'n', data: {} })]));
      await eventually(async () => (await a.counts()).completed === ids.length, 'every job to complete');
      await sleep(150);
      expect(consumers).toEqual(new Set(['a', 'b']));
      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      for (const [id, by] of runs) expect(by, id).toHaveLength(1);
    });

    it('check passes while the backend is reachable', async () => {
      const queue = await make();
      await expect(queue.check()).resolves.toBeUndefined();
    });
  });
}
