import { describe, expect, it } from 'vitest';
import type { Planner, PlannerInput, PlannerResult, PlannerStep } from '../../src/planner/types.js';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

const CSV = ['name,email,status,amount,company', '  Ann ,ann@x.io,active,10,Acme', 'bob,bob@x.io,inactive,5,', 'Cara,cara@x.io,active,7,Initech', 'dan,dan@x.io,pending,2,Umbrella', 'Eve,eve@x.io,active,3,Acme'].join('\n');

/** A deterministic planner for the chat contract: fixed answers per message, and a record of what it was given. */
function scriptedPlanner() {
  const seen: PlannerInput[] = [];
  const result = (steps: PlannerStep[], reply: string, extra: Partial<PlannerResult> = {}): PlannerResult => ({ planner: 'offline', steps, reply, clarification: null, confidence: 0.95, note: null, ...extra });
  const script: Record<string, PlannerResult> = {
    'trim the names': result([{ op: 'trim_whitespace', params: { columns: ['name'] }, explanation: 'Trim whitespace in name' }], "I'll trim whitespace in name."),
    'title-case the names': result([{ op: 'change_text_casing', params: { column: 'name', case: 'title' }, explanation: 'Title-case name' }], "I'll title-case name."),
    'clear out the blank emails': result([{ op: 'filter_rows', params: { conditions: [{ column: 'email', operator: 'isnull' }], keep: false }, explanation: 'Remove rows where email is blank' }], "I'll remove rows where email is blank."),
    'remove the active rows': result([{ op: 'filter_rows', params: { conditions: [{ column: 'status', operator: 'eq', value: 'active' }], keep: false }, explanation: 'Remove rows where status is active' }], "I'll remove rows where status is active."),
    'sort by amount': result([{ op: 'sort_rows', params: { columns: ['amount'] }, explanation: 'Sort rows by amount' }], "I'll sort rows by amount."),
    'trim emial': result([{ op: 'trim_whitespace', params: { columns: ['emial'] }, explanation: 'Trim whitespace in emial' }], "I'll trim whitespace in emial."),
    'fix it': result([], "Which column do you mean: name, email or company?", { clarification: { question: 'Which column do you mean: name, email or company?', reason: 'ambiguous', options: ['name', 'email', 'company'] }, confidence: 0.3 }),
    'maybe sort them somehow': result([{ op: 'sort_rows', params: { columns: ['name'] }, explanation: 'Sort rows by name' }], "I'll sort rows by name.", { confidence: 0.5 }),
  };
  const planner: Planner = {
    kind: 'offline',
    async plan(input) {
      seen.push(input);
      return script[input.message.toLowerCase()] ?? result([], "I couldn't find a change in that.");
    },
  };
  return { planner, seen };
}

