import { randomUUID } from 'node:crypto';
import { fold } from '../commands/decider.js';
import { moduleDecider } from '../commands/module/module-decider.js';
import { requestRun } from '../commands/module/request-run.js';
import { sessionStream } from '../commands/session/session-decider.js';
import type { Config } from '../config/config.js';
import { readCanonicalCsv, writeCsv, type ReadCsvOptions } from '../engine/index.js';
import { AppError, statusOf } from '../errors/index.js';
import { findRun, type RunRow } from '../queries/runs.js';
import { waitForTask } from '../queries/tasks.js';
import { sessionNotFound } from '../queries/sessions.js';
import { writeWhole } from './commands/apply.js';
import { InputError } from './csv-input.js';

export interface CliRun {
  sessionId: string;
  filename: string;
  bytes: Uint8Array;
  options: ReadCsvOptions;
  force: boolean;
  waitSeconds: number;
  output?: string;
  escapeFormulas: boolean;
}

/** The run's outcome for a person at a terminal: the match, its mappings and discrepancies, then the verdict. */
function describe(run: RunRow): string[] {
  const lines = [`run ${run.id}: ${run.status} (${run.confidence_level}, confidence ${run.confidence_score}) with module version ${run.module_version}`];
  for (const m of run.column_mappings as { incoming_name: string; contract_name: string; match_type: string; confidence: number }[]) {
    lines.push(`  ${m.incoming_name === m.contract_name ? m.incoming_name : `${m.incoming_name} → ${m.contract_name}`} (${m.match_type}, ${m.confidence})`);
  }
  for (const d of run.discrepancies as { severity: string; type: string; description: string }[]) lines.push(`  ${d.severity} ${d.type}: ${d.description}`);
  if (run.message) lines.push(run.message);
  return lines;
}

/**
 * `modulardata run-module`: the same path as POST /run (stored input, upload reader, match, gating, a queued job),
 * acting as the session's owner. Where this process runs the projector (no REDIS_URL) it also runs the job.
 */
export async function runModuleFromCli(config: Config, input: CliRun): Promise<number> {
  const { createService } = await import('../service/service.js');
  const service = await createService(config, { role: 'cli', runProjector: !config.REDIS_URL });
  try {
    const state = fold(moduleDecider, await service.store.readStream(sessionStream(input.sessionId)));
    if (!state.exists) throw sessionNotFound(input.sessionId);
    const actor = state.ownerId!;
    const context = { now: service.now(), metadata: { actor, request_id: randomUUID(), correlation_id: null, causation_id: null, source: 'cli' } };
    const accepted = await requestRun(service, { sessionId: input.sessionId, actor, filename: input.filename, bytes: input.bytes, options: input.options, force: input.force }, context);
    if (accepted.taskId) {
      await waitForTask(service.database.db, accepted.taskId, input.waitSeconds, { wake: service.projector ? () => service.projector!.wake() : undefined, settle: service.settle });
    }
    const run = await findRun(service.database.db, input.sessionId, accepted.runId);
    for (const line of describe(run)) console.error(line);
    if (run.status === 'pending') {
      console.error(`Run it anyway with --force, or confirm it: POST /api/v1/sessions/${input.sessionId}/runs/${run.id}/confirm`);
      return 2;
    }
    if (run.status === 'running') {
      console.error(`Still running after ${input.waitSeconds} s; follow it with GET /api/v1/sessions/${input.sessionId}/runs/${run.id}`);
      return 1;
    }
    if (run.status !== 'success' && run.status !== 'warning_confirmed') return run.code === 'SCHEMA_MISMATCH' ? 2 : 1;
    const stored = await service.blobs.get(run.output_storage_path!);
    const out = input.escapeFormulas ? writeCsv(readCanonicalCsv(stored), { escapeFormulas: true }) : stored;
    if (input.output) writeWhole(input.output, out);
    else await new Promise<void>((resolve, reject) => process.stdout.write(out, (error) => (error ? reject(error) : resolve())));
    console.error(`done: ${run.input_row_count} → ${run.output_row_count} rows, ${run.output_column_count} columns; ${out.length} bytes to ${input.output ?? 'standard output'}`);
    return 0;
  } catch (error) {
    // Anything a caller can fix (unknown session, no module, an unreadable file) is an input problem: exit 2.
    if (error instanceof AppError && statusOf(error.code) < 500) throw new InputError(`${error.code}: ${error.message}${error.suggestion ? `\n${error.suggestion}` : ''}`);
    throw error;
  } finally {
    await service.close();
  }
}
