import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { moduleNotDeployed } from '../../commands/module/module-decider.js';
import { confirmRun, requestRun } from '../../commands/module/request-run.js';
import { readCanonicalCsv, writeCsv } from '../../engine/index.js';
import { AppError } from '../../errors/index.js';
import { findRun, listRuns, RUN_STATUSES, runDetail, runResponse } from '../../queries/runs.js';
import { findSession } from '../../queries/sessions.js';
import { waitForTask } from '../../queries/tasks.js';
import type { Service } from '../../service/service.js';
import { claimIdempotencyKey } from '../idempotency.js';
import { actorOf, commandContext } from '../request-context.js';
import { booleanQuery, intQuery, sessionParams, uuidParam } from '../schemas.js';
import { multipartHash, parseReadingOptions, readingOptions, receiveFile } from './upload.js';

const runParams = z.object({ id: uuidParam, rid: uuidParam });
const waitQuery = intQuery(0, 120).default(30);
const runQuery = readingOptions.partial().extend({ force: booleanQuery.optional(), wait: waitQuery }).passthrough();
const listQuery = z.object({ limit: intQuery(1, 100).default(50), offset: intQuery(0, 10_000_000).default(0), status: z.enum(RUN_STATUSES).optional() });
const downloadQuery = z.object({ escape_formulas: booleanQuery.default(true) });

const FINISHED = ['success', 'warning_confirmed'];

function notMultipart(): AppError {
  return new AppError('VALIDATION_ERROR', 'Expected a multipart/form-data request with the file in field "file"', {
    details: { errors: [{ location: 'multipart', path: 'file', message: 'Required' }] },
  });
}

/** `force` as a query parameter or a form field of the same name (API.md §1). */
function forceOf(query: boolean | undefined, field: string | undefined): boolean {
  if (field === undefined) return query ?? false;
  const parsed = booleanQuery.safeParse(field);
  if (!parsed.success) {
    throw new AppError('VALIDATION_ERROR', 'force must be true or false', { details: { errors: [{ location: 'multipart', path: 'force', message: 'Expected a boolean' }] } });
  }
  return parsed.data;
}

/** Module runs (API.md §11.5–11.7): run a file, confirm a pending run, history, details and the output CSV. */
export function runRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  const wake = service.projector ? () => service.projector!.wake() : undefined;

  /** Waits up to `wait` seconds for the run's task, then answers the run as it stands: 202 while it still runs. */
  async function answer(reply: FastifyReply, sessionId: string, runId: string, taskId: string | null, wait: number) {
    if (taskId) await waitForTask(db, taskId, wait, { wake, settle: service.settle });
    const row = await findRun(db, sessionId, runId);
    if (row.status === 'running') reply.status(202).header('Location', `/api/v1/sessions/${sessionId}/runs/${runId}`);
    return runResponse(row);
  }

  async function activeSession(request: FastifyRequest, sessionId: string) {
    const session = await findSession(db, sessionId, actorOf(request));
    if (session.status === 'archived') {
      throw new AppError('SESSION_ARCHIVED', `Session ${sessionId} is archived; it can be read but not changed.`, { details: { session_id: sessionId } });
    }
    return session;
  }

  return async (app) => {
    app.post(
      '/sessions/:id/run',
      {
        schema: {
          tags: ['modules'],
          summary: 'Run the deployed module on a file (multipart field "file"); waits up to `wait` seconds',
          params: sessionParams,
          querystring: runQuery,
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const session = await activeSession(request, id);
        if (!session.deployed_node_id) throw moduleNotDeployed(id);
        if (!request.isMultipart()) throw notMultipart();
        const file = (await receiveFile(request, service.config.MAX_UPLOAD_MB))!;
        await claimIdempotencyKey(db, request, multipartHash(request.url, file));
        const options = parseReadingOptions(request.query as Record<string, unknown>, file.fields);
        const force = forceOf(request.query.force, file.fields.force);
        const run = await requestRun(service, { sessionId: id, actor: actorOf(request), filename: file.filename, bytes: file.bytes, options, force }, commandContext(service, request));
        return answer(reply, id, run.runId, run.taskId, request.query.wait);
      },
    );

    app.post(
      '/sessions/:id/runs/:rid/confirm',
      { schema: { tags: ['modules'], summary: 'Confirm a pending run: the same run goes on from its stored input', params: runParams, querystring: z.object({ wait: waitQuery }).passthrough() } },
      async (request, reply) => {
        const { id, rid } = request.params;
        await findSession(db, id, actorOf(request));
        const file = request.isMultipart() ? await receiveFile(request, service.config.MAX_UPLOAD_MB, false) : undefined;
        if (file) await claimIdempotencyKey(db, request, multipartHash(request.url, file));
        const { taskId } = await confirmRun(service, { sessionId: id, actor: actorOf(request), runId: rid, bytes: file?.bytes }, commandContext(service, request));
        return answer(reply, id, rid, taskId, request.query.wait);
      },
    );

    app.get('/sessions/:id/runs', { schema: { tags: ['modules'], summary: "The module's runs, newest first", params: sessionParams, querystring: listQuery } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const q = request.query;
      const { runs, total } = await listRuns(db, { sessionId: session.id, limit: q.limit, offset: q.offset, status: q.status });
      return { runs, total, limit: q.limit, offset: q.offset };
    });

    app.get('/sessions/:id/runs/:rid', { schema: { tags: ['modules'], summary: 'One run: mappings, discrepancies, timings, errors', params: runParams } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      return runDetail(await findRun(db, session.id, request.params.rid));
    });

    app.get(
      '/sessions/:id/runs/:rid/download',
      { schema: { tags: ['modules'], summary: "A finished run's output as CSV", params: runParams, querystring: downloadQuery } },
      async (request, reply) => {
        const session = await findSession(db, request.params.id, actorOf(request));
        const run = await findRun(db, session.id, request.params.rid);
        if (!FINISHED.includes(run.status) || !run.output_storage_path) {
          throw new AppError('INVALID_STATE', `Run did not complete successfully. Status: ${run.status}`, { details: { run_id: run.id, status: run.status } });
        }
        const bytes = await service.blobs.get(run.output_storage_path);
        const body = request.query.escape_formulas ? writeCsv(readCanonicalCsv(bytes), { escapeFormulas: true }) : bytes;
        const name = `${run.input_filename.replace(/\.(csv|tsv|txt)$/i, '')}_transformed.csv`.replace(/["\\\r\n]/g, '_');
        reply.header('Content-Disposition', `attachment; filename="${name}"`).type('text/csv; charset=utf-8');
        return Buffer.from(body);
      },
    );
  };
}
