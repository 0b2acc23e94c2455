-- The append-only event log and the few statements that guard it (DESIGN.md §4).
CREATE TABLE events (
  position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- the writing transaction: readers only see rows below the oldest running transaction, so none is ever skipped
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text NOT NULL,
  stream_version  integer NOT NULL CHECK (stream_version > 0),
  event_id        uuid NOT NULL UNIQUE,
  type            text NOT NULL,
  schema_version  integer NOT NULL CHECK (schema_version > 0),
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_at     timestamptz NOT NULL,
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_global_order ON events (transaction_id, position);

-- One row per stream: the lock that serialises writers of a stream and its current version.
CREATE TABLE streams (
  stream_id text PRIMARY KEY,
  version   integer NOT NULL
);

-- Appends made under an idempotency key: a repeat returns the first result and appends nothing.
CREATE TABLE append_idempotency (
  idempotency_key text PRIMARY KEY,
  stream_id       text NOT NULL,
  result          jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- append_events: checks the expected version ('any', 'no_stream', 'stream_exists' or an exact number), inserts the
-- events in order and returns their positions, in one round trip. A wrong version raises SQLSTATE MD409 with the
-- actual version in DETAIL.
CREATE FUNCTION append_events(p_stream_id text, p_expected text, p_events jsonb, p_idempotency_key text)
RETURNS TABLE (event_position bigint, event_stream_version integer, event_transaction_id text, replayed boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_current integer;
  v_event jsonb;
  v_result jsonb := '[]'::jsonb;
  v_row record;
BEGIN
  IF p_idempotency_key IS NOT NULL THEN
    -- a concurrent append with the same key waits here on the unique index until the first one ends
    INSERT INTO append_idempotency (idempotency_key, stream_id, result)
    VALUES (p_idempotency_key, p_stream_id, '[]'::jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING;
    IF NOT FOUND THEN
      RETURN QUERY
        SELECT (r->>'position')::bigint, (r->>'stream_version')::integer, r->>'transaction_id', true
        FROM append_idempotency a, jsonb_array_elements(a.result) r
        WHERE a.idempotency_key = p_idempotency_key;
      RETURN;
    END IF;
  END IF;

  INSERT INTO streams (stream_id, version) VALUES (p_stream_id, 0) ON CONFLICT (stream_id) DO NOTHING;
  SELECT s.version INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;

  IF (p_expected = 'no_stream' AND v_current <> 0)
     OR (p_expected = 'stream_exists' AND v_current = 0)
     OR (p_expected ~ '^[0-9]+$' AND v_current <> p_expected::integer) THEN
    RAISE EXCEPTION USING ERRCODE = 'MD409',
      MESSAGE = format('wrong expected version for stream %s: expected %s, actual %s', p_stream_id, p_expected, v_current),
      DETAIL = v_current::text;
  ELSIF p_expected NOT IN ('any', 'no_stream', 'stream_exists') AND p_expected !~ '^[0-9]+$' THEN
    RAISE EXCEPTION 'invalid expected version: %', p_expected;
  END IF;

  FOR v_event IN SELECT e FROM jsonb_array_elements(p_events) AS t(e) LOOP
    v_current := v_current + 1;
    INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
    VALUES (p_stream_id, v_current, (v_event->>'event_id')::uuid, v_event->>'type',
            (v_event->>'schema_version')::integer, v_event->'data', COALESCE(v_event->'metadata', '{}'::jsonb),
            (v_event->>'recorded_at')::timestamptz)
    RETURNING events.position, events.stream_version, events.transaction_id::text INTO v_row;
    v_result := v_result || jsonb_build_object('position', v_row.position, 'stream_version', v_row.stream_version,
                                               'transaction_id', v_row.transaction_id);
    event_position := v_row.position;
    event_stream_version := v_row.stream_version;
    event_transaction_id := v_row.transaction_id;
    replayed := false;
    RETURN NEXT;
  END LOOP;

  UPDATE streams SET version = v_current WHERE stream_id = p_stream_id;
  IF p_idempotency_key IS NOT NULL THEN
    UPDATE append_idempotency SET result = v_result WHERE idempotency_key = p_idempotency_key;
  END IF;
  PERFORM pg_notify('modulardata_events', p_stream_id);
END;
$$;

-- read_all_events: the log in global order after a checkpoint (transaction id, position), only below the oldest
-- running transaction, so an event whose transaction commits late is never skipped by a reader.
CREATE FUNCTION read_all_events(p_after_transaction xid8, p_after_position bigint, p_limit integer)
RETURNS TABLE ("position" bigint, transaction_id text, stream_id text, stream_version integer, event_id uuid,
               type text, schema_version integer, data jsonb, metadata jsonb, recorded_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT e.position, e.transaction_id::text, e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version,
         e.data, e.metadata, e.recorded_at
  FROM events e
  WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    AND (e.transaction_id, e.position) > (p_after_transaction, p_after_position)
  ORDER BY e.transaction_id, e.position
  LIMIT p_limit
$$;

-- Where each log consumer (projection, dispatcher) has got to; written in the same transaction as its effects.
CREATE TABLE checkpoints (
  name            text PRIMARY KEY,
  transaction_id  xid8 NOT NULL DEFAULT '0',
  position        bigint NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- log_head: the last event a reader can see now (same visibility rule as read_all_events); null when none.
CREATE FUNCTION log_head() RETURNS TABLE (transaction_id text, "position" bigint)
LANGUAGE sql STABLE AS $$
  SELECT e.transaction_id::text, e.position
  FROM events e
  WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY e.transaction_id DESC, e.position DESC
  LIMIT 1
$$;
