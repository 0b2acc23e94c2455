import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { mulberry32 } from '../../src/engine/values/random.js';
import { multipart } from './test-service.js';

/**
 * A seeded, randomized workload for the audit acceptance tests and the replay/rebuild bench: many sessions driven
 * through the HTTP API (fastify.inject) — uploads with varied reading options, plan steps added with POST /plan/steps
 * and applied (one node or one per step), undo/redo/rollback, branches (an apply after moving back), discards,
 * renames, attached tables with joins, re-uploads (new roots), cleared plans, module deploys and runs, and archived
 * sessions. Each session's script comes from its own generator (seed + index), so the same seed gives the same
 * operations whatever the concurrency. Live snapshots of the read endpoints are taken at chosen points, with the session's log position.
 */
export interface WorkloadOptions {
  sessions: number;
  seed: number;
  /** Sessions driven at the same time. */
  concurrency: number;
  /** How many live snapshots to take (at random points of random sessions). */
  snapshots: number;
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** The session stream's last global position and its time (read from the log right after a command). */
  lastEvent: (sessionId: string) => Promise<{ position: number; recorded_at: Date }>;
}

export interface Snapshot {
  sessionId: string;
  position: number;
  recordedAt: Date;
  /** url (without as_of) → status and body as answered live. */
  reads: { url: string; status: number; body: unknown }[];
}

export interface WorkloadResult {
  sessionIds: string[];
  requests: number;
  applies: number;
  actions: Record<string, number>;
  snapshots: Snapshot[];
  duration_ms: number;
}

/** The reads whose past answers time travel must reproduce (API.md §13). */
export const TIME_TRAVEL_READS = (id: string) => [
  `/api/v1/sessions/${id}`,
  `/api/v1/sessions/${id}/history`,
  `/api/v1/sessions/${id}/history?include_discarded=true&message_limit=3`,
  `/api/v1/sessions/${id}/nodes?include_discarded=true`,
  `/api/v1/sessions/${id}/plan`,
  `/api/v1/sessions/${id}/profile`,
  `/api/v1/sessions/${id}/preview?rows=4`,
  `/api/v1/sessions/${id}/data?format=json`,
  `/api/v1/sessions/${id}/data`,
];

type Rand = () => number;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

const NAMES = ['  Ann ', 'bob', 'CY', 'dee  ', 'Eve', ' fay', 'Gus', 'hal', 'Ivy ', 'jo'];
const CITIES = ['Oslo', 'Rome', 'Lima', 'Kyiv', 'Pune'];

/** A small CSV: id, name (untidy), score, city — with duplicates now and then, and a chosen delimiter. */
function generateCsv(rand: Rand, delimiter: string): string {
  const rows = int(rand, 4, 12);
  const lines = [['id', 'name', 'score', 'city'].join(delimiter)];
  for (let i = 1; i <= rows; i++) {
    const line = [String(i), pick(rand, NAMES), String(int(rand, 0, 100)), pick(rand, CITIES)].join(delimiter);
    lines.push(line);
    if (rand() < 0.15) lines.push(line);
  }
  return lines.join('\n') + '\n';
}

const REGIONS = 'city,region\nOslo,North\nRome,South\nLima,West\nKyiv,East\n';

interface SessionModel {
  id: string;
  nodes: string[];
  joined: boolean;
  attached: boolean;
  counter: number;
  deployed: boolean;
}

