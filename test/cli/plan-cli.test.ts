import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, ok, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';

/** `modulardata plan` as a user runs it: the real bin in a child process, the planner chosen by the environment. */
const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/modulardata.js');
const SLOW = 240_000;
let dir: string;
let server: FakeOpenAI;

function cli(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [BIN, 'plan', ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const openai = () => ({ OPENAI_API_KEY: 'sk-cli', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'cli-model', OPENAI_TIMEOUT_MS: '20000' });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-plan-'));
  fs.writeFileSync(path.join(dir, 'people.csv'), 'name,email,age\nAnn,ann@example.com,31\nBob,bob@example.com,45\nBob,bob@example.com,45\n');
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('modulardata plan', { timeout: SLOW }, () => {
  it('prints the OpenAI planner result as JSON when OPENAI_API_KEY is set', async () => {
    server.script(
      ok({
        steps: [{ op: 'remove_duplicates', params: { subset: ['email'], keep: null }, explanation: 'Remove rows with a repeated email' }],
        reply: "I'll remove rows with a repeated email.",
        clarification: null,
        confidence: 0.95,
      }),
    );
    const result = await cli(['--file', 'people.csv', 'remove', 'duplicate emails'], openai());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      planner: 'openai',
      steps: [{ op: 'remove_duplicates', params: { subset: ['email'], keep: 'first' }, explanation: 'Remove rows with a repeated email' }],
      reply: "I'll remove rows with a repeated email.",
      clarification: null,
      confidence: 0.95,
      note: null,
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.authorization).toBe('Bearer sk-cli');
    expect(server.requests[0].body).toMatchObject({ model: 'cli-model', messages: expect.arrayContaining([{ role: 'user', content: 'remove duplicate emails' }]) });
  });

  it('exits 0 with a clarifying question', async () => {
    const clarification = { question: "There is no column 'salary'. Did you mean: age?", reason: 'unknown_column', options: ['age'] };
    server.script(ok({ steps: [], reply: '', clarification, confidence: 0.3 }));
    const result = await cli(['-f', 'people.csv', 'round the salary'], openai());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ planner: 'openai', steps: [], reply: clarification.question, clarification });
  });

  it('falls back to the offline planner, with the note, when the API fails', async () => {
    server.script(apiError(500, 'upstream down', { 'retry-after-ms': '10' }));
    const result = await cli(['--file', 'people.csv', 'remove duplicate rows'], openai());
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.planner).toBe('offline');
    expect(printed.note).toMatch(/^The OpenAI API failed \(HTTP 500: .*upstream down\); the offline planner answered instead\./);
    // One try and the SDK's one retry (the default maxRetries).
    expect(server.requests).toHaveLength(2);
  });

  it('uses the offline planner when no key is set', async () => {
    const result = await cli(['--file', 'people.csv', 'remove duplicate rows']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ planner: 'offline', note: null, clarification: null });
    expect(printed.steps.map((s: { op: string }) => s.op)).toEqual(['remove_duplicates']);
  });

  it('exits 2 for a missing file option, a missing message or an unreadable file', async () => {
    const noFile = await cli(['remove duplicates']);
    expect(noFile).toMatchObject({ code: 2, stdout: '' });
    expect(noFile.stderr).toContain('Give the CSV file with --file');
    const noMessage = await cli(['--file', 'people.csv']);
    expect(noMessage).toMatchObject({ code: 2, stdout: '' });
    expect(noMessage.stderr).toContain('Give the message to plan');
    const missing = await cli(['--file', 'nope.csv', 'remove duplicates']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('Cannot read nope.csv: no such file.');
  });
});
