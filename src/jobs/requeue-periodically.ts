import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { requeueUnfinished } from './dispatcher.js';
import type { JobQueue } from './queue.js';

/**
 * A projector consumer that re-enqueues unfinished tasks every `everyMs`. Redis without persistence forgets its
 * queued jobs when it restarts; the log still says which tasks were accepted, so this puts them back (the task id is
 * the job id, so a job Redis still has is not added twice). Only for BullMQ: the in-process queue lives and dies
 * with this process, which requeues at start-up.
 */
export function requeuePeriodically(db: Kysely<DB>, queue: JobQueue, everyMs: number): () => Promise<number> {
  let last = Date.now();
  return async () => {
    if (queue.kind !== 'bullmq' || Date.now() - last < everyMs) return 0;
    last = Date.now();
    await requeueUnfinished(db, queue);
    return 0; // nothing for the projector to loop on
  };
}
