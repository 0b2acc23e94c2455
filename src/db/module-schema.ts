import type { ColumnType } from 'kysely';

/** Kysely types of the module read tables (migrations/0005_modules.sql). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
type Position = ColumnType<number, number, number>;

export interface ModulesTable {
  session_id: string;
  module_version: number;
  deployed_node_id: string;
  root_node_id: string;
  deployed_at: Timestamp;
  undeployed_at: Timestamp | null;
  step_count: number;
  steps: Json;
  tables: Json;
  contract: Json;
  fingerprint: string;
  position: Position;
}

export interface ModuleRunsTable {
  id: string;
  session_id: string;
  owner_id: string;
  module_version: number;
  status: string;
  task_id: string | null;
  force: boolean;
  confidence_score: number;
  confidence_level: string;
  input_filename: string;
  input_row_count: number;
  input_column_count: number;
  input_storage_path: string;
  input_hash: string;
  column_mappings: Json;
  discrepancies: Json;
  ingest: Json;
  output_row_count: number | null;
  output_column_count: number | null;
  output_storage_path: string | null;
  output_hash: string | null;
  error_message: string | null;
  error_details: Json | null;
  code: string | null;
  message: string | null;
  duration_ms: number | null;
  timing_breakdown: Json;
  step_stats: Json;
  reference_time: Timestamp;
  confirmed_at: Timestamp | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  position: Position;
}

export interface ModuleReadModels {
  modules: ModulesTable;
  module_runs: ModuleRunsTable;
}
