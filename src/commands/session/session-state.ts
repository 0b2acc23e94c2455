import type { StoredEvent } from '../../events/event-store.js';

export interface NodeState {
  id: string;
  parentId: string | null;
  kind: 'upload' | 'transform';
  columns: { name: string; type: string }[];
  rowCount: number;
  storageKey: string;
  discarded?: boolean;
  label?: string | null;
}

/** What session commands need to know, folded from the session stream. */
export interface PlanStep {
  stepId: string;
  op: string;
  params: Record<string, unknown>;
  explanation: string;
}

export interface SessionState {
  exists: boolean;
  sessionId: string | null;
  ownerId: string | null;
  archived: boolean;
  name: string | null;
  currentNodeId: string | null;
  rootNodeIds: string[];
  nodes: Record<string, NodeState>;
  /** Attached tables by id, in attach order. */
  tables: Record<string, { id: string; name: string; columns: { name: string; type: string }[] }>;
  planId: string | null;
  /** The open plan, in order. */
  plan: PlanStep[];
  /** The apply task running on this session, if any (one apply at a time). */
  applyingTaskId: string | null;
  /** Per node, the child the pointer last came back from by undo or rollback (where redo goes). */
  redoTo: Record<string, string>;
  /** Node ids in creation order. */
  nodeOrder: string[];
  /** Outcomes recorded per task id, so a retried job never records a second one. */
  finishedTasks: Record<string, 'applied' | 'failed' | 'cancelled'>;
  /** Applies requested on this session, by task id (cancelling needs to know the task is this session's). */
  requestedTasks: Record<string, true>;
  /** What the assistant's latest reply asked the user (`metadata.pending`), answered by a "yes" in chat. */
  pendingQuestion: Record<string, unknown> | null;
  /** The node the deployed module ends at (ModuleDeployed), null when none is deployed; it cannot be discarded. */
  deployedNodeId: string | null;
}

export const initialSessionState = (): SessionState => ({
  exists: false,
  sessionId: null,
  ownerId: null,
  archived: false,
  name: null,
  currentNodeId: null,
  rootNodeIds: [],
  nodes: {},
  tables: {},
  planId: null,
  plan: [],
  applyingTaskId: null,
  redoTo: {},
  nodeOrder: [],
  finishedTasks: {},
  requestedTasks: {},
  pendingQuestion: null,
  deployedNodeId: null,
});

type Past = Pick<StoredEvent, 'type' | 'data'>;

export function evolveSession(state: SessionState, event: Past): SessionState {
  const data = event.data;
  switch (event.type) {
    case 'SessionCreated':
      return { ...state, exists: true, sessionId: data.session_id, ownerId: data.owner_id, name: data.name, planId: data.plan_id };
    case 'SessionRenamed':
      return { ...state, name: data.name };
    case 'SessionArchived':
      return { ...state, archived: true };
    case 'FileUploaded':
      return {
        ...state,
        currentNodeId: data.node_id,
        rootNodeIds: [...state.rootNodeIds, data.node_id],
        nodeOrder: [...state.nodeOrder, data.node_id],
        nodes: {
          ...state.nodes,
          [data.node_id]: { id: data.node_id, parentId: null, kind: 'upload', columns: data.columns, rowCount: data.row_count, storageKey: data.storage_key },
        },
      };
    case 'TableAttached':
      return { ...state, tables: { ...state.tables, [data.table_id]: { id: data.table_id, name: data.name, columns: data.columns } } };
    case 'PlanStepsAdded': {
      const byId = new Map<string, PlanStep>(state.plan.map((s) => [s.stepId, s]));
      for (const s of data.steps as { step_id: string; op: string; params: Record<string, unknown>; explanation: string }[]) {
        byId.set(s.step_id, { stepId: s.step_id, op: s.op, params: s.params, explanation: s.explanation });
      }
      return { ...state, plan: (data.step_order as string[]).map((id) => byId.get(id)!) };
    }
    case 'PlanStepRemoved':
      return { ...state, plan: state.plan.filter((s) => s.stepId !== data.step_id) };
    case 'PlanCleared':
      return { ...state, plan: [] };
    case 'PlanApplyRequested':
      return { ...state, applyingTaskId: data.task_id, requestedTasks: { ...state.requestedTasks, [data.task_id]: true } };
    case 'TransformationApplied': {
      const nodes = { ...state.nodes };
      for (const n of data.nodes as { node_id: string; parent_id: string; columns: { name: string; type: string }[]; row_count: number; storage_key: string }[]) {
        nodes[n.node_id] = { id: n.node_id, parentId: n.parent_id, kind: 'transform', columns: n.columns, rowCount: n.row_count, storageKey: n.storage_key };
      }
      const applied = new Set((data.nodes as { steps: { step_id: string }[] }[]).flatMap((n) => n.steps.map((s) => s.step_id)));
      return {
        ...state,
        nodes,
        currentNodeId: data.nodes[data.nodes.length - 1].node_id,
        nodeOrder: [...state.nodeOrder, ...(data.nodes as { node_id: string }[]).map((n) => n.node_id)],
        plan: state.plan.filter((s) => !applied.has(s.stepId)),
        applyingTaskId: state.applyingTaskId === data.task_id ? null : state.applyingTaskId,
        finishedTasks: { ...state.finishedTasks, [data.task_id]: 'applied' },
      };
    }
    case 'AssistantReplied': {
      const pending = (data.metadata as { pending?: unknown } | undefined)?.pending;
      return { ...state, pendingQuestion: pending && typeof pending === 'object' ? (pending as Record<string, unknown>) : null };
    }
    case 'NodeRenamed':
      return { ...state, nodes: { ...state.nodes, [data.node_id]: { ...state.nodes[data.node_id], label: data.name } } };
    case 'NodeHidden':
      return {
        ...state,
        currentNodeId: data.new_current_node_id,
        nodes: { ...state.nodes, [data.node_id]: { ...state.nodes[data.node_id], discarded: true } },
      };
    case 'CurrentNodeChanged': {
      // Moving up the tree remembers the way back down, so redo returns along the same branch.
      const redoTo = { ...state.redoTo };
      if (isAncestor(state, data.to_node_id, data.from_node_id)) {
        for (let child: string = data.from_node_id; child !== data.to_node_id; child = state.nodes[child].parentId!) {
          redoTo[state.nodes[child].parentId!] = child;
        }
      }
      const target = state.nodes[data.to_node_id];
      const nodes = target?.discarded ? { ...state.nodes, [data.to_node_id]: { ...target, discarded: false } } : state.nodes;
      return { ...state, nodes, currentNodeId: data.to_node_id, redoTo };
    }
    case 'TransformationFailed':
      return {
        ...state,
        applyingTaskId: state.applyingTaskId === data.task_id ? null : state.applyingTaskId,
        finishedTasks: { ...state.finishedTasks, [data.task_id]: 'failed' },
      };
    case 'TransformationCancelled':
      return {
        ...state,
        applyingTaskId: state.applyingTaskId === data.task_id ? null : state.applyingTaskId,
        finishedTasks: { ...state.finishedTasks, [data.task_id]: 'cancelled' },
      };
    case 'ModuleDeployed':
      return { ...state, deployedNodeId: data.deployed_node_id };
    case 'ModuleUndeployed':
      return { ...state, deployedNodeId: null };
    default:
      return state;
  }
}

/** True when `ancestor` is `node` or lies on its path to the root. */
export function isAncestor(state: SessionState, ancestor: string, node: string): boolean {
  for (let n: string | null | undefined = node; n; n = state.nodes[n]?.parentId) if (n === ancestor) return true;
  return false;
}
