import { describe, expect, it } from 'vitest';
import { runPlanApply } from '../../src/jobs/handlers/plan-apply.js';
import { rebuildProjections } from '../../src/projections/index.js';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

const CSV = ['name,status,amount', '  Ann ,active,10', 'bob,inactive,5', 'Cara,active,7', 'dan,pending,', 'Eve,active,3'].join('\n');

describe.each(targets)('apply as a background task on $name', (target) => {
  const ctx = useTestApp(target);
  const inject = ctx.inject;

  async function sessionWithData(): Promise<string> {
    const id = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    const form = multipart('people.csv', CSV);
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
    return id;
  }
  const addSteps = (id: string, steps: object[]) => inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps } });
  const apply = (id: string, body?: object, wait = 30) => inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=${wait}`, payload: body });

  it('applies the plan into a new current node, empties the plan and records the task', async () => {
    const id = await sessionWithData();
    await addSteps(id, [
      { op: 'trim_whitespace', params: { columns: ['name'] } },
      { op: 'change_text_casing', params: { column: 'name', case: 'title' } },
    ]);
    const res = await apply(id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ success: true, status: 'SUCCESS', transformations_applied: 2, rows_before: 5, rows_after: 5, steps_applied: [1, 2], code: null, requires_confirmation: false });
    expect(body.message).toBe(`Applied 2 transformation(s) successfully. Task ID: ${body.task_id}`);
    expect(body.checks.passed).toBe(true);
    const preview = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/preview` })).json();
    expect(preview.node_id).toBe(body.node_id);
    expect(preview.preview.map((r: { name: string }) => r.name)).toEqual(['Ann', 'Bob', 'Cara', 'Dan', 'Eve']);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json()).toMatchObject({ step_count: 0, status: 'planning', task_id: null });
    const task = (await inject({ method: 'GET', url: `/api/v1/tasks/${body.task_id}` })).json();
    expect(task).toMatchObject({ task_id: body.task_id, status: 'SUCCESS', progress: 100, kind: 'plan_apply', session_id: id });
    expect(task.result).toMatchObject({ node_id: body.node_id, transformations_applied: 2 });
    expect((await inject({ method: 'GET', url: `/api/v1/tasks/${body.task_id}/result` })).json()).toMatchObject({ status: 'SUCCESS' });
    const node = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${body.node_id}` })).json();
    expect(node).toMatchObject({ kind: 'transform', transformation: '2 transformations on name', is_current: true, task_id: body.task_id });
    expect(node.steps.map((s: { op: string }) => s.op)).toEqual(['trim_whitespace', 'change_text_casing']);
    expect(node.step_stats).toHaveLength(2);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/tasks` })).json().total).toBe(1);
    // A retried job records nothing twice.
    await runPlanApply(ctx.api.service, { session_id: id, task_id: body.task_id });
    const history = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json();
    expect(history.total_nodes).toBe(2);
    expect(history.messages.filter((m: { content: string }) => m.content.startsWith('Done! Applied 2 transformation(s).'))).toHaveLength(1);
    expect((await rebuildProjections(ctx.t.database.db)).identical).toBe(true);
  });

  it('asks for confirmation before a risky apply and changes nothing; confirmed, it applies', async () => {
    const id = await sessionWithData();
    await addSteps(id, [{ op: 'filter_rows', params: { conditions: [{ column: 'status', operator: 'eq', value: 'active' }], keep: false } }]);
    const risky = (await apply(id)).json();
    expect(risky).toMatchObject({ success: false, requires_confirmation: true, code: 'RISK_CONFIRMATION_REQUIRED', is_risky: true, risk_level: 'high', task_id: null });
    expect(risky.risk_reasons).toEqual(['Will remove 3 rows (60% of data)']);
    expect(risky.risk_preview).toMatchObject({ rows_before: 5, rows_after: 2, rows_removed: 3, removal_percent: 60 });
    expect(risky.confirmation_message).toContain('⚠️ **This is a significant change.**');
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json().total_nodes).toBe(1);
    const confirmed = (await apply(id, { confirmed: true })).json();
    expect(confirmed).toMatchObject({ success: true, rows_after: 2, is_risky: true });
    const messages = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json().messages;
    expect(messages.at(-1).content).toBe('Done! Applied 1 transformation(s). Removed 3 rows.');
  });

  it('reports a failing step as TRANSFORMATION_FAILED with no node and the plan kept', async () => {
    const id = await sessionWithData();
    await addSteps(id, [{ op: 'change_column_type', params: { column: 'name', to_type: 'integer', errors: 'raise' } }]);
    const failed = (await apply(id)).json();
    expect(failed).toMatchObject({ success: false, status: 'FAILURE', code: 'TRANSFORMATION_FAILED', node_id: null });
    expect(failed.error).toMatch(/^Step 1 \(change_column_type\)/);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json().step_count).toBe(1);
    expect((await inject({ method: 'GET', url: `/api/v1/tasks/${failed.task_id}` })).json()).toMatchObject({ status: 'FAILURE', code: 'TRANSFORMATION_FAILED' });
  });

  it('applies one version per step in one_by_one mode, and only the chosen steps in steps mode', async () => {
    const id = await sessionWithData();
    await addSteps(id, [
      { op: 'sort_rows', params: { columns: ['amount'] } },
      { op: 'trim_whitespace', params: { columns: ['name'] } },
      { op: 'head_rows', params: { n: 4 } },
    ]);
    const some = (await apply(id, { mode: 'steps', step_numbers: [2] })).json();
    expect(some).toMatchObject({ success: true, steps_applied: [2], transformations_applied: 1 });
    const plan = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json();
    expect(plan.steps.map((s: { step_number: number; transformation_type: string }) => [s.step_number, s.transformation_type])).toEqual([[1, 'sort_rows'], [2, 'head_rows']]);
    const each = (await apply(id, { mode: 'one_by_one' })).json();
    expect(each.node_ids).toHaveLength(2);
    const nodes = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json();
    expect(nodes.map((n: { parent_id: string | null }) => n.parent_id)).toEqual([null, nodes[0].id, nodes[1].id, nodes[2].id]);
    expect(nodes.at(-1)).toMatchObject({ is_current: true, row_count: 4 });
  });

  it('refuses empty selections, unknown step numbers, and a second apply while one runs', async () => {
    const id = await sessionWithData();
    expect((await apply(id)).json()).toMatchObject({ code: 'INVALID_PLAN', detail: 'No transformations to apply. Add some changes first!' });
    await addSteps(id, [{ op: 'sort_rows', params: { columns: ['amount'] } }]);
    expect((await apply(id, { mode: 'steps', step_numbers: [5] })).statusCode).toBe(422);
    const queued = await apply(id, undefined, 0);
    expect([200, 202]).toContain(queued.statusCode);
    expect(queued.json().message).toMatch(new RegExp(`Task ID: ${queued.json().task_id}$`));
    if (queued.statusCode === 202) expect(queued.headers.location).toBe(`/api/v1/tasks/${queued.json().task_id}`);
  });

  it('lets only one of two concurrent applies run; the other gets a clear answer and no second node', async () => {
    const id = await sessionWithData();
    await addSteps(id, [{ op: 'sort_rows', params: { columns: ['amount'] } }]);
    const answers = await Promise.all([apply(id, undefined, 0), apply(id, undefined, 0)]);
    const started = answers.filter((a) => a.statusCode === 200 || a.statusCode === 202);
    const refused = answers.filter((a) => a.statusCode !== 200 && a.statusCode !== 202);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const refusal = refused[0].json();
    // Either the apply was still running (409 naming it) or it had already taken the plan's only step.
    if (refused[0].statusCode === 409) expect(refusal).toMatchObject({ code: 'VERSION_CONFLICT', details: { task_id: started[0].json().task_id } });
    else expect(refusal).toMatchObject({ code: 'INVALID_PLAN' });
    const task = started[0].json().task_id;
    for (let i = 0; i < 100 && (await inject({ method: 'GET', url: `/api/v1/tasks/${task}` })).json().status !== 'SUCCESS'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json()).toHaveLength(2);
  });
});
