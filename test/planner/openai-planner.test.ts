import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileTable, readCsv, type Profile } from '../../src/engine/index.js';
import { createOpenAIPlanner, type OpenAIPlannerOptions } from '../../src/planner/openai/index.js';
import type { Planner, PlannerInput, PlannerResult } from '../../src/planner/types.js';
import { freePort } from '../support/processes.js';
import { apiError, completion, ok, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';

/** The OpenAI planner against a real local HTTP server speaking the chat-completions protocol. */
const profileOf = (csv: string): Profile => {
  const read = readCsv(new TextEncoder().encode(csv));
  return profileTable(read.table, read.ingest);
};

const PEOPLE = profileOf('name,email,age,city\nAnn,ann@example.com,31,Paris\nBob,bob@example.com,45,Lyon\nCid,,28,Nice\n');

/** A stand-in for the offline planner that records what it was asked. */
function recordingFallback() {
  const inputs: PlannerInput[] = [];
  const planner: Planner = {
    kind: 'offline',
    async plan(input): Promise<PlannerResult> {
      inputs.push(input);
      return { planner: 'offline', steps: [], reply: 'offline reply', clarification: null, confidence: 1, note: null };
    },
  };
  return { planner, inputs };
}

const STEP_DEDUPE = { op: 'remove_duplicates', params: { subset: ['email'], keep: null }, explanation: 'Remove rows with a repeated email' };
const STEP_RENAME = { op: 'rename_columns', params: { mapping: [{ key: 'name', value: 'full_name' }] }, explanation: 'Rename name to full_name' };
const VALID = { steps: [STEP_DEDUPE, STEP_RENAME], reply: "I'll remove repeated emails and rename name.", clarification: null, confidence: 0.9 };
const UNKNOWN_COLUMN = { ...VALID, steps: [{ ...STEP_DEDUPE, params: { subset: ['emial'], keep: null } }] };

let server: FakeOpenAI;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());

function planner(options: Partial<OpenAIPlannerOptions> = {}) {
  const fallback = recordingFallback();
  const p = createOpenAIPlanner({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'test-model', timeoutMs: 5000, maxRetries: 0, fallback: fallback.planner, ...options });
  return { planner: p, fallback };
}

const lastMessage = (body: any) => body.messages[body.messages.length - 1];

