-- Attached tables (API.md §7.2): secondary files that join, union and lookup steps reference by id.
CREATE TABLE session_tables (
  id                    uuid PRIMARY KEY,
  session_id            uuid NOT NULL,
  name                  text NOT NULL,
  filename              text NOT NULL,
  row_count             integer NOT NULL,
  column_count          integer NOT NULL,
  columns               jsonb NOT NULL,
  content_hash          text NOT NULL,
  storage_path          text NOT NULL,
  original_storage_path text NOT NULL,
  ingest                jsonb NOT NULL,
  profile_json          jsonb NOT NULL,
  created_at            timestamptz NOT NULL,
  position              bigint NOT NULL
);
CREATE INDEX session_tables_session ON session_tables (session_id, position);
