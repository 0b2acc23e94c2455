-- Read models for analytics on transformation history (API.md §14). Facts only — counts, rates and percentiles
-- are computed when asked, so a rebuild from the log gives the same answers. `day` is the UTC date of the event
-- that the figure is bucketed by. Module runs are read from `module_runs` (0005), which has every fact needed.

-- One row per apply task: requested, then finished (SUCCESS or FAILURE) or cancelled.
CREATE TABLE analytics_applies (
  task_id       uuid PRIMARY KEY,
  session_id    uuid NOT NULL,
  -- the requested steps' ops in order: names the failing step when the engine refused the plan before running it
  ops           jsonb NOT NULL,
  status        text NOT NULL,
  error_code    text,
  duration_ms   double precision,
  requested_at  timestamptz NOT NULL,
  finished_at   timestamptz,
  day           date,
  position      bigint NOT NULL
);
CREATE INDEX analytics_applies_day ON analytics_applies (day, session_id);

-- One row per step that ran (a failed apply's failing step included, the steps after it not).
CREATE TABLE analytics_steps (
  task_id      uuid NOT NULL,
  step_index   integer NOT NULL,
  session_id   uuid NOT NULL,
  -- the version the step is part of; null when its apply failed and stored nothing
  node_id      uuid,
  op           text NOT NULL,
  ok           boolean NOT NULL,
  rows_before  integer,
  rows_after   integer,
  cols_before  integer,
  cols_after   integer,
  duration_ms  double precision,
  error_code   text,
  recorded_at  timestamptz NOT NULL,
  day          date NOT NULL,
  PRIMARY KEY (task_id, step_index)
);
CREATE INDEX analytics_steps_day ON analytics_steps (day, op);

-- The version tree as far as analytics need it, and whether an undo or a rollback ever left a version.
CREATE TABLE analytics_versions (
  node_id      uuid PRIMARY KEY,
  session_id   uuid NOT NULL,
  parent_id    uuid,
  undone       boolean NOT NULL DEFAULT false,
  rolled_back  boolean NOT NULL DEFAULT false,
  position     bigint NOT NULL
);

-- Every undo, redo and rollback.
CREATE TABLE analytics_moves (
  position      bigint PRIMARY KEY,
  session_id    uuid NOT NULL,
  reason        text NOT NULL,
  from_node_id  uuid NOT NULL,
  to_node_id    uuid NOT NULL,
  recorded_at   timestamptz NOT NULL,
  day           date NOT NULL
);
CREATE INDEX analytics_moves_day ON analytics_moves (day, session_id);
