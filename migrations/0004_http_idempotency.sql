-- Responses of requests sent with an Idempotency-Key (API.md §1): a repeat returns the first response. Not a read
-- model: it is request bookkeeping, kept 24 hours.
CREATE TABLE http_idempotency (
  scope            text NOT NULL,
  idempotency_key  text NOT NULL,
  request_hash     text NOT NULL,
  state            text NOT NULL,
  status_code      integer,
  headers          jsonb,
  body_base64      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, idempotency_key)
);
