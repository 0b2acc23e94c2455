import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createEventStore } from '../../src/events/index.js';
import { PROJECTIONS, rebuildProjections } from '../../src/projections/index.js';
import { applyEvents } from '../../src/projections/run-batch.js';
import { databaseTargets } from '../support/databases.js';
import { INVENTORY, LEADS, LEADS_COLUMNS, RENAMES, leadsVariants, moduleClient, runByHand } from '../support/modules.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

/** The recipe deployed in these tests: it touches renamed columns, so a wrong mapping would show in the output. */
const CHAIN = [
  { op: 'trim_whitespace', params: { columns: ['first_name', 'last_name'] } },
  { op: 'change_text_casing', params: { column: 'first_name', case: 'title' } },
  { op: 'change_text_casing', params: { column: 'email', case: 'lower' } },
  { op: 'remove_duplicates', params: {} },
  { op: 'sort_rows', params: { columns: ['created_date', 'phone_number'] } },
];

const multipartOf = (filename: string, content: Buffer | string) => {
  const form = multipart(filename, content);
  return { payload: form.payload, headers: form.headers };
};
const exactMappings = (renames: Record<string, string> = {}) =>
  LEADS_COLUMNS.map((c) => ({ incoming_name: renames[c] ?? c, contract_name: c }));

