import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createService } from '../../src/service/service.js';
import { INVENTORY, LEADS, leadsVariants, moduleClient, runByHand } from '../support/modules.js';

/** `modulardata run-module` as a user runs it: the real bin in a child process, on the embedded database. */
const execute = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/modulardata.js');
const SLOW = 240_000;
const CHAIN = [
  { op: 'trim_whitespace', params: { columns: ['first_name', 'last_name'] } },
  { op: 'change_text_casing', params: { column: 'email', case: 'lower' } },
  { op: 'remove_duplicates', params: {} },
];

let dir: string;
let sessionId: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Result> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: path.join(dir, '.modulardata'), LOG_LEVEL: 'silent' };
  return execute(process.execPath, [BIN, ...args], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** The service a user ran before: a session with a deployed module, on the embedded database under DATA_DIR. */
async function withService<T>(work: (client: ReturnType<typeof moduleClient>) => Promise<T>): Promise<T> {
  const service = await createService(loadConfig({ DATA_DIR: path.join(dir, '.modulardata'), LOG_LEVEL: 'silent' }), { role: 'server' });
  const app = await buildApp(service, { logger: false });
  try {
    return await work(moduleClient((options) => app.inject(options)));
  } finally {
    await app.close();
    await service.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-run-module-'));
  sessionId = await withService(async (client) => {
    const id = await client.createSession();
    await client.upload(id, 'messy_marketing_leads.csv', LEADS);
    await client.apply(id, CHAIN);
    await client.deploy(id);
    return id;
  });
  fs.writeFileSync(path.join(dir, 'renamed.csv'), leadsVariants.renamed());
  fs.writeFileSync(path.join(dir, 'no-company.csv'), leadsVariants.without('company'));
  fs.writeFileSync(path.join(dir, 'inventory.csv'), INVENTORY);
}, SLOW);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('modulardata run-module', () => {
  it('runs a HIGH match into -o: the chain run by hand on the renamed data, recorded like an HTTP run', { timeout: SLOW }, async () => {
    const high = await cli(['run-module', '--session', sessionId, 'renamed.csv', '-o', 'out.csv']);
    expect(high.code, high.stderr).toBe(0);
    expect(high.stderr).toMatch(/^run [0-9a-f-]{36}: success \(HIGH, confidence 99\.5\) with module version 1$/m);
    expect(high.stderr).toContain('  E-Mail → email (normalized, 0.975)');
    expect(high.stderr).toContain('  surname → last_name (alternative, 0.975)');
    await withService(async (client) => {
      const runs = await client.json({ method: 'GET', url: `/api/v1/sessions/${sessionId}/runs?status=success` });
      expect(runs.total).toBe(1);
      const run = await client.json({ method: 'GET', url: `/api/v1/sessions/${sessionId}/runs/${runs.runs[0].run_id}` });
      expect(run.input_filename).toBe('renamed.csv');
      const expected = runByHand(leadsVariants.renamed(), { 'E-Mail': 'email', Phone: 'phone_number', FirstName: 'first_name', surname: 'last_name', 'Created Date': 'created_date' }, CHAIN, new Date(run.reference_time).toISOString());
      expect(fs.readFileSync(path.join(dir, 'out.csv')).equals(expected)).toBe(true);
    });
  });

  it('refuses a different table and unknown sessions with exit 2, writing nothing', { timeout: SLOW }, async () => {
    const refused = await cli(['run-module', '--session', sessionId, 'inventory.csv', '-o', 'never.csv']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/failed \(NO_MATCH, confidence [\d.]+\)/);
    expect(refused.stderr).toContain('Expected columns: lead_id, first_name, last_name, email, phone_number, company, campaign_source, lead_score, created_date, status');
    expect(fs.existsSync(path.join(dir, 'never.csv'))).toBe(false);
    const unknown = await cli(['run-module', '--session', '00000000-0000-4000-8000-000000000000', 'renamed.csv']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('SESSION_NOT_FOUND');
    const usage = await cli(['run-module', 'renamed.csv']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--session ID (a UUID) is required');
  });

  it('holds a MEDIUM match for confirmation (exit 2) and runs it with --force', { timeout: SLOW }, async () => {
    const waiting = await cli(['run-module', '--session', sessionId, 'no-company.csv']);
    expect(waiting.code).toBe(2);
    expect(waiting.stderr).toContain('pending (MEDIUM, confidence 79)');
    expect(waiting.stderr).toContain('Run it anyway with --force');
    expect(waiting.stdout).toBe('');
    const forced = await cli(['run-module', '--session', sessionId, 'no-company.csv', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('warning_confirmed (MEDIUM, confidence 79)');
    expect(forced.stdout.split('\n')[0]).toBe('lead_id,first_name,last_name,email,phone_number,campaign_source,lead_score,created_date,status');
  });
});