describe.each(targets)('POST /sessions/{id}/chat on $name', (target) => {
  const scripted = scriptedPlanner();
  const ctx = useTestApp(target, {}, { planner: scripted.planner });
  const inject = ctx.inject;

  async function session(upload = true): Promise<string> {
    const id = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    if (upload) {
      const form = multipart('people.csv', CSV);
      expect((await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).statusCode).toBe(200);
    }
    return id;
  }
  const chat = async (id: string, message: string, mode?: string) => {
    const res = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/chat?wait=120`, payload: mode ? { message, mode } : { message } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const history = async (id: string) => (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json();
  const calls = () => scripted.seen.length;

  it('refuses what cannot be answered: no data, unknown session, bad mode, archived session', async () => {
    const empty = await session(false);
    const noData = await inject({ method: 'POST', url: `/api/v1/sessions/${empty}/chat`, payload: { message: 'trim the names' } });
    expect(noData.statusCode).toBe(400);
    expect(noData.json()).toMatchObject({ code: 'NO_DATA', detail: 'No data uploaded. Please upload a CSV file first.' });
    const missing = await inject({ method: 'POST', url: '/api/v1/sessions/5d3c2b1a-0f9e-4d8c-b7a6-958473625140/chat', payload: { message: 'hi' } });
    expect(missing.json()).toMatchObject({ code: 'SESSION_NOT_FOUND' });
    const id = await session();
    expect((await inject({ method: 'POST', url: `/api/v1/sessions/${id}/chat`, payload: { message: 'trim', mode: 'magic' } })).statusCode).toBe(422);
    expect((await inject({ method: 'POST', url: `/api/v1/sessions/${id}/chat`, payload: { message: '   ' } })).statusCode).toBe(422);
    await inject({ method: 'DELETE', url: `/api/v1/sessions/${id}` });
    const archived = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/chat`, payload: { message: 'trim the names' } });
    expect(archived.json()).toMatchObject({ code: 'SESSION_ARCHIVED' });
    expect((await history(empty)).total_messages).toBe(0);
  });

  it('plans steps from the planner, records both sides, offers a follow-up that a "yes" adds', async () => {
    const id = await session();
    const first = await chat(id, 'Trim the names');
    expect(first).toMatchObject({ session_id: id, message: 'Trim the names', steps_added: [1], new_node_id: null, task_id: null, clarification: null, code: null, planner: 'offline', planner_note: null, requires_confirmation: false });
    // The profile shows mixed capitalization in 'name': proposed with a concrete step, not queued.
    expect(first.assistant_response).toBe("I'll trim whitespace in name.\n\nAdded to your plan (1 step queued).\n\n'name' has inconsistent capitalization. Want me to fix that too?");
    expect(first.plan).toMatchObject({ step_count: 1, steps: [{ step_number: 1, transformation_type: 'trim_whitespace', parameters: { columns: ['name'] }, source: 'chat', explanation: 'Trim whitespace in name' }] });
    expect(first.suggested_steps).toEqual([expect.objectContaining({ transformation_type: 'change_text_casing', parameters: expect.objectContaining({ column: 'name', case: 'title' }) })]);

    const messages = (await history(id)).messages.slice(-2);
    expect(messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[0].content).toBe('Trim the names');
    expect(messages[1]).toMatchObject({ content: first.assistant_response, metadata: { kind: 'chat_reply', steps_added: [1], clarification: null, task_id: null } });
    // The planner saw the profile and the conversation, newest last, not the file.
    const input = scripted.seen.at(-1)!;
    expect(input.profile.columns.map((c) => c.name)).toEqual(['name', 'email', 'status', 'amount', 'company']);
    expect(input.history?.at(-1)?.content).toContain('loaded!');
    expect(input.versionLabels).toEqual(['Upload of people.csv']);

    const yes = await chat(id, 'Yes please!');
    expect(yes).toMatchObject({ steps_added: [2], planner: null });
    expect(yes.plan.steps.map((s: { transformation_type: string; source: string }) => [s.transformation_type, s.source])).toEqual([['trim_whitespace', 'chat'], ['change_text_casing', 'suggestion']]);
    // The next follow-up: the blank company.
    expect(yes.assistant_response).toBe("Okay, I'll change name to Title Case.\n\nAdded to your plan (2 steps queued).\n\n'company' has 1 missing value. Want me to fix those too?");
    expect(yes.suggested_steps).toEqual([expect.objectContaining({ transformation_type: 'fill_blanks', parameters: expect.objectContaining({ column: 'company', method: 'value', value: 'Unknown' }) })]);
    // Any other message drops the question: a "yes" after it has nothing to answer.
    await chat(id, 'How many rows are there?');
    const again = await chat(id, 'ok');
    expect(again.assistant_response).toMatch(/^What would you like me to do\?/);
    expect(again.plan.step_count).toBe(2);
  });

  it('answers whole-message commands and sends partial matches to the planner', async () => {
    const id = await session();
    await chat(id, 'trim the names');
    const shown = await chat(id, 'Show me the plan.');
    expect(shown.assistant_response).toBe('Your plan has 1 step:\n1. Trim whitespace in name\n\nReady to apply them?');
    expect(shown.plan.step_count).toBe(1);
    // "clear" inside a longer request is not the clear command.
    const before = calls();
    const request = await chat(id, 'clear out the blank emails');
    expect(calls()).toBe(before + 1);
    expect(request.plan.step_count).toBe(2);
    const cleared = await chat(id, 'START OVER!');
    expect(cleared.assistant_response).toBe('Plan cleared. What would you like to do next?');
    expect(cleared.plan.step_count).toBe(0);
    const applyEmpty = await chat(id, 'apply');
    expect(applyEmpty.assistant_response).toBe('No transformations to apply. Add some changes first!');
    expect(calls()).toBe(before + 1);
  });

  it('applies from chat: apply words and "ready to apply?" run the plan; a risky plan waits for a "yes"', async () => {
    const id = await session();
    await chat(id, 'trim the names');
    await chat(id, 'title-case the names');
    const third = await chat(id, 'sort by amount');
    expect(third.assistant_response).toMatch(/You have 3 transformations planned\. Ready to apply them\?$/);
    const applied = await chat(id, 'yes');
    expect(applied).toMatchObject({ code: null, requires_confirmation: false });
    expect(applied.task_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(applied.new_node_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(applied.assistant_response).toBe('Done! Applied 3 transformation(s).');
    expect(applied.plan.step_count).toBe(0);
    const preview = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/preview` })).json();
    expect(preview.node_id).toBe(applied.new_node_id);
    expect(preview.preview.map((r: { name: string }) => r.name)).toEqual(['Dan', 'Eve', 'Bob', 'Cara', 'Ann']);

    await chat(id, 'remove the active rows');
    const risky = await chat(id, 'go ahead');
    expect(risky).toMatchObject({ requires_confirmation: true, code: 'RISK_CONFIRMATION_REQUIRED', new_node_id: null, task_id: null });
    expect(risky.risk).toMatchObject({ is_risky: true, risk_level: 'high', risk_reasons: ['Will remove 3 rows (60% of data)'] });
    expect(risky.assistant_response).toBe(risky.risk.confirmation_message);
    expect((await history(id)).total_nodes).toBe(2);
    const confirmed = await chat(id, 'Confirm');
    expect(confirmed).toMatchObject({ requires_confirmation: false, code: null });
    expect(confirmed.assistant_response).toBe('Done! Applied 1 transformation(s). Removed 3 rows.');
    expect((await history(id)).total_nodes).toBe(3);
  });

  it('transform mode applies only this message\'s steps; the rest of the plan stays queued', async () => {
    const id = await session();
    await chat(id, 'trim the names');
    const res = await chat(id, 'sort by amount', 'transform');
    expect(res).toMatchObject({ steps_added: [2], code: null });
    expect(res.new_node_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.plan.steps.map((s: { transformation_type: string }) => s.transformation_type)).toEqual(['trim_whitespace']);
    const node = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${res.new_node_id}` })).json();
    expect(node.steps.map((s: { op: string }) => s.op)).toEqual(['sort_rows']);
    const risky = await chat(id, 'remove the active rows', 'transform');
    expect(risky).toMatchObject({ requires_confirmation: true, steps_added: [2], new_node_id: null });
    expect(risky.plan.step_count).toBe(2);
    const yes = await chat(id, 'yes', 'transform');
    expect(yes.new_node_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(yes.plan.steps.map((s: { transformation_type: string }) => s.transformation_type)).toEqual(['trim_whitespace']);
  });

  it('asks instead of guessing: unknown columns, ambiguity and low confidence queue nothing', async () => {
    const id = await session();
    const unknown = await chat(id, 'trim emial');
    expect(unknown.assistant_response).toBe("Column 'emial' not found. Did you mean: email?");
    expect(unknown.clarification).toEqual({ question: "Column 'emial' not found. Did you mean: email?", reason: 'unknown_column', options: ['email'] });
    expect(unknown.plan.step_count).toBe(0);
    const ambiguous = await chat(id, 'fix it');
    expect(ambiguous.clarification).toMatchObject({ reason: 'ambiguous', options: ['name', 'email', 'company'] });
    expect(ambiguous.plan.step_count).toBe(0);
    const unsure = await chat(id, 'maybe sort them somehow');
    expect(unsure.clarification).toMatchObject({ reason: 'low_confidence', options: ['Sort rows by name'] });
    expect(unsure.suggested_steps).toEqual([expect.objectContaining({ transformation_type: 'sort_rows' })]);
    expect(unsure.plan.step_count).toBe(0);
    const reply = (await history(id)).messages.at(-1);
    expect(reply.metadata.clarification).toMatchObject({ reason: 'low_confidence' });
    expect((await chat(id, 'yep')).plan.steps.map((s: { transformation_type: string }) => s.transformation_type)).toEqual(['sort_rows']);
    const nothing = await chat(id, 'do a barrel roll with the data');
    expect(nothing).toMatchObject({ clarification: { reason: 'unsupported' }, assistant_response: "I couldn't find a change in that." });
  });

  it('redirects off-topic messages and answers questions about the data from the profile, without the planner', async () => {
    const id = await session();
    const before = calls();
    const weather = await chat(id, "What's the weather like today?");
    expect(weather.assistant_response).toMatch(/^I can only help with your data\./);
    expect((await chat(id, 'How many rows are there?')).assistant_response).toBe('Your data has 5 rows and 5 columns.');
    expect((await chat(id, 'how many missing values does company have?')).assistant_response).toBe("'company' has 1 missing value (20%).");
    expect((await chat(id, 'what are the distinct values of status?')).assistant_response).toBe("'status' has 3 distinct values; the most common: 'active' (3), 'inactive' (1), 'pending' (1).");
    expect((await chat(id, 'What is the average amount?')).assistant_response).toBe('The average amount is 5.4.');
    expect((await chat(id, 'which columns are there?')).assistant_response).toMatch(/^Your data has 5 columns: name \(string/);
    expect(calls()).toBe(before);
    const logged = (await history(id)).messages.slice(-4);
    expect(logged.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/plan` })).json().step_count).toBe(0);
  });
});

describe(`POST /chat with the configured (offline) planner on ${targets[0].name}`, () => {
  const ctx = useTestApp(targets[0]);

  it('plans from plain language with the rule planner, and asks about a column that does not exist', async () => {
    const id = (await ctx.inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    const form = multipart('people.csv', CSV);
    await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
    const say = async (message: string) => (await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/chat`, payload: { message } })).json();
    const planned = await say('sort by amount and remove duplicate rows');
    expect(planned).toMatchObject({ planner: 'offline', steps_added: [1, 2], clarification: null });
    expect(planned.plan.steps.map((s: { transformation_type: string }) => s.transformation_type)).toEqual(['sort_rows', 'remove_duplicates']);
    expect(planned.assistant_response).toMatch(/^I'll make 2 changes:\n1\. Sort rows by amount/);
    const unknown = await say('trim emial');
    expect(unknown).toMatchObject({ planner: 'offline', clarification: { reason: 'unknown_column', options: ['email'] } });
    expect(unknown.assistant_response).toBe("Column 'emial' not found. Did you mean: email?");
    expect(unknown.plan.step_count).toBe(2);
  });
});
