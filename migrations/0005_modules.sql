-- Modules (API.md §11): every deployed version of a session's module, and every run. Read tables built by the
-- `modules` and `module_runs` projections; no foreign keys, like the other read tables.
CREATE TABLE modules (
  session_id        uuid NOT NULL,
  module_version    integer NOT NULL,
  deployed_node_id  uuid NOT NULL,
  root_node_id      uuid NOT NULL,
  deployed_at       timestamptz NOT NULL,
  undeployed_at     timestamptz,
  step_count        integer NOT NULL,
  steps             jsonb NOT NULL,
  tables            jsonb NOT NULL,
  contract          jsonb NOT NULL,
  fingerprint       text NOT NULL,
  position          bigint NOT NULL,
  PRIMARY KEY (session_id, module_version)
);

CREATE TABLE module_runs (
  id                   uuid PRIMARY KEY,
  session_id           uuid NOT NULL,
  owner_id             uuid NOT NULL,
  module_version       integer NOT NULL,
  status               text NOT NULL,
  task_id              uuid,
  force                boolean NOT NULL,
  confidence_score     double precision NOT NULL,
  confidence_level     text NOT NULL,
  input_filename       text NOT NULL,
  input_row_count      integer NOT NULL,
  input_column_count   integer NOT NULL,
  input_storage_path   text NOT NULL,
  input_hash           text NOT NULL,
  column_mappings      jsonb NOT NULL,
  discrepancies        jsonb NOT NULL,
  ingest               jsonb NOT NULL,
  output_row_count     integer,
  output_column_count  integer,
  output_storage_path  text,
  output_hash          text,
  error_message        text,
  error_details        jsonb,
  code                 text,
  message              text,
  duration_ms          integer,
  timing_breakdown     jsonb NOT NULL,
  step_stats           jsonb NOT NULL DEFAULT '[]'::jsonb,
  reference_time       timestamptz NOT NULL,
  confirmed_at         timestamptz,
  created_at           timestamptz NOT NULL,
  finished_at          timestamptz,
  position             bigint NOT NULL
);
CREATE INDEX module_runs_session ON module_runs (session_id, position DESC);