/** A step valid on every version of the session (base columns are never removed; new columns get fresh names). */
function randomStep(rand: Rand, s: SessionModel): { op: string; params: Record<string, unknown> } {
  const kinds = ['trim', 'case', 'sort', 'filter', 'head', 'sample', 'shuffle', 'dedupe', 'uuid', 'math'];
  if (s.attached && !s.joined) kinds.push('join', 'join');
  const kind = pick(rand, kinds);
  s.counter += 1;
  switch (kind) {
    case 'trim':
      return { op: 'trim_whitespace', params: { columns: ['name'] } };
    case 'case':
      return { op: 'change_text_casing', params: { column: 'name', case: pick(rand, ['lower', 'upper', 'title']) } };
    case 'sort':
      return { op: 'sort_rows', params: { columns: pick(rand, [['score'], ['city', 'id'], ['name']]), ascending: rand() < 0.5 } };
    case 'filter':
      return { op: 'filter_rows', params: { conditions: [{ column: 'score', operator: pick(rand, ['gt', 'lt']), value: int(rand, 10, 90) }], keep: rand() < 0.7 } };
    case 'head':
      return { op: 'head_rows', params: { n: int(rand, 2, 10) } };
    case 'sample':
      return { op: 'sample_rows', params: { n: int(rand, 1, 6), seed: int(rand, 0, 2 ** 31) } };
    case 'shuffle':
      return { op: 'shuffle_rows', params: { seed: int(rand, 0, 2 ** 31) } };
    case 'dedupe':
      return { op: 'remove_duplicates', params: pick(rand, [{}, { subset: ['city'] }]) };
    case 'uuid':
      return { op: 'generate_uuid', params: { new_column: `uid_${s.counter}`, seed: int(rand, 0, 2 ** 31) } };
    case 'math':
      return { op: 'math_operation', params: { new_column: `m_${s.counter}`, operation: pick(rand, ['multiply', 'add']), column1: 'score', value: int(rand, 1, 9) } };
    default:
      s.joined = true;
      return { op: 'join_tables', params: { right_table: 'regions', left_on: 'city', right_on: 'city', how: pick(rand, ['left', 'inner']) } };
  }
}

const ACTIONS = [
  ['apply', 8],
  ['undo', 3],
  ['redo', 1.5],
  ['rollback', 1.5],
  ['reupload', 1],
  ['attach', 0.7],
  ['discard', 0.7],
  ['rename', 0.5],
  ['queue', 0.7],
  ['clear', 0.3],
  ['run', 1.2],
] as const;

function pickAction(rand: Rand): string {
  const total = ACTIONS.reduce((n, [, w]) => n + w, 0);
  let x = rand() * total;
  for (const [name, weight] of ACTIONS) if ((x -= weight) < 0) return name;
  return 'apply';
}

