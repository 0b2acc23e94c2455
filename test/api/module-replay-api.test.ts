import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.js';
import { LEADS, LEADS_COLUMNS, moduleClient } from '../support/modules.js';
import { useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

const CHANNELS = ['source,channel', 'google ads,paid', 'facebook ads,paid', 'linkedin,social', 'referral,organic', 'email campaign,email', 'trade show,events'].join('\n');

/** A chain with a step of every primitive category, over three applies (so three nodes), with a seeded step. */
const FIRST = [
  { op: 'trim_whitespace', params: { columns: ['first_name', 'last_name', 'campaign_source', 'status'] } }, // format
  { op: 'find_replace', params: { column: 'phone_number', find: '-', replace: '' } }, // text
  { op: 'change_text_casing', params: { column: 'campaign_source', case: 'lower' } }, // format
  { op: 'normalize_enum_values', params: { column: 'status', mapping: { Qualified: ['qualifed', 'qualified'], Contacted: ['contacted'], Converted: ['converted'], New: ['new'] } } }, // quality
  { op: 'change_column_type', params: { column: 'lead_score', to_type: 'integer', errors: 'coerce' } }, // columns
  { op: 'math_operation', params: { new_column: 'score_x2', operation: 'multiply', column1: 'lead_score', value: 2 } }, // calculate
];
const SECOND = [
  { op: 'extract_date_part', params: { column: 'created_date', part: 'month' } }, // dates
  { op: 'shuffle_rows', params: { seed: 424242 } }, // rows
  { op: 'remove_duplicates', params: { subset: ['lead_id'] } }, // rows
  { op: 'lookup', params: { lookup_table: 'channels', lookup_column: 'campaign_source', lookup_key: 'source', return_columns: ['channel'], default_value: 'other' } }, // tables
];
/**
 * Its own apply: a plan step's code preview is rendered against the current version's columns, so an aggregate of
 * columns added earlier in the same plan answers 500 today (src/commands/session/plan-steps.ts renders every step
 * with the version's schema, not the step's input schema).
 */
const THIRD = [
  { op: 'aggregate', params: { group_by: ['channel', 'status'], aggregations: { score_x2: 'sum', lead_id: 'count', created_date_month: 'max' } } }, // groups
];

/** Next month's leads: the same columns, other people, other messes. */
function freshLeads(): string {
  const sources = ['Google Ads', ' linkedin', 'Referral', 'FACEBOOK ADS', 'email campaign', 'Trade Show', 'cold call', ''];
  const statuses = ['qualified', 'Contacted ', 'CONVERTED', 'new', 'Qualifed', ''];
  const lines = [LEADS_COLUMNS.join(',')];
  for (let i = 0; i < 40; i++) {
    const id = 2001 + (i % 37); // three repeated ids
    const score = i % 9 === 0 ? 'n/a' : String(40 + ((i * 13) % 60));
    const date = i % 2 === 0 ? `2024-02-${String(1 + (i % 28)).padStart(2, '0')}` : `03/${String(1 + (i % 28)).padStart(2, '0')}/2024`;
    lines.push([id, ` person${i} `, `Family${i % 7}`, `p${i}@example.org`, `555-01${String(i).padStart(2, '0')}`, `Co ${i % 5}`, sources[i % sources.length], score, date, statuses[i % statuses.length]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe.each(targets)('module replay on $name', (target) => {
  const ctx = useTestApp(target);
  const client = moduleClient(ctx.inject);

  it('replays a chain with every category of primitive bit-identically to applying the same steps interactively', { timeout: 240_000 }, async () => {
    const categories = new Set<string>();
    for (const s of [...FIRST, ...SECOND, ...THIRD]) categories.add((await client.json({ method: 'GET', url: `/api/v1/primitives/${s.op}` })).category);
    expect([...categories].sort()).toEqual(['calculate', 'columns', 'dates', 'format', 'groups', 'quality', 'rows', 'tables', 'text']);

    const moduleSession = await client.createSession();
    await client.upload(moduleSession, 'messy_marketing_leads.csv', LEADS);
    await client.upload(moduleSession, 'channels.csv', CHANNELS, 'tables');
    await client.apply(moduleSession, FIRST);
    await client.apply(moduleSession, SECOND);
    await client.apply(moduleSession, THIRD);
    const deployed = await client.deploy(moduleSession);
    const module = await client.json({ method: 'GET', url: `/api/v1/sessions/${moduleSession}/module` });
    expect(module.step_count).toBe(11);
    expect(module.tables.map((t: { name: string }) => t.name)).toEqual(['channels']);
    expect(new Set(module.steps.map((s: { node_id: string }) => s.node_id)).size).toBe(3);
    expect(module.steps.at(-1).node_id).toBe(deployed.deployed_node_id);

    const fresh = freshLeads();
    const run = (await client.run(moduleSession, 'leads-march.csv', fresh)).json();
    expect(run).toMatchObject({ status: 'success', confidence_level: 'HIGH' });
    expect(run.column_mappings.every((m: { match_type: string }) => m.match_type === 'exact')).toBe(true);

    // The same steps applied by hand to the fresh file in another session, with the same attached table.
    const byHand = await client.createSession();
    await client.upload(byHand, 'leads-march.csv', fresh);
    await client.upload(byHand, 'channels.csv', CHANNELS, 'tables');
    await client.apply(byHand, FIRST);
    await client.apply(byHand, SECOND);
    const node = await client.apply(byHand, THIRD);
    const nodeDetail = await client.json({ method: 'GET', url: `/api/v1/sessions/${byHand}/nodes/${node.node_id}` });
    const detail = await client.json({ method: 'GET', url: `/api/v1/sessions/${moduleSession}/runs/${run.run_id}` });
    const runOutput = await client.download(moduleSession, run.run_id);
    const nodeOutput = (await ctx.inject({ method: 'GET', url: `/api/v1/sessions/${byHand}/nodes/${node.node_id}/data?escape_formulas=false` })).rawPayload;
    expect(runOutput.toString()).toBe(nodeOutput.toString());
    expect(runOutput.equals(nodeOutput)).toBe(true);
    expect(detail.output_storage_path).toBe(nodeDetail.storage_path);
    expect(run.output_rows).toBeGreaterThan(3);
    expect(runOutput.toString().split('\n')[0]).toBe('channel,status,lead_id,score_x2,created_date_month');
  });
});
