/**
 * Errors that mean "the database cannot be reached right now" rather than "this query is wrong": refused or dropped
 * connections, a pool that could not connect in time, and the Postgres states a restarting or failing-over server
 * answers with. The API turns them into 503 SERVICE_UNAVAILABLE; the pool reconnects on its own once the server is
 * back, so no restart is needed.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
// 08xxx connection exceptions; 57P01..57P03 admin shutdown, crash shutdown, cannot connect now; 53300 too many connections.
const SQLSTATES = /^(08\d{3}|57P0[1-3]|53300)$/;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|Connection refused/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    // AggregateError (a connect that tried several addresses) carries the real errors in `errors`.
    const inner = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.some(isDatabaseUnavailable)) return true;
  }
  return false;
}