export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const started = performance.now();
  const master = mulberry32(options.seed);
  // Snapshot points: a session, and after how many of its actions (0 = right after the upload, -1 = before it).
  const points = new Map<number, Set<number>>();
  while ([...points.values()].reduce((n, s) => n + s.size, 0) < Math.min(options.snapshots, options.sessions * 3)) {
    const session = int(master, 0, options.sessions - 1);
    const set = points.get(session) ?? new Set<number>();
    // Every session with data runs at least 2 actions, so these points are always reached.
    set.add(int(master, -1, 2));
    points.set(session, set);
  }
  const result: WorkloadResult = { sessionIds: [], requests: 0, applies: 0, actions: {}, snapshots: [], duration_ms: 0 };
  const count = (name: string) => (result.actions[name] = (result.actions[name] ?? 0) + 1);

  async function call(method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>) {
    result.requests += 1;
    const response = await options.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
    if (response.statusCode >= 500) throw new Error(`${method} ${url} → ${response.statusCode}: ${response.body}`);
    return response;
  }

  async function snapshot(id: string) {
    const last = await options.lastEvent(id);
    const reads = [];
    for (const url of TIME_TRAVEL_READS(id)) {
      const response = await call('GET', url);
      reads.push({ url, status: response.statusCode, body: response.headers['content-type']?.toString().startsWith('text/csv') ? response.body : response.json() });
    }
    result.snapshots.push({ sessionId: id, position: last.position, recordedAt: last.recorded_at, reads });
  }

  async function upload(s: SessionModel, rand: Rand, url = 'upload') {
    const delimiter = rand() < 0.2 ? ';' : ',';
    // Some uploads name their delimiter, most leave it to detection (the recorded reading options differ).
    const fields: Record<string, string> = rand() < 0.3 && url === 'upload' ? { delimiter } : {};
    const csv = url === 'tables' ? REGIONS : generateCsv(rand, delimiter);
    const form = multipart(url === 'tables' ? 'regions.csv' : `f${s.counter}.csv`, csv, fields);
    const response = await call('POST', `/api/v1/sessions/${s.id}/${url}`, form.payload, form.headers);
    if (response.statusCode !== 200) throw new Error(`upload failed: ${response.body}`);
    if (url === 'upload') s.nodes.push(response.json().node_id);
  }

  async function runSession(index: number) {
    const rand = mulberry32((options.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    const wanted = points.get(index) ?? new Set<number>();
    const created = await call('POST', '/api/v1/sessions', rand() < 0.5 ? { name: `session ${index}` } : {});
    const s: SessionModel = { id: created.json().session_id, nodes: [], joined: false, attached: false, counter: 0, deployed: false };
    result.sessionIds.push(s.id);
    if (wanted.has(-1)) await snapshot(s.id);
    if (rand() < 0.03) {
      // A session that never gets data: its reads answer NO_DATA, at any point.
      if ([...wanted].some((p) => p >= 0)) await snapshot(s.id);
      return;
    }
    await upload(s, rand);
    if (wanted.has(0)) await snapshot(s.id);
    const actions = int(rand, 2, 5);
    for (let a = 1; a <= actions; a++) {
      const action = pickAction(rand);
      count(action);
      const base = `/api/v1/sessions/${s.id}`;
      switch (action) {
        case 'apply': {
          const steps = Array.from({ length: int(rand, 1, 3) }, () => randomStep(rand, s));
          const added = await call('POST', `${base}/plan/steps`, { steps });
          if (added.statusCode !== 200) throw new Error(`steps refused: ${added.body}`);
          const mode = rand() < 0.3 ? 'one_by_one' : 'all';
          const applied = await call('POST', `${base}/plan/apply?wait=60`, { mode, confirmed: true });
          let body = applied.json();
          // A slow machine may answer 202 first: follow the task like a client would, then read the final answer.
          for (const deadline = Date.now() + 600_000; body.status !== 'SUCCESS' && body.status !== 'FAILURE' && Date.now() < deadline; ) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            const task = (await call('GET', `/api/v1/tasks/${body.task_id}`)).json();
            if (task.status === 'SUCCESS' || task.status === 'FAILURE') body = { ...task, ...task.result, task_id: body.task_id };
          }
          if (body.status !== 'SUCCESS') throw new Error(`apply did not succeed: ${JSON.stringify(body)}`);
          result.applies += 1;
          s.nodes.push(...body.node_ids);
          break;
        }
        case 'queue':
          await call('POST', `${base}/plan/steps`, { steps: [randomStep(rand, s)] });
          break;
        case 'clear':
          await call('POST', `${base}/plan/clear`);
          break;
        case 'undo':
          await call('POST', `${base}/undo`);
          break;
        case 'redo':
          await call('POST', `${base}/redo`);
          break;
        case 'rollback':
          await call('POST', `${base}/rollback`, { target_node_id: pick(rand, s.nodes) });
          break;
        case 'reupload':
          await upload(s, rand);
          break;
        case 'attach':
          if (!s.attached) {
            await upload(s, rand, 'tables');
            s.attached = true;
          }
          break;
        case 'discard': {
          const current = (await call('GET', base)).json().current_node_id;
          await call('DELETE', `${base}/nodes/${current}`);
          break;
        }
        case 'run': {
          // Deploy the current version (again, now and then: a new module version), then run a new file through it.
          if (!s.deployed || rand() < 0.3) {
            const deployed = await call('POST', `${base}/deploy`);
            if (deployed.statusCode !== 200) throw new Error(`deploy failed: ${deployed.body}`);
            s.deployed = true;
            count('deploy');
          }
          const csv = generateCsv(rand, ',').replace(/^id,name,/, rand() < 0.5 ? 'id,Name,' : 'id,name,');
          const form = multipart(`run${a}.csv`, csv);
          const response = await call('POST', `${base}/run?force=true&wait=60`, form.payload, form.headers);
          let run = response.json();
          for (const deadline = Date.now() + 600_000; run.status === 'running' && Date.now() < deadline; ) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            run = (await call('GET', `${base}/runs/${run.run_id}`)).json();
          }
          if (!['success', 'warning_confirmed', 'failed'].includes(run.status)) throw new Error(`run did not finish: ${JSON.stringify(run)}`);
          count(`run_${run.status}`);
          break;
        }
        case 'rename':
          if (rand() < 0.5) await call('PATCH', base, { name: `renamed ${index}.${a}` });
          else await call('PATCH', `${base}/nodes/${pick(rand, s.nodes)}`, { name: `version ${a}` });
          break;
      }
      if (wanted.has(a)) await snapshot(s.id);
    }
    if (rand() < 0.05) {
      count('archive');
      await call('DELETE', `/api/v1/sessions/${s.id}`);
    }
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, options.sessions) }, async () => {
      while (next < options.sessions) await runSession(next++);
    }),
  );
  result.duration_ms = Math.round(performance.now() - started);
  return result;
}
