import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../src/auth/index.js';
import { requestApply } from '../../src/commands/session/apply-plan.js';
import { databaseTargets } from '../support/databases.js';
import { fetchInject, type HttpAnswer, type Inject } from '../support/http-inject.js';
import { startProductionProcesses, type ProductionProcesses } from '../support/production-processes.js';
import { postgresUrl, redisUrl } from '../support/services.js';
import { createTestApp, multipart, type TestApp } from '../support/test-service.js';

/**
 * Issue 4's acceptance: two applies sent at the same time on one session. Exactly one runs; the other is told
 * (409 VERSION_CONFLICT naming the running task, or — when the first had already finished and emptied the plan —
 * INVALID_PLAN "No transformations to apply"); never two children of one stale version (API.md §1 "One apply at a
 * time"). The requests are real HTTP requests to listening servers, sent together with Promise.all, several rounds.
 */
const ROUNDS = 3;

/** Enough rows that an apply takes a noticeable moment, so the second request arrives while the first runs. */
function csv(rows: number): string {
  const lines = ['id,name,amount'];
  for (let i = 0; i < rows; i++) lines.push(`${i},  person ${i % 97} ,${(i * 37) % 1000}`);
  return `${lines.join('\n')}\n`;
}

interface Outcome {
  conflicts: number;
  emptied: number;
}

async function json(inject: Inject, method: 'GET' | 'POST', url: string, payload?: object, status = 200) {
  const response = await inject({ method, url: `/api/v1${url}`, payload });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response.json();
}

async function sessionWithData(inject: Inject): Promise<{ id: string; root: string }> {
  const id: string = (await json(inject, 'POST', '/sessions')).session_id;
  const form = multipart('amounts.csv', csv(2000));
  const uploaded = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
  expect(uploaded.statusCode, uploaded.body).toBe(200);
  return { id, root: uploaded.json().node_id };
}

/**
 * ROUNDS rounds on one session: a step is planned, then two applies go out at once (through `clients[0]` and
 * `clients[1]`, which may be different servers). Afterwards the versions must form one chain: each apply's node is
 * the child of the version that was current before it.
 */
