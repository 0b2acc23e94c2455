import { describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../src/projections/index.js';
import { databaseTargets } from '../support/databases.js';
import { INVENTORY, LEADS, LEADS_COLUMNS, RENAMES, leadsVariants, moduleClient, runByHand } from '../support/modules.js';
import { useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

/** The recipe deployed in these tests: it touches renamed columns, so a wrong mapping would show in the output. */
const CHAIN = [
  { op: 'trim_whitespace', params: { columns: ['first_name', 'last_name'] } },
  { op: 'change_text_casing', params: { column: 'first_name', case: 'title' } },
  { op: 'change_text_casing', params: { column: 'email', case: 'lower' } },
  { op: 'remove_duplicates', params: {} },
  { op: 'sort_rows', params: { columns: ['created_date', 'phone_number'] } },
];

const identity = Object.fromEntries(LEADS_COLUMNS.map((c) => [c, c]));
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

  it('runs files that match at HIGH and gives the output of the chain run by hand on the renamed data', async () => {
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
    void identity;
  });
});
