import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Checkpoint } from '../events/event-store.js';
import { compareCheckpoints, readCheckpoints, readLogHead } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import { PROJECTIONS } from './read-models/index.js';
import { DEFAULT_BATCH, runProjectionBatch, type BatchOptions } from './run-batch.js';

export interface ProjectorOptions extends BatchOptions {
  projections?: readonly Projection[];
  /** Other log consumers to run after the projections on each pass (the job dispatcher). */
  consumers?: readonly (() => Promise<number>)[];
  /** How often an idle projector looks for new events when nothing wakes it. */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

export interface Projector {
  /** Applies everything currently readable to every projection; returns how many events were applied. */
  catchUp(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** Look for new events now (after an append in this process, or on NOTIFY). */
  wake(): void;
}

export function createProjector(db: Kysely<DB>, options: ProjectorOptions = {}): Projector {
  const projections = options.projections ?? PROJECTIONS;
  const pollMs = options.pollMs ?? 250;
  let running = false;
  let loop: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;

  async function catchUp(): Promise<number> {
    let total = 0;
    // Waiting commands wake the projector often; a projection already at the head of the log is skipped without a
    // transaction of its own (two reads instead of one transaction per projection).
    const head = await readLogHead(db);
    const checkpoints = head ? await readCheckpoints(db, projections.map((p) => p.name)) : new Map<string, Checkpoint>();
    for (const projection of projections) {
      const at = checkpoints.get(projection.name);
      if (!head || (at && compareCheckpoints(at, head) >= 0)) continue;
      for (;;) {
        const result = await runProjectionBatch(db, projection, options);
        if (result.status === 'busy') break;
        total += result.applied;
        // A batch shorter than the limit read everything readable: asking again would only find nothing (and cost a
        // transaction per projection on every pass). Later appends wake the projector again.
        if (result.applied < (options.batchSize ?? DEFAULT_BATCH)) break;
      }
    }
    for (const consume of options.consumers ?? []) while ((await consume()) > 0);
    return total;
  }

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (pendingWake) {
        pendingWake = false;
        return resolve();
      }
      wakeUp = resolve;
      timer = setTimeout(resolve, pollMs);
    }).finally(() => {
      clearTimeout(timer);
      wakeUp = undefined;
    });

  return {
    catchUp,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            await catchUp();
          } catch (error) {
            options.onError?.(error);
          }
          if (running) await sleep();
        }
      })();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
    wake() {
      if (wakeUp) wakeUp();
      else pendingWake = true;
    },
  };
}

/**
 * Read-your-writes: resolves true once every projection has processed the append that produced `target`, false
 * after `timeoutMs`. Polls the checkpoints table, so it works whichever process runs the projector.
 */
export async function waitForProjections(
  db: Kysely<DB>,
  target: Checkpoint,
  options: { timeoutMs?: number; projections?: readonly Projection[]; wake?: () => void } = {},
): Promise<boolean> {
  const names = (options.projections ?? PROJECTIONS).map((p) => p.name);
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  let delay = 2;
  for (;;) {
    options.wake?.();
    const checkpoints = await readCheckpoints(db, names);
    if (names.every((name) => { const c = checkpoints.get(name); return c !== undefined && compareCheckpoints(c, target) >= 0; })) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 25);
  }
}
