import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/commands/decider.js';
import { moduleDecider, type ModuleCommand } from '../../src/commands/module/module-decider.js';
import { sessionDecider } from '../../src/commands/session/session-decider.js';
import { profileTable, readCsv } from '../../src/engine/index.js';
import { recordedReadOptions } from '../../src/events/catalogue/shared.js';
import type { DomainEvent, EventData } from '../../src/events/index.js';

/** given past events, when a module command, then these events (or this error) — no I/O. */
function given(...past: DomainEvent[]) {
  const state = fold(moduleDecider, past);
  return { when: (command: ModuleCommand) => () => moduleDecider.decide(command, state) };
}

const owner = randomUUID();
const sessionId = randomUUID();
const root = randomUUID();
const child = randomUUID();
const task = randomUUID();
const step = randomUUID();
const read = readCsv(new TextEncoder().encode('email,amount\na@x.io,1\nb@y.io,2\n'));
const created: DomainEvent = { type: 'SessionCreated', data: { session_id: sessionId, owner_id: owner, plan_id: randomUUID(), name: null, metadata: {} } };
const uploaded: DomainEvent = {
  type: 'FileUploaded',
  data: {
    node_id: root,
    filename: 'a.csv',
    size_bytes: 10,
    original_hash: 'sha256:a',
    original_key: 'sha256/a',
    content_hash: 'sha256:b',
    storage_key: 'sha256/b',
    row_count: 2,
    column_count: 2,
    columns: [{ name: 'email', type: 'string' }, { name: 'amount', type: 'integer' }],
    profile: profileTable(read.table, read.ingest) as never,
    ingest: {},
    read_options: recordedReadOptions({}),
    previous_root_node_id: null,
    engine_version: 'test',
  },
};
const table = { id: randomUUID(), name: 'rates', hash: 'sha256:c', storage_key: 'sha256/c' };
const requested: DomainEvent = {
  type: 'PlanApplyRequested',
  data: { task_id: task, plan_id: randomUUID(), base_node_id: root, mode: 'all', steps: [{ step_id: step, op: 'trim_whitespace', params: { columns: ['email'] } }], remaining_order: [], reference_time: '2026-01-01T00:00:00.000Z', tables: [table], confirmed: false },
};
const applied: DomainEvent = {
  type: 'TransformationApplied',
  data: {
    task_id: task,
    nodes: [{ node_id: child, parent_id: root, steps: [{ step_id: step, op: 'trim_whitespace', params: { columns: ['email'] } }], transformation: 't', transformation_code: '', content_hash: 'sha256:d', storage_key: 'sha256/d', row_count: 2, column_count: 2, columns: [], profile: {}, step_stats: [], checks: {} }],
    remaining_order: [],
    engine_version: 'test',
    rows_before: 2,
    rows_after: 2,
    duration_ms: 1,
  },
};
const deploy: ModuleCommand = { type: 'DeployModule', actor: owner, sessionId, deployedAt: '2026-01-02T00:00:00.000Z' };
const deployed = (): DomainEvent => given(created, uploaded, requested, applied).when(deploy)()[0];

function runRequest(level: 'HIGH' | 'MEDIUM' | 'LOW' | 'NO_MATCH', score: number, force = false, moduleVersion = 1): Omit<EventData<'ModuleRunRequested'>, 'task_id'> {
  return {
    run_id: randomUUID(),
    module_version: moduleVersion,
    force,
    reference_time: '2026-02-01T00:00:00.000Z',
    input: { filename: 'b.csv', size_bytes: 5, original_hash: 'sha256:e', original_key: 'sha256/e', content_hash: 'sha256:f', storage_key: 'sha256/f', row_count: 2, column_count: 2, columns: [{ name: 'mail', type: 'string' }, { name: 'x', type: 'string' }], ingest: {} },
    confidence_score: score,
    confidence_level: level,
    column_mappings: [{ incoming_name: 'mail', contract_name: 'email' }],
    discrepancies: [],
    timings: { schema_match_ms: 2, upload_ms: 1 },
  };
}
const run = (request: ReturnType<typeof runRequest>): ModuleCommand => ({ type: 'RequestRun', actor: owner, sessionId, taskId: randomUUID(), request });

