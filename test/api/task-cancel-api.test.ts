import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { runModuleJob } from '../../src/jobs/handlers/module-run.js';
import { runPlanApply } from '../../src/jobs/handlers/plan-apply.js';
import { createService, type Service } from '../../src/service/service.js';
import { buildApp } from '../../src/api/app.js';
import { databaseTargets } from '../support/databases.js';
import { postgresUrl, redisUrl, uniqueName } from '../support/services.js';
import { multipart, useTestApp } from '../support/test-service.js';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';

const targets = await databaseTargets();

const CSV = ['name,status,amount', 'Ann,active,10', 'bob,inactive,5', 'Cara,active,7', 'dan,pending,2', 'Eve,active,3'].join('\n');
const STEPS = [
  { op: 'trim_whitespace', params: { columns: ['name'] } },
  { op: 'change_text_casing', params: { column: 'name', case: 'title' } },
  { op: 'sort_rows', params: { columns: ['amount'] } },
];

type Inject = (options: InjectOptions) => Promise<LightMyRequestResponse>;

async function sessionWithPlan(inject: Inject): Promise<string> {
  const id = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
  const form = multipart('people.csv', CSV);
  const upload = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
  expect(upload.statusCode, upload.body).toBe(200);
  const added = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: STEPS } });
  expect(added.statusCode, added.body).toBe(200);
  return id;
}

