-- Read tables maintained by projections (DESIGN.md §5). The columns of the original deployment schema come first;
-- the rest are what the features need. No foreign keys: projections may be rebuilt table by table at any time.
CREATE TABLE sessions (
  id                uuid PRIMARY KEY,
  status            text NOT NULL,
  original_filename text,
  current_node_id   uuid,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  name              text,
  owner_id          uuid NOT NULL,
  deployed_node_id  uuid,
  deployed_at       timestamptz,
  last_filename     text,
  metadata          jsonb NOT NULL DEFAULT '{}'::jsonb,
  version           integer NOT NULL,
  module_version    integer,
  archived_at       timestamptz
);
CREATE INDEX sessions_owner_created ON sessions (owner_id, created_at DESC, id);

CREATE TABLE nodes (
  id                    uuid PRIMARY KEY,
  session_id            uuid NOT NULL,
  parent_id             uuid,
  storage_path          text NOT NULL,
  transformation        text,
  transformation_code   text,
  profile_json          jsonb,
  row_count             integer NOT NULL,
  column_count          integer NOT NULL,
  created_at            timestamptz NOT NULL,
  kind                  text NOT NULL,
  filename              text,
  content_hash          text NOT NULL,
  original_storage_path text,
  original_hash         text,
  ingest                jsonb,
  steps                 jsonb NOT NULL DEFAULT '[]'::jsonb,
  step_stats            jsonb NOT NULL DEFAULT '[]'::jsonb,
  checks                jsonb,
  engine_version        text,
  task_id               uuid,
  name                  text,
  discarded             boolean NOT NULL DEFAULT false,
  position              bigint NOT NULL
);
CREATE INDEX nodes_session_created ON nodes (session_id, position);

CREATE TABLE chat_logs (
  id          uuid PRIMARY KEY,
  session_id  uuid NOT NULL,
  node_id     uuid,
  role        text NOT NULL,
  content     text NOT NULL,
  metadata    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  position    bigint NOT NULL
);
CREATE INDEX chat_logs_session ON chat_logs (session_id, position);

CREATE TABLE plans (
  id          uuid PRIMARY KEY,
  session_id  uuid NOT NULL,
  status      text NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  task_id     uuid
);
CREATE INDEX plans_session ON plans (session_id);

CREATE TABLE plan_steps (
  id                   uuid PRIMARY KEY,
  plan_id              uuid NOT NULL,
  step_number          integer NOT NULL,
  transformation_type  text NOT NULL,
  target_columns       jsonb NOT NULL DEFAULT '[]'::jsonb,
  parameters           jsonb NOT NULL DEFAULT '{}'::jsonb,
  explanation          text,
  created_at           timestamptz NOT NULL,
  source               text,
  code_preview         text
);
CREATE INDEX plan_steps_plan ON plan_steps (plan_id, step_number);

CREATE TABLE tasks (
  id           uuid PRIMARY KEY,
  session_id   uuid,
  owner_id     uuid NOT NULL,
  kind         text NOT NULL,
  status       text NOT NULL,
  progress     integer NOT NULL DEFAULT 0,
  message      text,
  result       jsonb,
  error        text,
  code         text,
  run_id       uuid,
  created_at   timestamptz NOT NULL,
  started_at   timestamptz,
  finished_at  timestamptz,
  version      bigint NOT NULL
);
CREATE INDEX tasks_session ON tasks (session_id, created_at DESC);
