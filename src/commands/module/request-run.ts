import { randomUUID } from 'node:crypto';
import { writeCsv, type ReadCsvOptions } from '../../engine/index.js';
import type { Service } from '../../service/service.js';
import { hashOf } from '../../storage/blob-key.js';
import { fold } from '../decider.js';
import type { CommandContext } from '../handle-command.js';
import { checkExtension } from '../session/ingest-file.js';
import { sessionStream } from '../session/session-decider.js';
import { requireActive, requireSession } from '../session/session-guards.js';
import { executeModuleCommand } from './execute.js';
import { gateRun } from './gate.js';
import { deployedModule, moduleDecider } from './module-decider.js';
import { readRunFile } from './read-run-file.js';

export interface RunRequest {
  sessionId: string;
  actor: string;
  filename: string;
  bytes: Uint8Array;
  options: ReadCsvOptions;
  force: boolean;
}

export interface RunAccepted {
  runId: string;
  /** Set when the run was accepted for execution (its job is queued). */
  taskId: string | null;
  outcome: 'run' | 'confirm' | 'refuse';
}

const ms = (since: number): number => Math.round((performance.now() - since) * 1000) / 1000;

/**
 * POST /run up to the queue (API.md §11.3–11.5): the original bytes are stored first, so nothing is lost whatever
 * happens next; then the file is read like an upload, profiled and matched against the deployed module's contract,
 * its canonical CSV stored, and the run recorded — accepted (the dispatcher queues its job), waiting for a
 * confirmation, or refused.
 */
export async function requestRun(service: Service, input: RunRequest, context: CommandContext): Promise<RunAccepted> {
  checkExtension(input.filename);
  const state = fold(moduleDecider, await service.store.readStream(sessionStream(input.sessionId)));
  requireSession(state, input.sessionId, input.actor);
  requireActive(state, input.sessionId);
  const module = deployedModule(state);

  let started = performance.now();
  const original = await service.blobs.put(input.bytes);
  let uploadMs = ms(started);
  started = performance.now();
  const read = readRunFile(input.bytes, input.options, module.contract);
  const matchMs = ms(started);
  started = performance.now();
  const stored = await service.blobs.put(writeCsv(read.table));
  uploadMs += ms(started);

  const runId = randomUUID();
  const taskId = randomUUID();
  const { match, table, ingest } = read;
  await executeModuleCommand(
    service,
    {
      type: 'RequestRun',
      actor: input.actor,
      sessionId: input.sessionId,
      taskId,
      request: {
        run_id: runId,
        module_version: module.version,
        force: input.force,
        reference_time: context.now.toISOString(),
        input: {
          filename: input.filename,
          size_bytes: input.bytes.byteLength,
          original_hash: original.hash,
          original_key: original.key,
          content_hash: stored.hash,
          storage_key: stored.key,
          row_count: read.profile.row_count,
          column_count: table.schema.length,
          columns: table.schema.map((c) => ({ name: c.name, type: c.type })),
          ingest: { ...ingest, content_hash: original.hash } as unknown as Record<string, unknown>,
        },
        confidence_score: match.confidence_score,
        confidence_level: match.confidence_level,
        column_mappings: match.column_mappings as unknown as Record<string, unknown>[],
        discrepancies: match.discrepancies as unknown as Record<string, unknown>[],
        timings: { schema_match_ms: matchMs, upload_ms: uploadMs },
      },
    },
    context,
  );
  const outcome = gateRun(match.confidence_level, input.force);
  return { runId, taskId: outcome === 'run' ? taskId : null, outcome };
}

/** POST /runs/{id}/confirm: the same pending run goes on from its stored input; a file, if sent, must be that input. */
export async function confirmRun(
  service: Service,
  input: { sessionId: string; actor: string; runId: string; bytes?: Uint8Array },
  context: CommandContext,
): Promise<{ taskId: string }> {
  const taskId = randomUUID();
  const fileHash = input.bytes ? hashOf(input.bytes) : undefined;
  await executeModuleCommand(service, { type: 'ConfirmRun', actor: input.actor, sessionId: input.sessionId, runId: input.runId, taskId, fileHash }, context);
  return { taskId };
}

