import { buildContract, type ColumnMapping } from '../../engine/matching/index.js';
import { ENGINE_VERSION } from '../../engine/plan/index.js';
import type { DomainEvent, EventData } from '../../events/catalogue/index.js';
import { AppError } from '../../errors/index.js';
import type { Decider } from '../decider.js';
import { requireActive, requireSession } from '../session/session-guards.js';
import { CONFIRM_MESSAGE, gateRun, refusalMessage } from './gate.js';
import { evolveModule, initialModuleState, type ChainStep, type ModuleState, type ModuleVersion, type RunState, type TableRef } from './module-state.js';

type RunRequest = Omit<EventData<'ModuleRunRequested'>, 'task_id'>;
type RunOutcome = Extract<DomainEvent, { type: 'ModuleRunCompleted' | 'ModuleRunFailed' }>;

/** Ids and "now" are chosen when the command is accepted, so `decide` stays pure. */
export type ModuleCommand =
  | { type: 'DeployModule'; actor: string; sessionId: string; deployedAt: string }
  | { type: 'UndeployModule'; actor: string; sessionId: string }
  | { type: 'RequestRun'; actor: string; sessionId: string; taskId: string; request: RunRequest }
  | { type: 'ConfirmRun'; actor: string; sessionId: string; runId: string; taskId: string; fileHash?: string }
  | { type: 'RecordRunOutcome'; actor: string; sessionId: string; outcome: RunOutcome }
  | { type: 'CancelRun'; actor: string; sessionId: string; taskId: string };

export function moduleNotDeployed(sessionId: string): AppError {
  return new AppError('MODULE_NOT_DEPLOYED', 'No module is deployed for this session. Deploy it first with POST /sessions/{id}/deploy.', {
    suggestion: `POST /api/v1/sessions/${sessionId}/deploy`,
    details: { session_id: sessionId },
  });
}

export function runNotFound(sessionId: string, runId: string): AppError {
  return new AppError('RUN_NOT_FOUND', `Run not found: ${runId}`, { details: { session_id: sessionId, run_id: runId } });
}

export function deployedModule(state: ModuleState): ModuleVersion {
  if (state.deployedVersion === null) throw moduleNotDeployed(state.sessionId ?? '');
  return state.moduleVersions[state.deployedVersion - 1];
}

/** The nodes from the current node's root down to it. */
function pathToCurrent(state: ModuleState): string[] {
  const path: string[] = [];
  for (let id: string | null = state.currentNodeId; id; id = state.nodes[id].parentId) path.unshift(id);
  return path;
}

/** The frozen chain root → current node: every step as it ran, numbered in order, and the tables they used. */
export function chainOf(state: ModuleState, path: string[]): { steps: ChainStep[]; tables: TableRef[] } {
  const steps: ChainStep[] = [];
  const tables = new Map<string, TableRef>();
  for (const nodeId of path.slice(1)) {
    const made = state.nodeSteps[nodeId];
    if (!made) throw new Error(`No recorded steps for node ${nodeId}`);
    for (const s of made.steps) {
      steps.push({ step_number: steps.length + 1, node_id: nodeId, step_id: s.step_id, op: s.op, params: s.params, reference_time: made.referenceTime });
    }
    for (const t of made.tables) if (!tables.has(t.id)) tables.set(t.id, t);
  }
  return { steps, tables: [...tables.values()] };
}

function requireRun(state: ModuleState, sessionId: string, runId: string): RunState {
  const run = state.runs[runId];
  if (!run) throw runNotFound(sessionId, runId);
  return run;
}

