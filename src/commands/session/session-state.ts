import type { StoredEvent } from '../../events/event-store.js';

export interface NodeState {
  id: string;
  parentId: string | null;
  kind: 'upload' | 'transform';
  columns: { name: string; type: string }[];
  rowCount: number;
}

/** What session commands need to know, folded from the session stream. */
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
  tables: Record<string, { id: string; name: string }>;
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
});

type Past = Pick<StoredEvent, 'type' | 'data'>;

export function evolveSession(state: SessionState, event: Past): SessionState {
  const data = event.data;
  switch (event.type) {
    case 'SessionCreated':
      return { ...state, exists: true, sessionId: data.session_id, ownerId: data.owner_id, name: data.name };
    case 'SessionRenamed':
      return { ...state, name: data.name };
    case 'SessionArchived':
      return { ...state, archived: true };
    case 'FileUploaded':
      return {
        ...state,
        currentNodeId: data.node_id,
        rootNodeIds: [...state.rootNodeIds, data.node_id],
        nodes: {
          ...state.nodes,
          [data.node_id]: { id: data.node_id, parentId: null, kind: 'upload', columns: data.columns, rowCount: data.row_count },
        },
      };
    case 'TableAttached':
      return { ...state, tables: { ...state.tables, [data.table_id]: { id: data.table_id, name: data.name } } };
    default:
      return state;
  }
}