const queueApply = async (inject: Inject, id: string) => {
  const res = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=0` });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().task_id as string;
};

function blobFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : [];
}

describe.each(targets)('DELETE /tasks/{id} on $name', (target) => {
  // No job runs by itself here: each test plays the worker, so "queued" and "running" are exact states.
  const ctx = useTestApp(target, {}, { processJobs: false });
  const inject: Inject = (o) => ctx.inject(o);
  const task = async (taskId: string) => (await inject({ method: 'GET', url: `/api/v1/tasks/${taskId}` })).json();
  const cancel = (taskId: string) => inject({ method: 'DELETE', url: `/api/v1/tasks/${taskId}` });

  it('cancels a queued task at once, frees the session, and the job later stores nothing', async () => {
    const id = await sessionWithPlan(inject);
    const taskId = await queueApply(inject, id);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json()).toMatchObject({ status: 'applying', task_id: taskId });

    const res = await cancel(taskId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ task_id: taskId, message: 'Task cancelled', cancelled: true });
    expect(await task(taskId)).toMatchObject({ status: 'CANCELLED', message: 'Cancelled', error: 'Cancelled by the user' });
    expect((await inject({ method: 'GET', url: `/api/v1/tasks/${taskId}/result` })).json()).toEqual({ task_id: taskId, status: 'CANCELLED', message: 'Task not yet complete' });
    // The plan is kept as it was and is no longer applying.
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json()).toMatchObject({ status: 'planning', task_id: null, step_count: 3 });

    // The job still reaches a worker (the queue was not told): it finds the outcome and does nothing.
    const blobsBefore = blobFiles(path.join(ctx.api.service.config.DATA_DIR, 'blobs'));
    await runPlanApply(ctx.api.service, { session_id: id, task_id: taskId });
    expect(blobFiles(path.join(ctx.api.service.config.DATA_DIR, 'blobs'))).toEqual(blobsBefore);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json()).toHaveLength(1);
    expect(await task(taskId)).toMatchObject({ status: 'CANCELLED' });

    // Cancelling again, or a finished task, changes nothing.
    expect((await cancel(taskId)).json()).toEqual({ task_id: taskId, message: 'Task already finished (CANCELLED), cannot cancel', cancelled: false });
    const history = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json();
    expect(history.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Cancelled the apply. Nothing was changed.', metadata: { kind: 'apply_cancelled', task_id: taskId } });

    // The session is free: a new apply is accepted and runs.
    const next = await queueApply(inject, id);
    await runPlanApply(ctx.api.service, { session_id: id, task_id: next });
    await ctx.api.service.projector!.catchUp();
    expect(await task(next)).toMatchObject({ status: 'SUCCESS' });
    expect((await cancel(next)).json()).toEqual({ task_id: next, message: 'Task already finished (SUCCESS), cannot cancel', cancelled: false });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json()).toHaveLength(2);
  });

  it('stops a running task at the next step boundary and stores nothing', async () => {
    const id = await sessionWithPlan(inject);
    const taskId = await queueApply(inject, id);
    const service = ctx.api.service;
    const blobsBefore = blobFiles(path.join(service.config.DATA_DIR, 'blobs'));
    let answer: { task_id: string; message: string; cancelled: boolean } | undefined;
    // The worker, with the user's DELETE arriving while step 2 of 3 is announced.
    const store = {
      ...service.store,
      async append(...args: Parameters<Service['store']['append']>) {
        const result = await service.store.append(...args);
        const event = args[1][0];
        if (event.type === 'TaskProgressed' && event.data.message.startsWith('Applying step 2 of 3')) {
          await service.projector!.catchUp();
          expect((await task(taskId)).status).toBe('PROGRESS');
          answer = (await cancel(taskId)).json();
        }
        return result;
      },
    };
    await runPlanApply({ ...service, store }, { session_id: id, task_id: taskId });

    expect(answer).toEqual({ task_id: taskId, message: 'Task cancelled: it stops at the next step and stores nothing', cancelled: true });
    const progress = (await service.store.readStream(`task-${taskId}`)).map((e) => e.data.message);
    expect(progress).toEqual(['Loading data...', 'Applying step 1 of 3: trim_whitespace...', 'Applying step 2 of 3: change_text_casing...']);
    expect(blobFiles(path.join(service.config.DATA_DIR, 'blobs'))).toEqual(blobsBefore);
    expect(await task(taskId)).toMatchObject({ status: 'CANCELLED' });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json()).toHaveLength(1);
    const events = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/events?types=TransformationApplied,TransformationFailed,TransformationCancelled` })).json().events;
    expect(events.map((e: { type: string; data: { was_running: boolean } }) => [e.type, e.data.was_running])).toEqual([['TransformationCancelled', true]]);
  });

  it('cancels a queued module run: the run becomes cancelled and its job stores nothing', async () => {
    const id = await sessionWithPlan(inject);
    const applyTask = await queueApply(inject, id);
    await runPlanApply(ctx.api.service, { session_id: id, task_id: applyTask });
    await ctx.api.service.projector!.catchUp();
    expect((await inject({ method: 'POST', url: `/api/v1/sessions/${id}/deploy` })).statusCode).toBe(200);
    const form = multipart('people.csv', CSV);
    const started = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/run?wait=0`, payload: form.payload, headers: form.headers });
    expect(started.statusCode, started.body).toBe(202);
    const { run_id: runId, task_id: taskId } = started.json();
    expect((await task(taskId)).kind).toBe('module_run');

    expect((await cancel(taskId)).json()).toEqual({ task_id: taskId, message: 'Task cancelled', cancelled: true });
    expect(await task(taskId)).toMatchObject({ status: 'CANCELLED' });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${runId}` })).json().status).toBe('cancelled');
    await runModuleJob(ctx.api.service, { session_id: id, run_id: runId, task_id: taskId });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${runId}` })).json().status).toBe('cancelled');
    expect((await cancel(taskId)).json()).toMatchObject({ cancelled: false, message: 'Task already finished (CANCELLED), cannot cancel' });
  });

  it('answers 404 for an unknown task', async () => {
    const res = await cancel('7d2f7a3c-5a0e-4a8e-9b1f-2c3d4e5f6a7b');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'TASK_NOT_FOUND' });
  });
});

const pgUrl = await postgresUrl();
const redis = await redisUrl();
const postgresTarget = targets.find((t) => t.name === 'postgres');

describe.skipIf(!pgUrl || !redis || !postgresTarget)('DELETE /tasks/{id} through BullMQ with a separate worker', () => {
  it('a task cancelled while queued in Redis is a no-op when a worker picks it up; the next one runs there', async () => {
    const t = await postgresTarget!.create();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-cancel-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', REDIS_URL: redis!, REDIS_PREFIX: uniqueName('mdcancel') });
    // The web process runs the projections and the dispatcher (jobs go to Redis) but no jobs; the worker comes later.
    const web = await createService(config, { role: 'server', database: t.database, runProjector: true, processJobs: false });
    const app = await buildApp(web, { logger: false });
    let worker: Service | undefined;
    try {
      const inject: Inject = (o) => app.inject(o);
      const id = await sessionWithPlan(inject);
      const taskId = await queueApply(inject, id);
      await web.projector!.catchUp();
      expect((await web.queue.counts()).waiting).toBe(1);
      expect((await inject({ method: 'DELETE', url: `/api/v1/tasks/${taskId}` })).json()).toMatchObject({ cancelled: true });

      worker = await createService(config, { role: 'worker', database: t.database });
      for (let i = 0; i < 200 && (await worker.queue.counts()).completed < 1; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await worker.queue.counts()).toMatchObject({ completed: 1, failed: 0 });
      expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json()).toHaveLength(1);
      expect((await inject({ method: 'GET', url: `/api/v1/tasks/${taskId}` })).json().status).toBe('CANCELLED');

      const applied = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=20` })).json();
      expect(applied).toMatchObject({ success: true, status: 'SUCCESS' });
      expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json()).toHaveLength(2);
    } finally {
      await app.close();
      await worker?.close();
      await web.close();
      await t.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