function runRequested(command: Extract<ModuleCommand, { type: 'RequestRun' }>, state: ModuleState): DomainEvent[] {
  requireActive(state, command.sessionId);
  const module = deployedModule(state);
  const request = command.request;
  if (request.module_version !== module.version) {
    throw new AppError('VERSION_CONFLICT', 'The module was redeployed while the file was being matched; send it again.', { details: { module_version: module.version } });
  }
  const gate = gateRun(request.confidence_level, request.force);
  const requested: DomainEvent = { type: 'ModuleRunRequested', data: { ...request, task_id: gate === 'run' ? command.taskId : null } };
  if (gate === 'run') return [requested];
  if (gate === 'confirm') return [requested, { type: 'ModuleRunAwaitingConfirmation', data: { run_id: request.run_id, message: CONFIRM_MESSAGE } }];
  const mapped = new Set((request.column_mappings as unknown as ColumnMapping[]).map((m) => m.incoming_name));
  const contractMapped = new Set((request.column_mappings as unknown as ColumnMapping[]).map((m) => m.contract_name));
  const file = request.input.columns.map((c) => c.name);
  const expected = module.contract.columns.map((c) => c.name);
  const columns = { missing: expected.filter((n) => !contractMapped.has(n)), unexpected: file.filter((n) => !mapped.has(n)), file, expected };
  const message = refusalMessage(request.confidence_level as 'LOW' | 'NO_MATCH', request.confidence_score, columns);
  const elapsed = request.timings.schema_match_ms + request.timings.upload_ms;
  return [
    requested,
    {
      type: 'ModuleRunFailed',
      data: {
        run_id: request.run_id,
        task_id: null,
        code: 'SCHEMA_MISMATCH',
        error: message,
        error_details: { confidence_level: request.confidence_level, missing_columns: columns.missing, unexpected_columns: columns.unexpected },
        step_stats: [],
        engine_version: ENGINE_VERSION,
        timings: { ...request.timings, transform_ms: 0 },
        duration_ms: elapsed,
      },
    },
  ];
}

function decide(command: ModuleCommand, state: ModuleState): DomainEvent[] {
  if (command.type === 'RecordRunOutcome') {
    // Recorded by the worker: only a running run's own task can finish it, and only once.
    const run = state.runs[command.outcome.data.run_id];
    if (!run) throw new Error(`No run ${command.outcome.data.run_id} in session ${command.sessionId}`);
    if (run.status !== 'running' || run.taskId !== command.outcome.data.task_id) return [];
    return [command.outcome];
  }
  requireSession(state, command.sessionId, command.actor);
  switch (command.type) {
    case 'DeployModule': {
      requireActive(state, command.sessionId);
      if (!state.currentNodeId) {
        throw new AppError('NO_DATA', 'Module has no data. Upload data before deploying.', { details: { session_id: command.sessionId } });
      }
      const path = pathToCurrent(state);
      const chain = chainOf(state, path);
      const contract = buildContract(state.rootProfiles[path[0]], command.deployedAt);
      return [
        {
          type: 'ModuleDeployed',
          data: {
            module_version: state.moduleVersions.length + 1,
            deployed_node_id: state.currentNodeId,
            root_node_id: path[0],
            steps: chain.steps,
            tables: chain.tables,
            contract: contract as unknown as Record<string, unknown>,
          },
        },
      ];
    }
    case 'UndeployModule': {
      requireActive(state, command.sessionId);
      const module = deployedModule(state);
      return [{ type: 'ModuleUndeployed', data: { module_version: module.version } }];
    }
    case 'RequestRun':
      return runRequested(command, state);
    case 'CancelRun': {
      // DELETE /tasks/{id}: recorded at once; the job stops at its next step boundary. A finished run keeps its outcome.
      const run = Object.values(state.runs).find((r) => r.taskId === command.taskId);
      if (!run) throw new AppError('TASK_NOT_FOUND', `Task not found: ${command.taskId}`, { details: { task_id: command.taskId } });
      if (run.status !== 'running') return [];
      return [{ type: 'ModuleRunCancelled', data: { run_id: run.runId, task_id: command.taskId, reason: 'Cancelled by the user' } }];
    }
    case 'ConfirmRun': {
      const run = requireRun(state, command.sessionId, command.runId);
      requireActive(state, command.sessionId);
      const module = deployedModule(state);
      if (run.status !== 'pending') throw new AppError('INVALID_STATE', `Run is not pending confirmation. Status: ${run.status}`, { details: { run_id: run.runId, status: run.status } });
      if (run.moduleVersion !== module.version) {
        throw new AppError('INVALID_STATE', 'The module changed since this run was matched; start a new run.', { details: { run_id: run.runId, module_version: module.version, run_module_version: run.moduleVersion } });
      }
      if (command.fileHash !== undefined && command.fileHash !== run.originalHash) {
        throw new AppError('VALIDATION_ERROR', 'The file sent with the confirmation is not the file this run matched; start a new run for a different file.', {
          suggestion: `POST /api/v1/sessions/${command.sessionId}/run with the new file.`,
          details: { errors: [{ location: 'multipart', path: 'file', message: 'Differs from the stored input of the run' }] },
        });
      }
      return [{ type: 'ModuleRunConfirmed', data: { run_id: run.runId, task_id: command.taskId } }];
    }
  }
}

export const moduleDecider: Decider<ModuleCommand, ModuleState> = {
  initialState: initialModuleState,
  evolve: evolveModule,
  decide,
};