async function raceApplies(clients: [Inject, Inject]): Promise<Outcome> {
  const [a] = clients;
  const { id, root } = await sessionWithData(a);
  const outcome: Outcome = { conflicts: 0, emptied: 0 };
  const chain = [root];
  for (let round = 1; round <= ROUNDS; round++) {
    await json(a, 'POST', `/sessions/${id}/plan/steps`, { steps: [{ op: 'sort_rows', params: { columns: ['amount'], ascending: round % 2 === 0 } }] });
    const answers: HttpAnswer[] = await Promise.all(clients.map((inject) => inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=60`, payload: {} })));
    const winners = answers.filter((r) => r.statusCode === 200 && r.json().success === true);
    const losers = answers.filter((r) => !(r.statusCode === 200 && r.json().success === true));
    expect(winners, answers.map((r) => `${r.statusCode} ${r.body}`).join('\n')).toHaveLength(1);
    const won = winners[0].json();
    expect(won).toMatchObject({ status: 'SUCCESS', transformations_applied: 1 });
    const lost = losers[0].json();
    if (losers[0].statusCode === 409) {
      expect(lost).toMatchObject({ code: 'VERSION_CONFLICT', details: { task_id: won.task_id } });
      outcome.conflicts++;
    } else {
      // The loser was decided after the winner had finished: it saw the new version and an empty plan.
      expect(losers[0].statusCode, losers[0].body).toBe(422);
      expect(lost).toMatchObject({ code: 'INVALID_PLAN', detail: 'No transformations to apply. Add some changes first!' });
      outcome.emptied++;
    }
    const node = await json(a, 'GET', `/sessions/${id}/nodes/${won.node_id}`);
    expect(node.parent_id).toBe(chain.at(-1));
    chain.push(won.node_id);
  }
  const nodes = await json(a, 'GET', `/sessions/${id}/nodes`);
  expect(nodes.map((n: { id: string; parent_id: string | null }) => [n.id, n.parent_id])).toEqual(chain.map((nodeId, i) => [nodeId, i === 0 ? null : chain[i - 1]]));
  const applied = await json(a, 'GET', `/sessions/${id}/events?types=PlanApplyRequested,TransformationApplied`);
  expect(applied.events.filter((e: { type: string }) => e.type === 'PlanApplyRequested')).toHaveLength(ROUNDS);
  expect(applied.events.filter((e: { type: string }) => e.type === 'TransformationApplied')).toHaveLength(ROUNDS);
  const tasks = await json(a, 'GET', `/sessions/${id}/tasks?limit=100`);
  expect(tasks.total).toBe(ROUNDS);
  return outcome;
}

const targets = await databaseTargets();

describe.each(targets)('two concurrent applies over real HTTP, one server on $name with the in-process queue', (target) => {
  let api: TestApp;
  let cleanup: () => Promise<void>;
  let origin: string;
  beforeAll(async () => {
    const t = await target.create();
    api = await createTestApp(t);
    cleanup = t.cleanup;
    origin = await api.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await api?.close();
    await cleanup?.();
  });

  it(`lets exactly one of two simultaneous applies run, ${ROUNDS} rounds in a row`, async () => {
    const client = fetchInject(origin);
    const outcome = await raceApplies([client, client]);
    expect(outcome.conflicts + outcome.emptied).toBe(ROUNDS);
  });

  it('refuses an apply whose state changed while it was being prepared (another apply finished meanwhile)', async () => {
    const client = fetchInject(origin);
    const { id, root } = await sessionWithData(client);
    await json(client, 'POST', `/sessions/${id}/plan/steps`, { steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }] });
    // B reads the session, then stalls on reading the base version's data; meanwhile A applies the whole plan.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const stalled = new Promise<void>((resolve) => (reached = resolve));
    const slowBlobs = { ...api.service.blobs, get: async (key: string) => (reached(), await gate, api.service.blobs.get(key)) };
    const context = { now: new Date(), metadata: { actor: LOCAL_USER, request_id: null, correlation_id: null, causation_id: null } };
    const b = requestApply({ ...api.service, blobs: slowBlobs }, { sessionId: id, actor: LOCAL_USER, mode: 'all', confirmed: false }, context).then(
      (decision) => ({ decision, error: null }),
      (error: unknown) => ({ decision: null, error }),
    );
    await stalled;
    const a = await json(client, 'POST', `/sessions/${id}/plan/apply?wait=60`, {});
    expect(a).toMatchObject({ success: true, status: 'SUCCESS' });
    release();
    const late = await b;
    if (late.decision?.status === 'queued') {
      // Let a wrongly queued apply run to its end, to show what it does to the tree.
      const task = late.decision.taskId;
      for (let i = 0; i < 200 && ['PENDING', 'STARTED', 'PROGRESS'].includes((await json(client, 'GET', `/tasks/${task}`)).status); i++) await new Promise((r) => setTimeout(r, 50));
    }
    // The tree holds one child of the root, and B, decided on a version that is no longer current and a plan that
    // is no longer open, was refused.
    const nodes = await json(client, 'GET', `/sessions/${id}/nodes`);
    expect(nodes.map((n: { parent_id: string | null }) => n.parent_id)).toEqual([null, root]);
    expect(late.decision).toBeNull();
    expect(late.error).toMatchObject({ code: 'VERSION_CONFLICT' });
  });
});

const pgUrl = await postgresUrl();
const redis = await redisUrl();

describe.runIf(pgUrl && redis)('two concurrent applies through two `modulardata serve` processes (Postgres + BullMQ, separate worker)', () => {
  let processes: ProductionProcesses;
  beforeAll(async () => {
    processes = await startProductionProcesses(pgUrl!, redis!, { servers: 2 });
  }, 120_000);
  afterAll(async () => {
    await processes?.stop();
  });

  it(`lets exactly one of two simultaneous applies sent to different servers run, ${ROUNDS} rounds in a row`, async () => {
    const outcome = await raceApplies([fetchInject(processes.origins[0]), fetchInject(processes.origins[1])]);
    expect(outcome.conflicts + outcome.emptied).toBe(ROUNDS);
  });
});
