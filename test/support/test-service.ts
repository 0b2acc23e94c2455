import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createService, type Service, type ServiceOptions } from '../../src/service/service.js';
import type { TestDatabase } from './databases.js';

export interface TestApp {
  app: FastifyInstance;
  service: Service;
  close(): Promise<void>;
}

/** A whole service on a test database, with its own blob folder; HTTP goes through fastify.inject. */
/** `options.now` fixes the clock commands record (tests that bucket by day); `planner` and `processJobs` replace the configured planner and job running. */
export async function createTestApp(t: TestDatabase, env: Record<string, string> = {}, options: Pick<ServiceOptions, 'now' | 'planner' | 'processJobs'> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-api-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PROJECTION_WAIT_MS: '5000', ...env });
  const service = await createService(config, { role: 'server', database: t.database, ...options });
  const app = await buildApp(service, { logger: false });
  return {
    app,
    service,
    async close() {
      await app.close();
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body with one file in field `file` (and optional text fields). */
export function multipart(filename: string | null, content: Buffer | string, fields: Record<string, string> = {}) {
  const boundary = `----md${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  const disposition = filename === null ? 'form-data; name="file"' : `form-data; name="file"; filename="${filename}"`;
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/csv\r\n\r\n`));
  chunks.push(Buffer.isBuffer(content) ? content : Buffer.from(content));
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../samples');

/**
 * A whole service on a fresh database of `target` for one describe block: created before its tests, closed and
 * dropped after them. Read `t`, `api` and `inject` inside tests (they exist once beforeAll has run).
 */
export function useTestApp(target: { create(): Promise<TestDatabase> }, env: Record<string, string> = {}, options: Pick<ServiceOptions, 'now' | 'planner' | 'processJobs'> = {}) {
  const ctx = {
    t: undefined as unknown as TestDatabase,
    api: undefined as unknown as TestApp,
    inject: (options: InjectOptions) => ctx.api.app.inject(options),
  };
  beforeAll(async () => {
    ctx.t = await target.create();
    ctx.api = await createTestApp(ctx.t, env, options);
  });
  afterAll(async () => {
    await ctx.api.close();
    await ctx.t.cleanup();
  });
  return ctx;
}
