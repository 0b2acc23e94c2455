import net from 'node:net';

/**
 * Reachability of the real services the production paths use. A suite that needs one runs when it answers and is
 * skipped — loudly — when it does not; with MODULARDATA_REQUIRE_SERVICES=1 (set by .ci/run) "not reachable" fails.
 */
export const REQUIRE_SERVICES = process.env.MODULARDATA_REQUIRE_SERVICES === '1';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string, fallbackPort: number, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || fallbackPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function service(name: string, url: string, port: number): Promise<string | null> {
  if (await reachable(url, port)) return url;
  const message = `${name} is not reachable at ${url.replace(/\/\/[^@]*@/, '//')}`;
  if (REQUIRE_SERVICES) throw new Error(`${message} and MODULARDATA_REQUIRE_SERVICES=1`);
  console.warn(`\n!!! SKIPPING ${name} SUITES: ${message} (set TEST_${name.toUpperCase()}_URL) !!!\n`);
  return null;
}

let postgres: Promise<string | null> | undefined;
let redis: Promise<string | null> | undefined;

/** The admin URL of the test Postgres server, or null when it does not answer. */
export function postgresUrl(): Promise<string | null> {
  return (postgres ??= service('Postgres', TEST_DATABASE_URL, 5432));
}

/** The URL of the test Redis server, or null when it does not answer. */
export function redisUrl(): Promise<string | null> {
  return (redis ??= service('Redis', TEST_REDIS_URL, 6379));
}

/** A name unique to this test run and file, for databases and Redis key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
