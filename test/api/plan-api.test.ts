import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, type TestDatabase } from '../support/databases.js';
import { createTestApp, multipart, type TestApp } from '../support/test-service.js';
import { createEventStore } from '../../src/events/index.js';
import { rebuildProjections } from '../../src/projections/index.js';

const targets = await databaseTargets();

describe.each(targets)('plan steps API on $name', (target) => {
  let t: TestDatabase;
  let api: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await target.create();
    api = await createTestApp(t);
    id = (await api.app.inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    const form = multipart('people.csv', 'name,age,city\nAnn,30,Oslo\nBob,25,Bergen\n');
    await api.app.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
  });
  const inject = (options: InjectOptions) => api.app.inject(options);

  it('starts with an empty plan', async () => {
    const plan = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json();
    expect(plan).toMatchObject({ session_id: id, status: 'planning', step_count: 0, should_suggest_apply: false, steps: [], task_id: null });
  });

  it('adds validated, normalized steps with explanations and code, inserts at a position, removes and clears', async () => {
    const added = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ transformation_type: 'sort_rows', parameters: { columns: ['age'] } }] } });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().steps_added).toEqual([1]);
    const step = added.json().plan.steps[0];
    expect(step).toMatchObject({ step_number: 1, transformation_type: 'sort_rows', target_columns: ['age'], source: 'api', explanation: 'Sort by age' });
    expect(step.parameters).toEqual({ columns: ['age'], ascending: true, na_position: 'last' });
    expect(step.code_preview).toContain('md.sort_rows');
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'sort_rows', params: { columns: ['city'] }, explanation: 'city order' }] } });
    const inserted = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'sort_rows', params: { columns: ['name'] } }], position: 1 } })).json();
    expect(inserted.steps_added).toEqual([1]);
    expect(inserted.plan.steps.map((s: { target_columns: string[] }) => s.target_columns[0])).toEqual(['name', 'age', 'city']);
    expect(inserted.plan).toMatchObject({ step_count: 3, should_suggest_apply: true, suggestion_message: 'You have 3 transformations planned. Ready to apply them?' });
    const removed = (await inject({ method: 'DELETE', url: `/api/v1/sessions/${id}/plan/steps/2` })).json();
    expect(removed.steps.map((s: { step_number: number; target_columns: string[] }) => [s.step_number, s.target_columns[0]])).toEqual([[1, 'name'], [2, 'city']]);
    expect((await inject({ method: 'DELETE', url: `/api/v1/sessions/${id}/plan/steps/9` })).json().code).toBe('STEP_NOT_FOUND');
    // The projection rebuilds to the same plan rows.
    expect((await rebuildProjections(t.database.db)).identical).toBe(true);
    const cleared = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/clear` })).json();
    expect(cleared.step_count).toBe(0);
  });

  it('refuses invalid steps all or nothing, naming the step, parameter and existing columns', async () => {
    const bad = await inject({
      method: 'POST',
      url: `/api/v1/sessions/${id}/plan/steps`,
      payload: { steps: [{ op: 'sort_rows', params: { columns: ['age'] } }, { op: 'sort_rows', params: { columns: ['nmae'] } }] },
    });
    expect(bad.statusCode).toBe(422);
    const body = bad.json();
    expect(body.code).toBe('INVALID_PLAN');
    expect(body.suggestion).toBe('Did you mean: name?');
    expect(body.details.errors[0]).toMatchObject({ step_index: 1, step_number: null, transformation_type: 'sort_rows', parameter: 'columns[0]', available_columns: ['name', 'age', 'city'], did_you_mean: ['name'] });
    const unknown = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'sort_row', params: {} }] } })).json();
    expect(unknown.code).toBe('INVALID_PLAN');
    expect(unknown.details.errors[0].did_you_mean).toContain('sort_rows');
    const wrongType = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'sort_rows', params: { columns: ['age'], ascending: 'yes' } }] } })).json();
    expect(wrongType.details.errors[0]).toMatchObject({ parameter: 'ascending' });
    expect((await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [] } })).statusCode).toBe(422);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json().step_count).toBe(0);
  });

  it('renders each step against its own input: a step may use a column an earlier plan step creates', async () => {
    const derive = { op: 'math_operation', params: { new_column: 'double_age', operation: 'multiply', column1: 'age', value: 2 } };
    const group = { op: 'aggregate', params: { group_by: ['city'], aggregations: { double_age: 'sum' } } };
    const sameRequest = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [derive, group] } });
    expect(sameRequest.statusCode, sameRequest.body).toBe(200);
    expect(sameRequest.json().plan.steps[1].code_preview).toContain('double_age');
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/clear` });
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [derive] } });
    const later = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [group] } });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().plan.steps.map((s: { transformation_type: string }) => s.transformation_type)).toEqual(['math_operation', 'aggregate']);
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/clear` });
  });

  it('answers NO_DATA before an upload', async () => {
    const fresh = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    const res = await inject({ method: 'POST', url: `/api/v1/sessions/${fresh}/plan/steps`, payload: { steps: [{ op: 'sort_rows', params: { columns: ['a'] } }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('NO_DATA');
  });

  it('records every plan change as an event on the session stream', async () => {
    const events = await createEventStore(t.database.db).readStream(`session-${id}`);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['PlanStepsAdded', 'PlanStepRemoved', 'PlanCleared']));
  });
});