describe('the OpenAI planner', () => {
  it('uses a valid answer: steps decoded from the strict form and completed by the catalogue, one request with a strict schema', async () => {
    server.script(ok(VALID));
    const { planner: p, fallback } = planner();
    expect(p.kind).toBe('openai');
    const result = await p.plan({ message: 'remove duplicate emails and rename name to full_name', profile: PEOPLE });
    expect(result).toEqual({
      planner: 'openai',
      steps: [
        { op: 'remove_duplicates', params: { subset: ['email'], keep: 'first' }, explanation: 'Remove rows with a repeated email' },
        { op: 'rename_columns', params: { mapping: { name: 'full_name' } }, explanation: 'Rename name to full_name' },
      ],
      reply: "I'll remove repeated emails and rename name.",
      clarification: null,
      confidence: 0.9,
      note: null,
    });
    expect(fallback.inputs).toEqual([]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body.model).toBe('test-model');
    const format = request.body.response_format;
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'plan', strict: true } });
    const branches = format.json_schema.schema.properties.steps.items.anyOf.map((b: any) => b.properties.op.enum[0]);
    expect(branches).toContain('remove_duplicates');
    // No attached tables: the ops that need one are not offered.
    expect(branches).not.toContain('join_tables');
    expect(lastMessage(request.body)).toEqual({ role: 'user', content: 'remove duplicate emails and rename name to full_name' });
  });

  it('passes a clarifying question through with no steps, the question as the reply', async () => {
    const question = { question: "There is no column 'salary'. Did you mean: age?", reason: 'unknown_column', options: ['age'] };
    server.script(ok({ steps: [], reply: 'ignored', clarification: question, confidence: 0.4 }));
    const result = await planner().planner.plan({ message: 'round salary', profile: PEOPLE });
    expect(result).toMatchObject({ planner: 'openai', steps: [], reply: question.question, clarification: question, confidence: 0.4, note: null });
  });

  it('sends an invalid answer back once with the problems found, and uses the repaired answer', async () => {
    server.script(ok(UNKNOWN_COLUMN), ok(VALID));
    const { planner: p, fallback } = planner();
    const result = await p.plan({ message: 'remove duplicate emails', profile: PEOPLE });
    expect(result.planner).toBe('openai');
    expect(result.steps.map((s) => s.op)).toEqual(['remove_duplicates', 'rename_columns']);
    expect(fallback.inputs).toEqual([]);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests.map((r) => r.body.messages);
    // The repair request is the first conversation plus the bad answer and the catalogue's error for it.
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second[first.length]).toEqual({ role: 'assistant', content: JSON.stringify(UNKNOWN_COLUMN) });
    const repair = second[first.length + 1];
    expect(repair.role).toBe('user');
    expect(repair.content).toContain('Step 1 (remove_duplicates) subset[0]: column "emial" does not exist');
    expect(repair.content).toContain('Did you mean "email"?');
  });

  it('asks for a repair of an answer that is not JSON, and gives up on one that breaks the envelope', async () => {
    server.script(ok('{"steps": ['), ok({ ...VALID, steps: [STEP_DEDUPE], clarification: { question: 'Which?', reason: 'ambiguous', options: [] } }));
    const invalidTwice = await planner().planner.plan({ message: 'dedupe', profile: PEOPLE });
    expect(invalidTwice.planner).toBe('offline');
    expect(server.requests[1].body.messages.at(-1).content).toContain('the answer is not valid JSON');
    expect(invalidTwice.note).toContain('a clarifying question never comes with steps');
  });

  it('falls back to the offline planner with a note when the answer is invalid twice', async () => {
    server.script(ok(UNKNOWN_COLUMN));
    const { planner: p, fallback } = planner();
    const input = { message: 'remove duplicate emails', profile: PEOPLE };
    const result = await p.plan(input);
    expect(server.requests).toHaveLength(2);
    expect(fallback.inputs).toEqual([input]);
    expect(result).toMatchObject({ planner: 'offline', reply: 'offline reply', steps: [] });
    expect(result.note).toMatch(/^The OpenAI planner's answer was invalid twice \(Step 1 \(remove_duplicates\) subset\[0\]: column "emial" does not exist.*\); the offline planner answered instead\.$/);
  });

  it('falls back when the API does not answer in time, within the configured time', async () => {
    server.script({ ...ok(VALID), delayMs: 3000 });
    const { planner: p, fallback } = planner({ timeoutMs: 300, maxRetries: 2 });
    const started = Date.now();
    const result = await p.plan({ message: 'dedupe', profile: PEOPLE });
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ planner: 'offline', note: 'The OpenAI planner did not answer within 300 ms; the offline planner answered instead.' });
    expect(fallback.inputs).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2500);
    expect(server.requests).toHaveLength(1);
  });

  it('falls back on 429 after the SDK retried exactly maxRetries times', async () => {
    server.script(apiError(429, 'Rate limit reached', { 'retry-after-ms': '10' }));
    const result = await planner({ maxRetries: 1 }).planner.plan({ message: 'dedupe', profile: PEOPLE });
    expect(server.requests).toHaveLength(2);
    expect(result).toMatchObject({ planner: 'offline', note: 'The OpenAI API is rate limiting requests (HTTP 429); the offline planner answered instead.' });
  });

  it('falls back on 500 after the SDK retried exactly maxRetries times', async () => {
    server.script(apiError(500, 'The server had an error', { 'retry-after-ms': '10' }));
    const result = await planner({ maxRetries: 2 }).planner.plan({ message: 'dedupe', profile: PEOPLE });
    expect(server.requests).toHaveLength(3);
    expect(result.planner).toBe('offline');
    expect(result.note).toMatch(/^The OpenAI API failed \(HTTP 500: .*The server had an error\); the offline planner answered instead\.$/);
  });

  it('uses the answer that follows a retried 429', async () => {
    server.script(apiError(429, 'Rate limit reached', { 'retry-after-ms': '10' }), ok(VALID));
    const result = await planner({ maxRetries: 1 }).planner.plan({ message: 'dedupe', profile: PEOPLE });
    expect(server.requests).toHaveLength(2);
    expect(result).toMatchObject({ planner: 'openai', note: null });
  });

  it('does not wait out a long Retry-After past its deadline', async () => {
    server.script(apiError(429, 'Rate limit reached', { 'retry-after': '30' }));
    const started = Date.now();
    const result = await planner({ maxRetries: 1, timeoutMs: 400 }).planner.plan({ message: 'dedupe', profile: PEOPLE });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result.note).toBe('The OpenAI planner did not answer within 400 ms; the offline planner answered instead.');
  });

  it('falls back when the server cannot be reached, and when the model refuses', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v1`;
    const unreachable = await planner({ baseURL: closed }).planner.plan({ message: 'dedupe', profile: PEOPLE });
    expect(unreachable.note).toMatch(/^The OpenAI API could not be reached \(.+\); the offline planner answered instead\.$/);
    server.script({ body: completion(null, { refusal: 'I cannot help with that.' }) });
    const refused = await planner().planner.plan({ message: 'dedupe', profile: PEOPLE });
    expect(refused).toMatchObject({ planner: 'offline', note: 'The OpenAI model declined the request (I cannot help with that.); the offline planner answered instead.' });
  });

  it('rejects without falling back when the caller aborts', async () => {
    server.script({ ...ok(VALID), delayMs: 3000 });
    const { planner: p, fallback } = planner();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('client went away')), 100);
    await expect(p.plan({ message: 'dedupe', profile: PEOPLE }, { signal: controller.signal })).rejects.toThrow('client went away');
    expect(fallback.inputs).toEqual([]);
  });

  it('sends the profile with a few samples per column, the newest 10 turns and the version labels — never the rows', async () => {
    // 30 rows of distinct, unrelated tokens: only the profile's first samples may leave the service.
    const tokens = Array.from({ length: 30 }, (_, i) => crypto.createHash('sha1').update(`row ${i}`).digest('hex').slice(0, 20));
    const csv = `id,code,owner\n${tokens.map((t, i) => `${i + 1},${t},owner-${t.slice(0, 8)}`).join('\n')}\n`;
    const profile = profileOf(csv);
    const history = Array.from({ length: 12 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `turn ${i + 1}` }));
    server.script(ok({ steps: [], reply: 'Nothing to do.', clarification: null, confidence: 1 }));
    await planner().planner.plan({ message: 'what now?', profile, history, versionLabels: ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'] });
    const { raw, body } = server.requests[0];
    for (const name of ['id', 'code', 'owner']) expect(raw).toContain(`"name\\":\\"${name}\\"`);
    const samples = profile.columns.find((c) => c.name === 'code')!.sample_values;
    expect(samples).toHaveLength(5);
    for (const sample of samples) expect(raw).toContain(String(sample));
    const unsent = tokens.filter((t) => !samples.includes(t));
    expect(unsent).toHaveLength(25);
    for (const token of unsent) expect(raw).not.toContain(token.slice(0, 8));
    const data = JSON.parse(body.messages[0].content.split('The data (JSON):\n')[1]);
    expect(Object.keys(data.profile)).toEqual(['row_count', 'column_count', 'duplicate_row_count', 'columns', 'issues']);
    expect(data.profile.columns[1]).toEqual({ name: 'code', type: 'string', semantic_type: 'text', date_format: null, null_count: 0, unique_count: 30, sample_values: samples });
    expect(body.messages.map((m: any) => m.content).slice(1)).toEqual([...history.slice(2).map((t) => t.content), 'what now?']);
    expect(body.messages[1]).toEqual({ role: 'user', content: 'turn 3' });
    expect(data.version_labels).toEqual(['v2', 'v3', 'v4', 'v5', 'v6']);
  });
});
