import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/engine/csv/index.js';
import { columnNames } from '../../src/engine/table.js';
import { toRecords, type JsonRecord } from '../../src/engine/index.js';
import { createPgliteTestDatabase } from '../support/databases.js';
import { fetchInject, type Inject } from '../support/http-inject.js';
import { startProductionProcesses, type ProductionProcesses } from '../support/production-processes.js';
import { postgresUrl, redisUrl } from '../support/services.js';
import { multipart, SAMPLES_DIR, useTestApp } from '../support/test-service.js';

/**
 * Issue 4's acceptance journey on each shipped sample: upload → chat (offline planner) → the plan shows the steps →
 * apply (confirmed when the risk check asks) → task SUCCESS → a new node with the expected rows → undo → redo →
 * rollback to the root → the same request applied again (a branch) → the history shows the root with two children.
 * The expected rows are worked out here, in plain JavaScript over the sample as the engine's reader reads it, never
 * taken from the service's answers.
 */
interface Journey {
  file: string;
  /** What a person would type about this file's real problems. */
  message: string;
  /** The steps the offline planner must propose, in order. */
  ops: string[];
  /** Whether the risk check must ask for confirmation first. */
  risky: boolean;
  /** The sample's id column, to compare rows by. */
  key: string;
  /** The result the message asks for, computed independently from the original rows. */
  expected(rows: JsonRecord[], columns: string[]): { rows: JsonRecord[]; columns: string[] };
  /** Columns whose values must equal the expectation (the ones the steps change). */
  compare: string[];
}

const distinct = (rows: JsonRecord[]) => {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(JSON.stringify(r)) && seen.add(JSON.stringify(r)));
};
const trimmed = (rows: JsonRecord[], column: string) => rows.map((r) => ({ ...r, [column]: typeof r[column] === 'string' ? (r[column] as string).trim() : r[column] }));

const JOURNEYS: Journey[] = [
  {
    file: 'dirty_customer_list.csv',
    message: 'remove duplicate rows and trim whitespace in full_name',
    ops: ['remove_duplicates', 'trim_whitespace'],
    risky: false,
    key: 'customer_id',
    expected: (rows, columns) => ({ rows: trimmed(distinct(rows), 'full_name'), columns }),
    compare: ['full_name', 'email_address'],
  },
  {
    file: 'messy_marketing_leads.csv',
    message: 'Remove duplicate rows and trim whitespace in first name',
    ops: ['remove_duplicates', 'trim_whitespace'],
    risky: false,
    key: 'lead_id',
    expected: (rows, columns) => ({ rows: trimmed(distinct(rows), 'first_name'), columns }),
    compare: ['first_name', 'last_name'],
  },
  {
    // Keeps 3 of 12 rows: the risk check asks first.
    file: 'sales_data_raw.csv',
    message: 'remove duplicates and keep only rows where region is north',
    ops: ['remove_duplicates', 'filter_rows'],
    risky: true,
    key: 'order_id',
    expected: (rows, columns) => ({ rows: distinct(rows).filter((r) => typeof r.region === 'string' && r.region.toLowerCase() === 'north'), columns }),
    compare: ['region', 'salesperson'],
  },
  {
    // Drops a column: the risk check asks first.
    file: 'survey_responses.csv',
    message: 'remove rows where email is blank and drop the feedback column',
    ops: ['filter_rows', 'remove_columns'],
    risky: true,
    key: 'response_id',
    expected: (rows, columns) => ({
      rows: rows.filter((r) => r.email !== null).map(({ feedback: _dropped, ...rest }) => rest),
      columns: columns.filter((c) => c !== 'feedback'),
    }),
    compare: ['email', 'respondent_name'],
  },
];

function expectationFor(journey: Journey) {
  const { table } = readCsv(new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, journey.file))));
  const rows = toRecords(table);
  return { original: rows, ...journey.expected(rows, columnNames(table)) };
}

