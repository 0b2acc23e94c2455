import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { profileTable, readCsv } from '../../src/engine/index.js';
import { createPlanner } from '../../src/planner/create-planner.js';
import { freePort } from '../support/processes.js';

const read = readCsv(new TextEncoder().encode('name,email\nAnn,ann@example.com\nAnn,ann@example.com\n'));
const profile = profileTable(read.table, read.ingest);

describe('createPlanner', () => {
  it('gives the offline planner without OPENAI_API_KEY', () => {
    expect(createPlanner(loadConfig({})).kind).toBe('offline');
  });

  it('gives the OpenAI planner with a key, at OPENAI_BASE_URL, with the offline planner taking over when it fails', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v1`;
    const planner = createPlanner(loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: closed, OPENAI_TIMEOUT_MS: '5000' }));
    expect(planner.kind).toBe('openai');
    const result = await planner.plan({ message: 'remove duplicate rows', profile });
    expect(result.planner).toBe('offline');
    expect(result.note).toMatch(/^The OpenAI API could not be reached \(.+\); the offline planner answered instead\./);
  });

  it('reads OPENAI_TIMEOUT_MS (default 30 s) and refuses a value below 100 ms', () => {
    expect(loadConfig({}).OPENAI_TIMEOUT_MS).toBe(30_000);
    expect(loadConfig({ OPENAI_TIMEOUT_MS: '1500' }).OPENAI_TIMEOUT_MS).toBe(1500);
    expect(() => loadConfig({ OPENAI_TIMEOUT_MS: '50' })).toThrow('Invalid configuration: OPENAI_TIMEOUT_MS must be between 100 and 600000');
  });
});
