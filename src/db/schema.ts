import type { ColumnType, Generated } from 'kysely';
import type { AnalyticsReadModels } from './analytics-schema.js';
import type { ModuleReadModels } from './module-schema.js';

/** Kysely types for the tables the migrations create. Timestamps come back as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface SessionsTable {
  id: string;
  status: string;
  original_filename: string | null;
  current_node_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  name: string | null;
  owner_id: string;
  deployed_node_id: string | null;
  deployed_at: Timestamp | null;
  last_filename: string | null;
  metadata: Json;
  version: number;
  module_version: number | null;
  archived_at: Timestamp | null;
}

export interface NodesTable {
  id: string;
  session_id: string;
  parent_id: string | null;
  storage_path: string;
  transformation: string | null;
  transformation_code: string | null;
  profile_json: Json | null;
  row_count: number;
  column_count: number;
  created_at: Timestamp;
  kind: string;
  filename: string | null;
  content_hash: string;
  original_storage_path: string | null;
  original_hash: string | null;
  ingest: Json | null;
  steps: Json;
  step_stats: Json;
  checks: Json | null;
  engine_version: string | null;
  task_id: string | null;
  name: string | null;
  discarded: boolean;
  position: ColumnType<number, number, number>;
}

export interface ChatLogsTable {
  id: string;
  session_id: string;
  node_id: string | null;
  role: string;
  content: string;
  metadata: Json;
  created_at: Timestamp;
  position: ColumnType<number, number, number>;
}

export interface PlansTable {
  id: string;
  session_id: string;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  task_id: string | null;
}

export interface PlanStepsTable {
  id: string;
  plan_id: string;
  step_number: number;
  transformation_type: string;
  target_columns: Json;
  parameters: Json;
  explanation: string | null;
  created_at: Timestamp;
  source: string | null;
  code_preview: string | null;
}

export interface TasksTable {
  id: string;
  session_id: string | null;
  owner_id: string;
  kind: string;
  status: string;
  progress: number;
  message: string | null;
  result: Json | null;
  error: string | null;
  code: string | null;
  run_id: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  version: number;
}

export interface CheckpointsTable {
  name: string;
  transaction_id: ColumnType<string, string, string>;
  position: ColumnType<number, number, number>;
  updated_at: Generated<Timestamp>;
}

export interface EventsTable {
  position: Generated<number>;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Json;
  metadata: Json;
  recorded_at: Timestamp;
}

export interface SessionTablesTable {
  id: string;
  session_id: string;
  name: string;
  filename: string;
  row_count: number;
  column_count: number;
  columns: Json;
  content_hash: string;
  storage_path: string;
  original_storage_path: string;
  ingest: Json;
  profile_json: Json;
  created_at: Timestamp;
  position: ColumnType<number, number, number>;
}

export interface ReadModels extends AnalyticsReadModels, ModuleReadModels {
  sessions: SessionsTable;
  nodes: NodesTable;
  chat_logs: ChatLogsTable;
  plans: PlansTable;
  plan_steps: PlanStepsTable;
  tasks: TasksTable;
  session_tables: SessionTablesTable;
}

export interface HttpIdempotencyTable {
  scope: string;
  idempotency_key: string;
  request_hash: string;
  state: string;
  status_code: number | null;
  headers: Json | null;
  body_base64: string | null;
  created_at: Generated<Timestamp>;
}

export interface DB extends ReadModels {
  http_idempotency: HttpIdempotencyTable;
  events: EventsTable;
  checkpoints: CheckpointsTable;
}

/** The read tables a projection rebuild may replace. */
export const READ_MODEL_TABLES = ['sessions', 'nodes', 'chat_logs', 'plans', 'plan_steps', 'tasks', 'session_tables', 'modules', 'module_runs'] as const;