async function runJourney(inject: Inject, journey: Journey) {
  const want = expectationFor(journey);
  // The expectation must describe a real change, or the journey would prove nothing.
  expect(want.rows.length !== want.original.length || journey.compare.some((c) => want.rows.some((r, i) => r[c] !== want.original[i]?.[c]))).toBe(true);

  const call = async (method: 'GET' | 'POST', url: string, payload?: object, status = 200) => {
    const response = await inject({ method, url: `/api/v1${url}`, payload });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
    return response.json();
  };
  const id: string = (await call('POST', '/sessions')).session_id;
  const s = `/sessions/${id}`;
  const form = multipart(journey.file, fs.readFileSync(path.join(SAMPLES_DIR, journey.file)));
  const uploaded = await inject({ method: 'POST', url: `/api/v1${s}/upload`, payload: form.payload, headers: form.headers });
  expect(uploaded.statusCode, uploaded.body).toBe(200);
  const root: string = uploaded.json().node_id;
  expect(uploaded.json().profile.row_count).toBe(want.original.length);

  const nodeData = async (nodeId: string) => call('GET', `${s}/nodes/${nodeId}/data?format=json&limit=10000`);
  const current = async () => (await call('GET', s)).current_node_id as string;

  async function chatAndApply() {
    const chat = await call('POST', `${s}/chat`, { message: journey.message });
    expect(chat.clarification).toBeNull();
    expect(chat.planner).toBe('offline');
    expect(chat.steps_added).toEqual(journey.ops.map((_, i) => i + 1));
    expect(typeof chat.assistant_response).toBe('string');
    const plan = await call('GET', `${s}/plan`);
    expect(plan).toMatchObject({ status: 'planning', step_count: journey.ops.length, task_id: null });
    expect(plan.steps.map((step: { step_number: number; transformation_type: string; source: string }) => [step.step_number, step.transformation_type, step.source])).toEqual(
      journey.ops.map((op, i) => [i + 1, op, 'chat']),
    );
    for (const step of plan.steps) expect(step.explanation.length).toBeGreaterThan(0);

    const before = await current();
    const logBefore = (await call('GET', `${s}/events`)).total;
    const dataBefore = (await inject({ method: 'GET', url: `/api/v1${s}/data` })).body;
    let applied = await call('POST', `${s}/plan/apply?wait=60`, {});
    if (journey.risky) {
      expect(applied).toMatchObject({ success: false, requires_confirmation: true, code: 'RISK_CONFIRMATION_REQUIRED', is_risky: true, task_id: null });
      expect(applied.risk_reasons.length).toBeGreaterThan(0);
      expect(applied.risk_preview).toMatchObject({ rows_before: want.original.length, rows_after: want.rows.length });
      // Nothing changed: nothing appended to the log, same current node and data, same plan, no task.
      expect((await call('GET', `${s}/events`)).total).toBe(logBefore);
      expect(await current()).toBe(before);
      expect((await inject({ method: 'GET', url: `/api/v1${s}/data` })).body).toBe(dataBefore);
      expect((await call('GET', `${s}/plan`)).step_count).toBe(journey.ops.length);
      expect((await call('GET', `${s}/tasks`)).tasks.filter((t: { status: string }) => t.status !== 'SUCCESS')).toEqual([]);
      applied = await call('POST', `${s}/plan/apply?wait=60`, { confirmed: true });
    } else {
      expect(applied.requires_confirmation).toBe(false);
    }
    expect(applied, JSON.stringify(applied)).toMatchObject({ success: true, status: 'SUCCESS', code: null, rows_before: want.original.length, rows_after: want.rows.length, steps_applied: journey.ops.map((_, i) => i + 1) });
    const task = await call('GET', `/tasks/${applied.task_id}`);
    expect(task).toMatchObject({ status: 'SUCCESS', progress: 100, kind: 'plan_apply', session_id: id });
    expect(task.result).toMatchObject({ node_id: applied.node_id, rows_after: want.rows.length });
    expect((await call('GET', `${s}/plan`)).step_count).toBe(0);

    const node = await call('GET', `${s}/nodes/${applied.node_id}`);
    expect(node).toMatchObject({ parent_id: before, row_count: want.rows.length, column_count: want.columns.length, is_current: true, kind: 'transform' });
    expect(node.steps.map((step: { op: string }) => step.op)).toEqual(journey.ops);
    const data = await nodeData(applied.node_id);
    expect(data.total_rows).toBe(want.rows.length);
    expect(Object.keys(data.data[0])).toEqual(want.columns);
    expect(data.data.map((r: JsonRecord) => r[journey.key])).toEqual(want.rows.map((r) => r[journey.key]));
    for (const column of journey.compare) expect(data.data.map((r: JsonRecord) => r[column]), column).toEqual(want.rows.map((r) => r[column]));
    return node as { id: string; content_hash: string };
  }

  const first = await chatAndApply();
  expect(first.id).not.toBe(root);

  expect(await call('POST', `${s}/undo`)).toMatchObject({ success: true, previous_node_id: first.id, current_node_id: root });
  expect((await call('GET', `${s}/preview`)).row_count).toBe(want.original.length);
  expect(await call('POST', `${s}/redo`)).toMatchObject({ success: true, previous_node_id: root, current_node_id: first.id });
  expect((await call('GET', `${s}/preview`)).row_count).toBe(want.rows.length);
  expect(await call('POST', `${s}/rollback`, { target_node_id: root })).toMatchObject({ success: true, previous_node_id: first.id, current_node_id: root });
  expect(await current()).toBe(root);

  // The same request from the root again: a second child (a branch), with the same bytes (determinism).
  const second = await chatAndApply();
  expect(second.id).not.toBe(first.id);
  expect(second.content_hash).toBe(first.content_hash);

  const history = await call('GET', `${s}/history`);
  expect(history).toMatchObject({ session_id: id, current_node_id: second.id, total_nodes: 3 });
  expect(history.nodes.map((n: { id: string; parent_id: string | null; row_count: number; is_current: boolean }) => [n.id, n.parent_id, n.row_count, n.is_current])).toEqual([
    [root, null, want.original.length, false],
    [first.id, root, want.rows.length, false],
    [second.id, root, want.rows.length, true],
  ]);
  // One user message per chat and the assistant's replies were recorded along the way.
  const said = history.messages.filter((m: { role: string; content: string }) => m.role === 'user').map((m: { content: string }) => m.content);
  expect(said).toEqual([journey.message, journey.message]);
}

describe('sample journeys on PGlite with the in-process queue', () => {
  const ctx = useTestApp({ create: () => createPgliteTestDatabase() });
  for (const journey of JOURNEYS) {
    it(`${journey.file}: "${journey.message}"`, async () => {
      await runJourney(ctx.inject, journey);
    });
  }
});

const pgUrl = await postgresUrl();
const redis = await redisUrl();

describe.runIf(pgUrl && redis)('sample journeys on Postgres + BullMQ with `modulardata serve` and a separate `modulardata worker`', () => {
  let processes: ProductionProcesses;
  beforeAll(async () => {
    processes = await startProductionProcesses(pgUrl!, redis!);
  }, 120_000);
  afterAll(async () => {
    await processes?.stop();
  });
  for (const journey of JOURNEYS) {
    it(`${journey.file}: "${journey.message}"`, async () => {
      await runJourney(fetchInject(processes.origin), journey);
    });
  }
});
