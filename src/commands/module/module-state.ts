import type { ColumnMapping, Discrepancy, SchemaContract } from '../../engine/matching/index.js';
import type { Profile } from '../../engine/profile/types.js';
import type { StoredEvent } from '../../events/event-store.js';
import { evolveSession, initialSessionState, type SessionState } from '../session/session-state.js';

export interface TableRef {
  id: string;
  name: string;
  hash: string;
  storage_key: string;
}

export interface ChainStep {
  step_number: number;
  node_id: string;
  step_id: string;
  op: string;
  params: Record<string, unknown>;
  reference_time: string;
}

export interface ModuleVersion {
  version: number;
  deployedNodeId: string;
  rootNodeId: string;
  steps: ChainStep[];
  tables: TableRef[];
  contract: SchemaContract;
}

export type RunStatus = 'pending' | 'running' | 'success' | 'warning_confirmed' | 'failed' | 'cancelled';

export interface RunState {
  runId: string;
  moduleVersion: number;
  status: RunStatus;
  taskId: string | null;
  level: string;
  confirmed: boolean;
  referenceTime: string;
  /** The canonical CSV of the input as it was read (what the chain replays on). */
  inputKey: string;
  originalHash: string;
  mappings: ColumnMapping[];
  discrepancies: Discrepancy[];
  timings: { schema_match_ms: number; upload_ms: number };
}

/** The session's state plus what modules need: node steps, root profiles, module versions and runs. */
export interface ModuleState extends SessionState {
  rootProfiles: Record<string, Profile>;
  /** Per transform node: the steps that made it, with its apply's reference time and attached tables. */
  nodeSteps: Record<string, { steps: { step_id: string; op: string; params: Record<string, unknown> }[]; referenceTime: string; tables: TableRef[] }>;
  applyRequests: Record<string, { referenceTime: string; tables: TableRef[] }>;
  /** Every deployed version, version k at index k − 1. */
  moduleVersions: ModuleVersion[];
  deployedVersion: number | null;
  runs: Record<string, RunState>;
}

export const initialModuleState = (): ModuleState => ({
  ...initialSessionState(),
  rootProfiles: {},
  nodeSteps: {},
  applyRequests: {},
  moduleVersions: [],
  deployedVersion: null,
  runs: {},
});

type Past = Pick<StoredEvent, 'type' | 'data'>;

function updateRun(state: ModuleState, runId: string, change: Partial<RunState>): ModuleState {
  const run = state.runs[runId];
  return run ? { ...state, runs: { ...state.runs, [runId]: { ...run, ...change } } } : state;
}

/** Module facts on top of the session's own fold (which already tracks nodes, the pointer and the deployed node). */
function evolveModuleFacts(state: ModuleState, event: Past): ModuleState {
  const data = event.data;
  switch (event.type) {
    case 'FileUploaded':
      return { ...state, rootProfiles: { ...state.rootProfiles, [data.node_id]: data.profile } };
    case 'PlanApplyRequested':
      return { ...state, applyRequests: { ...state.applyRequests, [data.task_id]: { referenceTime: data.reference_time, tables: data.tables } } };
    case 'TransformationApplied': {
      const request = state.applyRequests[data.task_id] ?? { referenceTime: '', tables: [] };
      const nodeSteps = { ...state.nodeSteps };
      for (const n of data.nodes as { node_id: string; steps: { step_id: string; op: string; params: Record<string, unknown> }[] }[]) {
        nodeSteps[n.node_id] = { steps: n.steps, ...request };
      }
      return { ...state, nodeSteps };
    }
    case 'ModuleDeployed': {
      const version: ModuleVersion = {
        version: data.module_version,
        deployedNodeId: data.deployed_node_id,
        rootNodeId: data.root_node_id,
        steps: data.steps,
        tables: data.tables,
        contract: data.contract,
      };
      return { ...state, moduleVersions: [...state.moduleVersions, version], deployedVersion: data.module_version };
    }
    case 'ModuleUndeployed':
      return { ...state, deployedVersion: null };
    case 'ModuleRunRequested':
      return {
        ...state,
        runs: {
          ...state.runs,
          [data.run_id]: {
            runId: data.run_id,
            moduleVersion: data.module_version,
            status: data.task_id ? 'running' : 'pending',
            taskId: data.task_id,
            level: data.confidence_level,
            confirmed: false,
            referenceTime: data.reference_time,
            inputKey: data.input.storage_key,
            originalHash: data.input.original_hash,
            mappings: data.column_mappings,
            discrepancies: data.discrepancies,
            timings: data.timings,
          },
        },
      };
    case 'ModuleRunAwaitingConfirmation':
      return updateRun(state, data.run_id, { status: 'pending' });
    case 'ModuleRunConfirmed':
      return updateRun(state, data.run_id, { status: 'running', taskId: data.task_id, confirmed: true });
    case 'ModuleRunCompleted':
      return updateRun(state, data.run_id, { status: data.status });
    case 'ModuleRunFailed':
      return updateRun(state, data.run_id, { status: 'failed' });
    case 'ModuleRunCancelled':
      return updateRun(state, data.run_id, { status: 'cancelled' });
    default:
      return state;
  }
}

export function evolveModule(state: ModuleState, event: Past): ModuleState {
  return evolveModuleFacts(evolveSession(state, event) as ModuleState, event);
}
