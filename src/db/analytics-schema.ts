import type { ColumnType } from 'kysely';

/** Kysely types of the analytics read tables (migrations/0007_analytics.sql). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
/** A UTC calendar date, written as `YYYY-MM-DD`; read it with `::text` (drivers turn dates into local Dates). */
type Day = ColumnType<string, string, string>;
type Position = ColumnType<number, number, number>;

export interface AnalyticsAppliesTable {
  task_id: string;
  session_id: string;
  ops: Json;
  status: string;
  error_code: string | null;
  duration_ms: number | null;
  requested_at: Timestamp;
  finished_at: Timestamp | null;
  day: Day | null;
  position: Position;
}

export interface AnalyticsStepsTable {
  task_id: string;
  step_index: number;
  session_id: string;
  node_id: string | null;
  op: string;
  ok: boolean;
  rows_before: number | null;
  rows_after: number | null;
  cols_before: number | null;
  cols_after: number | null;
  duration_ms: number | null;
  error_code: string | null;
  recorded_at: Timestamp;
  day: Day;
}

export interface AnalyticsVersionsTable {
  node_id: string;
  session_id: string;
  parent_id: string | null;
  undone: ColumnType<boolean, boolean | undefined, boolean>;
  rolled_back: ColumnType<boolean, boolean | undefined, boolean>;
  position: Position;
}

export interface AnalyticsMovesTable {
  position: Position;
  session_id: string;
  reason: string;
  from_node_id: string;
  to_node_id: string;
  recorded_at: Timestamp;
  day: Day;
}

export interface AnalyticsReadModels {
  analytics_applies: AnalyticsAppliesTable;
  analytics_steps: AnalyticsStepsTable;
  analytics_versions: AnalyticsVersionsTable;
  analytics_moves: AnalyticsMovesTable;
}
