import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresTestDatabase } from './databases.js';
import { freePort, startCli, waitForHttp, type RunningProcess } from './processes.js';
import { uniqueName } from './services.js';

export interface ProductionProcesses {
  /** `http://127.0.0.1:<port>` of the first API server. */
  origin: string;
  /** Every API server's origin (one unless more were asked for). */
  origins: string[];
  worker: RunningProcess;
  servers: RunningProcess[];
  /** The environment the processes share (database, Redis prefix, blob folder). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The production shape with real processes: `modulardata worker` and `servers` × `modulardata serve` on a fresh
 * Postgres database of their own, a Redis key prefix of their own and one blob folder. `stop` ends them and drops
 * the database.
 */
export async function startProductionProcesses(pgAdminUrl: string, redisUrl: string, options: { servers?: number; env?: Record<string, string> } = {}): Promise<ProductionProcesses> {
  const database = await createPostgresTestDatabase(pgAdminUrl, { max: 1 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-prod-'));
  // A busy CI machine can keep the worker's projections behind a command for longer than the 5 s default wait.
  const env = { DATABASE_URL: database.url!, REDIS_URL: redisUrl, REDIS_PREFIX: uniqueName('md-prod'), DATA_DIR: dir, PROJECTION_WAIT_MS: '30000', ...options.env };
  const worker = startCli(['worker'], env);
  const servers: RunningProcess[] = [];
  const origins: string[] = [];
  const stop = async () => {
    await Promise.all([worker, ...servers].map((p) => p.stop()));
    await database.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < (options.servers ?? 1); i++) {
      const port = await freePort();
      servers.push(startCli(['serve'], { ...env, PORT: String(port) }));
      origins.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(servers.map((server, i) => waitForHttp(`${origins[i]}/api/v1/health/ready`, 90_000, server)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: origins[0], origins, worker, servers, env, stop };
}
