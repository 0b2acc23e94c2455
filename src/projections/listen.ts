import pg from 'pg';

/**
 * Wakes a projector as soon as an append commits (append_events sends NOTIFY), instead of waiting for its next
 * poll. Best effort: if the connection drops, polling still catches up; it reconnects after a pause.
 */
export async function listenForEvents(url: string, onEvent: () => void): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  // One pending reconnect at most: a failed connect and its 'error' event must not start two.
  const reconnectLater = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1000);
  };
  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', onEvent);
    next.on('error', () => {
      next.end().catch(() => undefined);
      reconnectLater();
    });
    try {
      await next.connect();
      await next.query('LISTEN modulardata_events');
      client = next;
      if (closed) await next.end();
    } catch {
      next.end().catch(() => undefined);
      reconnectLater();
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