describe.each(targets)('module runs on $name', (target) => {
  const ctx = useTestApp(target);
  const client = moduleClient(ctx.inject);

  async function deployedLeads(steps: object[] = CHAIN) {
    const id = await client.createSession();
    await client.upload(id, 'messy_marketing_leads.csv', LEADS);
    await client.apply(id, steps);
    const deployed = await client.deploy(id);
    const module = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/module` });
    return { id, deployed, module, steps: module.steps.map((s: { transformation_type: string; parameters: unknown }) => ({ op: s.transformation_type, params: s.parameters })) };
  }

  it('runs files that match at HIGH and gives the output of the chain run by hand on the renamed data', { timeout: 240_000 }, async () => {
    const { id, steps } = await deployedLeads();
    const cases: { name: string; file: Buffer; renames: Record<string, string>; matchTypes?: Record<string, string>; extra?: string[]; headerRow?: number }[] = [
      { name: 'identical', file: LEADS, renames: {} },
      { name: 'reordered', file: leadsVariants.reordered(), renames: {} },
      { name: 'four extra columns', file: leadsVariants.extraColumns(), renames: {}, extra: ['region', 'industry', 'employees', 'website'] },
      {
        name: 'five renamed',
        file: leadsVariants.renamed(),
        renames: RENAMES,
        matchTypes: { email: 'normalized', phone_number: 'alternative', first_name: 'normalized', last_name: 'alternative', created_date: 'normalized' },
      },
      { name: 'title lines above the header', file: leadsVariants.withTitleLines(), renames: {}, headerRow: 2 },
    ];
    for (const c of cases) {
      const res = await client.run(id, `${c.name}.csv`, c.file);
      expect(res.statusCode, `${c.name}: ${res.body}`).toBe(200);
      const run = res.json();
      expect(run, c.name).toMatchObject({ status: 'success', confidence_level: 'HIGH', requires_confirmation: false, code: null, error_message: null, module_version: 1 });
      expect(run.confidence_score, c.name).toBeGreaterThanOrEqual(85);
      const mappings = run.column_mappings.map((m: { incoming_name: string; contract_name: string }) => ({ incoming_name: m.incoming_name, contract_name: m.contract_name }));
      expect(mappings, c.name).toEqual(exactMappings(Object.fromEntries(Object.entries(c.renames))));
      for (const m of run.column_mappings) {
        expect(m.match_type, `${c.name} ${m.contract_name}`).toBe(c.matchTypes?.[m.contract_name] ?? 'exact');
        expect(m.type_compatible).toBe(true);
      }
      expect(run.discrepancies, c.name).toEqual((c.extra ?? []).map((column) => expect.objectContaining({ type: 'extra_column', severity: 'info', column })));
      expect(run.ingest.header_row, c.name).toBe(c.headerRow ?? 0);
      const detail = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${run.run_id}` });
      const expected = runByHand(c.file, Object.fromEntries(Object.entries(c.renames).map(([k, v]) => [v, k])), steps, new Date(detail.reference_time).toISOString());
      expect((await client.download(id, run.run_id)).equals(expected), c.name).toBe(true);
    }
  });

  it('refuses a different table (NO_MATCH) and a file missing two columns (LOW), even forced, and never executes them', { timeout: 180_000 }, async () => {
    const { id } = await deployedLeads();
    const inventory = (await client.run(id, 'inventory.csv', INVENTORY, '?force=true')).json();
    expect(inventory).toMatchObject({ status: 'failed', confidence_level: 'NO_MATCH', code: 'SCHEMA_MISMATCH', task_id: null, output_rows: null, output_storage_path: null, requires_confirmation: false });
    expect(inventory.confidence_score).toBeLessThan(40);
    expect(inventory.message).toBe(inventory.error_message);
    const lines = inventory.message.split('\n');
    expect(lines[0]).toBe(`Schema Mismatch (Confidence: ${inventory.confidence_score}%)`);
    expect(lines[1]).toMatch(/^Missing columns: /);
    expect(lines).toContain("Your file's columns: sku, product_name, warehouse, quantity_on_hand, unit_cost, reorder_level, last_restocked, supplier");
    expect(lines).toContain(`Expected columns: ${LEADS_COLUMNS.join(', ')}`);
    const missing = inventory.discrepancies.filter((d: { type: string }) => d.type === 'missing_required');
    expect(missing.length).toBeGreaterThanOrEqual(8);
    expect(missing.every((d: { severity: string }) => d.severity === 'critical')).toBe(true);
    expect(inventory.column_mappings.length).toBeLessThanOrEqual(2);

    const low = (await client.run(id, 'two-missing.csv', leadsVariants.without('email', 'company'))).json();
    expect(low).toMatchObject({ status: 'failed', confidence_level: 'LOW', code: 'SCHEMA_MISMATCH', task_id: null, confidence_score: 58 });
    expect(low.message).toBe('Schema confidence too low. Please review column mappings.\nMissing columns: email, company\nUnexpected columns: (none)');
    expect(low.discrepancies).toEqual([
      expect.objectContaining({ type: 'missing_required', severity: 'critical', column: 'email', suggestion: "Add a column named 'email' (also accepted: e_mail, email_address, emailaddress)." }),
      expect.objectContaining({ type: 'missing_required', severity: 'critical', column: 'company' }),
    ]);
    // Recorded, never executed: no task, no output, no completion event, and no confirming it.
    const runs = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs` });
    expect(runs.total).toBe(2);
    expect(runs.runs.map((r: { status: string }) => r.status)).toEqual(['failed', 'failed']);
    const tasks = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/tasks` });
    expect(tasks.tasks.every((t: { kind: string }) => t.kind === 'plan_apply')).toBe(true);
    const events = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/events?types=ModuleRunRequested,ModuleRunFailed,ModuleRunCompleted,ModuleRunConfirmed` });
    expect(events.events.map((e: { type: string }) => e.type)).toEqual(['ModuleRunRequested', 'ModuleRunFailed', 'ModuleRunRequested', 'ModuleRunFailed']);
    const confirm = await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${low.run_id}/confirm` });
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json()).toMatchObject({ code: 'INVALID_STATE', detail: 'Run is not pending confirmation. Status: failed' });
    const download = await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${low.run_id}/download` });
    expect(download.json()).toMatchObject({ code: 'INVALID_STATE', detail: 'Run did not complete successfully. Status: failed' });
  });

  it('a MEDIUM run waits; confirm runs the same run id from its stored input; force runs at once', { timeout: 180_000 }, async () => {
    const { id, steps } = await deployedLeads();
    const file = leadsVariants.without('company');
    const pending = (await client.run(id, 'no-company.csv', file)).json();
    expect(pending).toMatchObject({
      status: 'pending',
      confidence_level: 'MEDIUM',
      confidence_score: 79,
      requires_confirmation: true,
      task_id: null,
      output_rows: null,
      message: 'Schema has some differences. Please confirm to proceed.',
    });
    expect(pending.discrepancies).toEqual([expect.objectContaining({ type: 'missing_required', column: 'company' })]);
    expect(pending.input_storage_path).toMatch(/^sha256\//);
    expect((await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs?status=pending` })).total).toBe(1);

    // A different file with the confirmation is refused; the stored one (or none) is what runs.
    const other = await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${pending.run_id}/confirm`, ...multipartOf('x.csv', LEADS) });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('VALIDATION_ERROR');
    const confirmed = (await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${pending.run_id}/confirm`, ...multipartOf('no-company.csv', file) })).json();
    expect(confirmed).toMatchObject({ run_id: pending.run_id, status: 'warning_confirmed', message: 'Run confirmed and executed successfully.', confidence_level: 'MEDIUM', requires_confirmation: false });
    const detail = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${pending.run_id}` });
    expect(detail.confirmed_at).not.toBeNull();
    expect(Object.keys(detail.timing_breakdown).sort()).toEqual(['schema_match_ms', 'transform_ms', 'upload_ms']);
    expect((await client.download(id, pending.run_id)).equals(runByHand(file, {}, steps, new Date(detail.reference_time).toISOString()))).toBe(true);
    const again = await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${pending.run_id}/confirm` });
    expect(again.json()).toMatchObject({ code: 'INVALID_STATE', detail: 'Run is not pending confirmation. Status: warning_confirmed' });
    const runs = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs` });
    expect(runs.total).toBe(1);

    const forced = (await client.run(id, 'no-company.csv', file, '?force=true')).json();
    expect(forced).toMatchObject({ status: 'warning_confirmed', confidence_level: 'MEDIUM', message: 'Run completed with schema differences (forced).' });
    const forcedField = (await client.run(id, 'no-company.csv', file, '', { force: 'true' })).json();
    expect(forcedField.status).toBe('warning_confirmed');

    // A step that needs the missing column fails the confirmed run with its step and reason, and stores nothing.
    const noEmail = (await client.run(id, 'no-email.csv', leadsVariants.without('email'))).json();
    expect(noEmail.status).toBe('pending');
    const failed = (await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${noEmail.run_id}/confirm`, payload: {} })).json();
    expect(failed).toMatchObject({ run_id: noEmail.run_id, status: 'failed', code: 'TRANSFORMATION_FAILED', output_storage_path: null });
    expect(failed.error_message).toMatch(/^Step 3 \(change_text_casing\)/);
    const failedDetail = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${noEmail.run_id}` });
    expect(failedDetail.error_details).toMatchObject({ step_number: 3, transformation_type: 'change_text_casing' });
    const task = await client.json({ method: 'GET', url: `/api/v1/tasks/${failed.task_id}` });
    expect(task).toMatchObject({ kind: 'module_run', run_id: noEmail.run_id, status: 'FAILURE', code: 'TRANSFORMATION_FAILED' });

    // Redeployed since the match: confirming is refused; undeployed: MODULE_NOT_DEPLOYED.
    const stale = (await client.run(id, 'no-company.csv', file)).json();
    await client.deploy(id);
    const changed = await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${stale.run_id}/confirm` });
    expect(changed.json()).toMatchObject({ code: 'INVALID_STATE', detail: 'The module changed since this run was matched; start a new run.' });
    await client.json({ method: 'DELETE', url: `/api/v1/sessions/${id}/deploy` });
    expect((await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${stale.run_id}/confirm` })).json().code).toBe('MODULE_NOT_DEPLOYED');
    expect((await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${id}/runs/${crypto.randomUUID()}/confirm` })).json().code).toBe('RUN_NOT_FOUND');
  });

  it('reports type drift as discrepancies: a numeric column now holding words is kept, flagged, and what a step nulled is listed', { timeout: 180_000 }, async () => {
    const { id } = await deployedLeads([...CHAIN, { op: 'change_column_type', params: { column: 'lead_score', to_type: 'integer', errors: 'coerce' } }]);
    const run = (await client.run(id, 'drift.csv', leadsVariants.scoreAsWords())).json();
    expect(run).toMatchObject({ status: 'success', confidence_level: 'HIGH', confidence_score: 98.24 });
    expect(run.column_mappings.find((m: { contract_name: string }) => m.contract_name === 'lead_score')).toEqual({
      incoming_name: 'lead_score',
      contract_name: 'lead_score',
      match_type: 'exact',
      confidence: 0.56,
      type_compatible: false,
      notes: 'Name: 1.00, Type: 0.20, Values: 0.00',
    });
    expect(run.discrepancies.map((d: { type: string; column: string }) => [d.type, d.column])).toEqual([
      ['type_mismatch', 'lead_score'],
      ['type_drift', 'lead_score'],
      ['values_nulled', 'lead_score'],
    ]);
    const [, drift, nulled] = run.discrepancies;
    expect(drift).toMatchObject({ severity: 'warning', affected_count: 13, examples: ['high', 'medium', 'low', 'very high'] });
    expect(drift.description).toContain('13 of 13 values');
    expect(nulled).toMatchObject({ severity: 'warning', affected_count: 12 });
    expect(nulled.description).toMatch(/^Step 6 \(change_column_type\)/);
  });

  it('deploy freezes module version k; edits, undo and re-upload only set has_undeployed_changes; undeploy stops runs', { timeout: 180_000 }, async () => {
    const empty = await client.createSession();
    expect((await ctx.inject({ method: 'POST', url: `/api/v1/sessions/${empty}/deploy` })).json()).toMatchObject({ code: 'NO_DATA', detail: 'Module has no data. Upload data before deploying.' });
    expect((await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${empty}/module` })).json().code).toBe('MODULE_NOT_DEPLOYED');
    expect((await client.run(empty, 'a.csv', LEADS)).json().code).toBe('MODULE_NOT_DEPLOYED');

    const { id, deployed, module } = await deployedLeads();
    expect(deployed).toMatchObject({ session_id: id, status: 'deployed', module_version: 1, message: 'Module deployed successfully' });
    let session = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}` });
    expect(session).toMatchObject({ status: 'deployed', deployed_node_id: deployed.deployed_node_id, current_node_id: deployed.deployed_node_id, module_version: 1, has_undeployed_changes: false });
    expect(module).toMatchObject({ session_id: id, module_version: 1, deployed_node_id: deployed.deployed_node_id, step_count: CHAIN.length, tables: [] });
    expect(module.steps.map((s: { step_number: number; transformation_type: string }) => [s.step_number, s.transformation_type])).toEqual(CHAIN.map((s, i) => [i + 1, s.op]));
    const contract = module.contract;
    expect(contract).toMatchObject({ version: '1.0', required_column_count: 10, min_row_count: 1, expected_delimiter: ',', expected_encoding: 'utf-8' });
    expect(contract.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(contract.columns.map((c: { name: string }) => c.name)).toEqual(LEADS_COLUMNS);
    expect(contract.columns.find((c: { name: string }) => c.name === 'email')).toMatchObject({
      semantic_type: 'email',
      dtype: 'object',
      inferred_type: 'string',
      expected_pattern: 'email@domain.com',
      required: true,
      nullable: false,
      max_null_percent: 10,
      alternative_names: ['e_mail', 'email_address', 'emailaddress', 'e-mail', 'mail', 'EMAIL', 'Email'],
      sample_values: ['JOHN.SMITH@ACME.COM', 'sarah.j@techstart.io', 'm.williams@bigco.net', 'emily.brown@startup.co', 'D.JONES@ENTERPRISE.COM'],
    });
    expect(contract.columns.find((c: { name: string }) => c.name === 'lead_id')).toMatchObject({ dtype: 'int64', inferred_type: 'integer', min_value: 1001, max_value: 1012 });
    expect(contract.columns.find((c: { name: string }) => c.name === 'company')).toMatchObject({ nullable: true, max_null_percent: 17.69 });

    // An apply after the deploy: still deployed, with undeployed changes; runs keep the frozen chain.
    const extra = await client.apply(id, [{ op: 'change_text_casing', params: { column: 'last_name', case: 'upper' } }]);
    session = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}` });
    expect(session).toMatchObject({ status: 'deployed', deployed_node_id: deployed.deployed_node_id, current_node_id: extra.node_id, has_undeployed_changes: true, module_version: 1 });
    const v1 = (await client.run(id, 'leads.csv', LEADS)).json();
    expect(v1.module_version).toBe(1);
    expect((await client.download(id, v1.run_id)).toString()).toContain(',Smith,');
    // The deployed version cannot be discarded from under the module.
    await client.json({ method: 'POST', url: `/api/v1/sessions/${id}/undo` });
    expect((await client.json({ method: 'GET', url: `/api/v1/sessions/${id}` })).has_undeployed_changes).toBe(false);
    const discard = await ctx.inject({ method: 'DELETE', url: `/api/v1/sessions/${id}/nodes/${deployed.deployed_node_id}` });
    expect(discard.json().code).toBe('INVALID_STATE');
    await client.json({ method: 'POST', url: `/api/v1/sessions/${id}/redo` });
    const v2 = await client.deploy(id);
    expect(v2).toMatchObject({ module_version: 2, deployed_node_id: extra.node_id });
    expect((await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/module` })).step_count).toBe(CHAIN.length + 1);
    const second = (await client.run(id, 'leads.csv', LEADS)).json();
    expect(second.module_version).toBe(2);
    expect((await client.download(id, second.run_id)).toString()).toContain(',SMITH,');
    await client.json({ method: 'POST', url: `/api/v1/sessions/${id}/undo` });
    expect((await client.json({ method: 'GET', url: `/api/v1/sessions/${id}` })).has_undeployed_changes).toBe(true);
    await client.json({ method: 'POST', url: `/api/v1/sessions/${id}/redo` });
    await client.upload(id, 'again.csv', LEADS);
    session = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}` });
    expect(session).toMatchObject({ status: 'deployed', has_undeployed_changes: true, module_version: 2 });

    const undeployed = await client.json({ method: 'DELETE', url: `/api/v1/sessions/${id}/deploy` });
    expect(undeployed).toEqual({ session_id: id, status: 'draft', deployed_node_id: null, message: 'Module undeployed' });
    expect((await client.json({ method: 'GET', url: `/api/v1/sessions/${id}` })).status).toBe('draft');
    expect((await client.run(id, 'a.csv', LEADS)).json().code).toBe('MODULE_NOT_DEPLOYED');
    expect((await ctx.inject({ method: 'DELETE', url: `/api/v1/sessions/${id}/deploy` })).json().code).toBe('MODULE_NOT_DEPLOYED');
    const events = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/events?types=ModuleDeployed,ModuleUndeployed` });
    expect(events.events.map((e: { type: string; data: { module_version: number } }) => [e.type, e.data.module_version])).toEqual([
      ['ModuleDeployed', 1],
      ['ModuleDeployed', 2],
      ['ModuleUndeployed', 2],
    ]);
    await client.deploy(id);
    await client.json({ method: 'DELETE', url: `/api/v1/sessions/${id}` });
    const archived = await client.run(id, 'a.csv', LEADS);
    expect(archived.statusCode).toBe(400);
    expect(archived.json().code).toBe('SESSION_ARCHIVED');
  });

  it('lists runs with real totals, shows one, downloads it formula-safe, and the read tables rebuild identically', { timeout: 180_000 }, async () => {
    const { id } = await deployedLeads();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.run(id, `leads-${i}.csv`, LEADS)).json().run_id);
    const page = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs?limit=2&offset=1` });
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.runs.map((r: { run_id: string }) => r.run_id)).toEqual([ids[1], ids[0]]);
    expect(page.runs[0]).toMatchObject({ status: 'success', confidence_level: 'HIGH', input_filename: 'leads-1.csv', input_row_count: 13, output_row_count: 12 });
    const detail = await client.json({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${ids[2]}` });
    expect(detail).toMatchObject({ run_id: ids[2], session_id: id, status: 'success', input_column_count: 10, output_column_count: 10, error_details: null, module_version: 1, code: null });
    expect(detail.input_storage_path).toMatch(/^sha256\//);
    expect(detail.output_storage_path).toMatch(/^sha256\//);
    expect(detail.duration_ms).toBeGreaterThanOrEqual(0);
    const task = await client.json({ method: 'GET', url: `/api/v1/tasks/${detail.task_id}` });
    expect(task).toMatchObject({ kind: 'module_run', run_id: ids[2], status: 'SUCCESS', result: { run_id: ids[2], status: 'success', output_rows: 12, output_columns: 10 } });
    // "+1 555 567 8901" would run as a formula in a spreadsheet: escaped by default, raw on request.
    const safe = await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${ids[2]}/download` });
    expect(safe.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(safe.headers['content-disposition']).toBe('attachment; filename="leads-2_transformed.csv"');
    expect(safe.body).toContain(",'+1 555 567 8901,");
    expect((await client.download(id, ids[2])).toString()).toContain(',+1 555 567 8901,');
    const missing = await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${crypto.randomUUID()}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('RUN_NOT_FOUND');
    expect((await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${id}/runs?limit=0` })).statusCode).toBe(422);
    // Every module event applied a second time leaves the same rows.
    const db = ctx.t.database.db;
    const dump = () => Promise.all(['modules', 'module_runs', 'sessions', 'tasks'].map((table) => sql`SELECT * FROM ${sql.table(table)} t ORDER BY t::text`.execute(db).then((r) => r.rows)));
    const before = await dump();
    const all = await createEventStore(db).readAll({ transactionId: '0', position: 0 }, 100_000);
    await db.transaction().execute(async (trx) => {
      for (const projection of PROJECTIONS.filter((p) => ['modules', 'module_runs', 'sessions', 'tasks'].includes(p.name))) await applyEvents(trx, projection, all);
    });
    expect(await dump()).toEqual(before);
    const report = await rebuildProjections(ctx.t.database.db);
    expect(report.tables.filter((t) => ['modules', 'module_runs', 'sessions', 'tasks'].includes(t.table)).map((t) => [t.table, t.identical])).toEqual(
      expect.arrayContaining([['modules', true], ['module_runs', true], ['sessions', true], ['tasks', true]]),
    );
    expect(report.identical).toBe(true);
  });
});
