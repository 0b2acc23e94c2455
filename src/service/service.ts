import path from 'node:path';
import type { Config } from '../config/config.js';
import { createPgliteDatabase, createPostgresDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createEventStore, type Checkpoint, type EventStore } from '../events/index.js';
import { createQueue, type JobQueue } from '../jobs/index.js';
import { dispatchBatch, requeueUnfinished } from '../jobs/dispatcher.js';
import { requeuePeriodically } from '../jobs/requeue-periodically.js';
import { recordApplyGaveUp, runPlanApply, type PlanApplyJob } from '../jobs/handlers/plan-apply.js';
import { recordRunGaveUp, runModuleJob, type ModuleRunJob } from '../jobs/handlers/module-run.js';
import { createProjector, waitForProjections, type Projector } from '../projections/index.js';
import { createPlanner } from '../planner/create-planner.js';
import type { Planner } from '../planner/types.js';
import { createLocalBlobStore, openSupabaseBlobStore, type BlobStore } from '../storage/index.js';

/** Everything a command, query or job needs, wired from the configuration (the composition root). */
export interface Service {
  readonly config: Config;
  readonly database: Database;
  readonly store: EventStore;
  readonly blobs: BlobStore;
  readonly queue: JobQueue;
  /** Present where this process runs the projections: the embedded default, or the worker. */
  readonly projector?: Projector;
  /** Plain language → plan steps (POST /chat): OpenAI when configured, else the offline rule planner. */
  readonly planner: Planner;
  /** "now" for a command being accepted; tests may fix it. */
  now(): Date;
  /** Read-your-writes: waits (bounded) until the read tables contain this append. */
  settle(checkpoint: Checkpoint): Promise<boolean>;
  close(): Promise<void>;
}

export type Role = 'server' | 'worker' | 'cli';

export interface ServiceOptions {
  role: Role;
  /** Run the projector in this process (default: the worker always, the server when jobs are in-process). */
  runProjector?: boolean;
  now?: () => Date;
  /** Use this database (already migrated) instead of opening one from the config; the caller closes it. */
  database?: Database;
  /** Use this planner instead of the one the config selects (tests). */
  planner?: Planner;
  /** Run the queued jobs in this process (default: wherever the projector runs). Tests set false to play the worker. */
  processJobs?: boolean;
}

export async function openDatabase(config: Config): Promise<Database> {
  const database = config.DATABASE_URL
    ? createPostgresDatabase({ url: config.DATABASE_URL })
    : await createPgliteDatabase(path.join(config.DATA_DIR, 'db'));
  await migrate(database);
  return database;
}

/** Supabase Storage when SUPABASE_URL is set (its bucket created if missing), else files under DATA_DIR/blobs. */
export async function openBlobStore(config: Config): Promise<BlobStore> {
  if (config.SUPABASE_URL && config.SUPABASE_SERVICE_KEY) {
    return openSupabaseBlobStore({ url: config.SUPABASE_URL, serviceKey: config.SUPABASE_SERVICE_KEY, bucket: config.STORAGE_BUCKET });
  }
  return createLocalBlobStore({ root: path.join(config.DATA_DIR, 'blobs') });
}

export async function createService(config: Config, options: ServiceOptions): Promise<Service> {
  const database = options.database ?? (await openDatabase(config));
  const blobs = await openBlobStore(config);
  const queue = createQueue({ queueName: 'modulardata-jobs', redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, lockMs: config.JOB_LOCK_MS });
  const runProjector = options.runProjector ?? (options.role === 'worker' || (options.role === 'server' && !config.REDIS_URL));
  const projector = runProjector
    ? createProjector(database.db, { onError: (error) => console.error('projector:', error), consumers: [() => dispatchBatch(database.db, queue), requeuePeriodically(database.db, queue, config.JOB_REQUEUE_MS)] })
    : undefined;
  const store = createEventStore(database.db);
  const service: Service = {
    config,
    database,
    store,
    blobs,
    queue,
    projector,
    planner: options.planner ?? createPlanner(config),
    now: options.now ?? (() => new Date()),
    settle: (checkpoint) =>
      waitForProjections(database.db, checkpoint, { timeoutMs: config.PROJECTION_WAIT_MS, wake: projector ? () => projector.wake() : undefined }),
    async close() {
      await projector?.stop();
      await queue.close();
      if (!options.database) await database.close();
    },
  };
  // The process that runs the projector also runs the jobs: the whole service in the embedded default, the worker
  // in production.
  if (projector) {
    if (options.processJobs ?? true) {
      queue.process(async (job, signal) => {
        try {
          if (job.name === 'plan_apply') await runPlanApply(service, job.data as PlanApplyJob);
          if (job.name === 'module_run') await runModuleJob(service, job.data as ModuleRunJob);
        } catch (error) {
          // Nothing retries a failed last attempt: record the failure so the task ends visibly. A job stopped by a
          // closing queue is not a failure: it runs again after the restart.
          if (job.attempt >= job.attempts && !signal.aborted) {
            const giveUp = job.name === 'plan_apply' ? recordApplyGaveUp : recordRunGaveUp;
            await giveUp(service, job.data as PlanApplyJob & ModuleRunJob, error, job.attempts).catch((recording) =>
              console.error(`job ${job.id}: could not record the failure of its last attempt:`, recording),
            );
          }
          throw error;
        }
      });
    }
    await requeueUnfinished(database.db, queue);
    projector.start();
  }
  return service;
}