describe('module decider', () => {
  it('deploys the chain root → current node as version k with the root profile’s contract', () => {
    expect(given(created).when(deploy)).toThrowError(expect.objectContaining({ code: 'NO_DATA', message: 'Module has no data. Upload data before deploying.' }));
    const event = deployed();
    expect(event).toMatchObject({
      type: 'ModuleDeployed',
      data: {
        module_version: 1,
        deployed_node_id: child,
        root_node_id: root,
        steps: [{ step_number: 1, node_id: child, step_id: step, op: 'trim_whitespace', params: { columns: ['email'] }, reference_time: '2026-01-01T00:00:00.000Z' }],
        tables: [table],
        contract: { version: '1.0', created_at: '2026-01-02T00:00:00.000Z', required_column_count: 2 },
      },
    });
    const again = given(created, uploaded, requested, applied, event).when(deploy)()[0];
    expect(again).toMatchObject({ type: 'ModuleDeployed', data: { module_version: 2 } });
    expect(given(created, uploaded, requested, applied).when({ type: 'UndeployModule', actor: owner, sessionId })).toThrowError(expect.objectContaining({ code: 'MODULE_NOT_DEPLOYED' }));
    expect(given(created, uploaded, requested, applied, event).when({ type: 'UndeployModule', actor: owner, sessionId })()).toEqual([{ type: 'ModuleUndeployed', data: { module_version: 1 } }]);
    expect(given(created, uploaded, requested, applied, event).when({ ...deploy, actor: randomUUID() })).toThrowError(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
  });

  it('gates runs: HIGH is queued, MEDIUM waits unless forced, LOW and NO_MATCH are refused with the missing columns', () => {
    const past = [created, uploaded, requested, applied, deployed()];
    const high = given(...past).when(run(runRequest('HIGH', 92)))();
    expect(high.map((e) => e.type)).toEqual(['ModuleRunRequested']);
    expect((high[0].data as { task_id: string | null }).task_id).not.toBeNull();
    const medium = given(...past).when(run(runRequest('MEDIUM', 71)))();
    expect(medium.map((e) => e.type)).toEqual(['ModuleRunRequested', 'ModuleRunAwaitingConfirmation']);
    expect((medium[0].data as { task_id: string | null }).task_id).toBeNull();
    expect(given(...past).when(run(runRequest('MEDIUM', 71, true)))().map((e) => e.type)).toEqual(['ModuleRunRequested']);
    const low = given(...past).when(run(runRequest('LOW', 50, true)))();
    expect(low.map((e) => e.type)).toEqual(['ModuleRunRequested', 'ModuleRunFailed']);
    expect(low[1].data).toMatchObject({ code: 'SCHEMA_MISMATCH', task_id: null, error: 'Schema confidence too low. Please review column mappings.\nMissing columns: amount\nUnexpected columns: x' });
    const none = given(...past).when(run(runRequest('NO_MATCH', 12.5)))();
    expect((none[1].data as { error: string }).error.split('\n')).toEqual(['Schema Mismatch (Confidence: 12.5%)', 'Missing columns: amount', 'Unexpected columns: x', "Your file's columns: mail, x", 'Expected columns: email, amount']);
    expect(given(...past).when(run(runRequest('HIGH', 92, false, 2)))).toThrowError(expect.objectContaining({ code: 'VERSION_CONFLICT' }));
    expect(given(created, uploaded).when(run(runRequest('HIGH', 92)))).toThrowError(expect.objectContaining({ code: 'MODULE_NOT_DEPLOYED' }));
    expect(given(...past, { type: 'SessionArchived', data: {} }).when(run(runRequest('HIGH', 92)))).toThrowError(expect.objectContaining({ code: 'SESSION_ARCHIVED' }));
  });

  it('confirms only a pending run of the deployed version, with its own file; outcomes are recorded once', () => {
    const module = deployed();
    const past = [created, uploaded, requested, applied, module];
    const request = runRequest('MEDIUM', 71);
    const pending = given(...past).when(run(request))();
    const confirmTask = randomUUID();
    const confirm = (extra: Partial<Extract<ModuleCommand, { type: 'ConfirmRun' }>> = {}): ModuleCommand => ({ type: 'ConfirmRun', actor: owner, sessionId, runId: request.run_id, taskId: confirmTask, ...extra });
    expect(given(...past).when(confirm())).toThrowError(expect.objectContaining({ code: 'RUN_NOT_FOUND' }));
    expect(given(...past, ...pending).when(confirm({ fileHash: 'sha256:other' }))).toThrowError(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(given(...past, ...pending).when(confirm({ fileHash: 'sha256:e' }))()).toEqual([{ type: 'ModuleRunConfirmed', data: { run_id: request.run_id, task_id: confirmTask } }]);
    const redeployed = given(...past, ...pending).when(deploy)();
    expect(given(...past, ...pending, ...redeployed).when(confirm())).toThrowError(expect.objectContaining({ code: 'INVALID_STATE', message: 'The module changed since this run was matched; start a new run.' }));
    expect(given(...past, ...pending, { type: 'ModuleUndeployed', data: { module_version: 1 } }).when(confirm())).toThrowError(expect.objectContaining({ code: 'MODULE_NOT_DEPLOYED' }));

    const confirmed: DomainEvent = { type: 'ModuleRunConfirmed', data: { run_id: request.run_id, task_id: confirmTask } };
    const outcome: DomainEvent = {
      type: 'ModuleRunFailed',
      data: { run_id: request.run_id, task_id: confirmTask, code: 'TRANSFORMATION_FAILED', error: 'Step 1 (x): no', error_details: { step_number: 1 }, step_stats: [], engine_version: 'test', timings: { schema_match_ms: 1, transform_ms: 1, upload_ms: 1 }, duration_ms: 3 },
    };
    const record: ModuleCommand = { type: 'RecordRunOutcome', actor: 'worker', sessionId, outcome: outcome as Extract<DomainEvent, { type: 'ModuleRunFailed' }> };
    expect(given(...past, ...pending, confirmed).when(record)()).toEqual([outcome]);
    expect(given(...past, ...pending, confirmed, outcome).when(record)()).toEqual([]);
    // Another task's outcome for the run is ignored, as is one for a run still waiting.
    expect(given(...past, ...pending).when(record)()).toEqual([]);
    expect(given(...past, ...pending, confirmed, outcome).when(confirm())).toThrowError(expect.objectContaining({ code: 'INVALID_STATE', message: 'Run is not pending confirmation. Status: failed' }));
  });

  it('keeps the deployed version from being discarded', () => {
    const past = [created, uploaded, requested, applied, deployed()];
    const state = fold(sessionDecider, past);
    expect(() => sessionDecider.decide({ type: 'DiscardNode', actor: owner, sessionId, nodeId: child }, state)).toThrowError(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});
