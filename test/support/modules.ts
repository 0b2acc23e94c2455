import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { readCanonicalCsv, readCsv, writeCsv, type DataTable } from '../../src/engine/index.js';
import { runPlan } from '../../src/engine/plan/index.js';
import { allColumns, selectColumns, setColumns } from '../../src/engine/table-ops.js';
import { columnValues, makeDataTable, rowCount } from '../../src/engine/table.js';
import { multipart, SAMPLES_DIR } from './test-service.js';

/** The messy leads sample: the file a module's contract is built from in the module tests. */
export const LEADS = fs.readFileSync(path.join(SAMPLES_DIR, 'messy_marketing_leads.csv'));
export const LEADS_COLUMNS = ['lead_id', 'first_name', 'last_name', 'email', 'phone_number', 'company', 'campaign_source', 'lead_score', 'created_date', 'status'];

const leadsTable = (): DataTable => readCsv(LEADS).table;
const bytesOf = (table: DataTable): Buffer => Buffer.from(writeCsv(table));

export function renamedColumns(table: DataTable, names: Record<string, string>): DataTable {
  return makeDataTable(table.schema.map((c) => ({ name: names[c.name] ?? c.name, type: c.type })), allColumns(table));
}

/** Next month's file in the shapes the issue lists, each built from the leads sample's own values. */
export const leadsVariants = {
  reordered: () => bytesOf(selectColumns(leadsTable(), [...LEADS_COLUMNS].reverse())),
  extraColumns: () => {
    const t = leadsTable();
    const n = rowCount(t);
    const pick = <T>(values: T[]) => Array.from({ length: n }, (_, i) => values[i % values.length]);
    return bytesOf(
      setColumns(t, [
        { name: 'region', type: 'string', values: pick(['West', 'East', 'North', 'South']) },
        { name: 'industry', type: 'string', values: pick(['Retail', 'Software', 'Finance']) },
        { name: 'employees', type: 'integer', values: pick([12, 250, 40, 3000, 7]) },
        { name: 'website', type: 'string', values: pick(['https://acme.com', 'https://techstart.io', 'https://bigco.net']) },
      ]),
    );
  },
  /** Five columns renamed the way people rename them. */
  renamed: () => bytesOf(renamedColumns(leadsTable(), RENAMES)),
  withTitleLines: () => Buffer.concat([Buffer.from('Marketing leads export\nGenerated at 2024-02-01 09:00 UTC\n'), LEADS]),
  without: (...dropped: string[]) => bytesOf(selectColumns(leadsTable(), LEADS_COLUMNS.filter((c) => !dropped.includes(c)))),
  /** lead_score now holds words. */
  scoreAsWords: () => {
    const t = leadsTable();
    const words = ['high', 'medium', 'low', 'very high'];
    return bytesOf(setColumns(t, [{ name: 'lead_score', type: 'string', values: columnValues(t, 'lead_id').map((_, i) => words[i % words.length]) }]));
  },
};

export const RENAMES: Record<string, string> = { email: 'E-Mail', phone_number: 'Phone', first_name: 'FirstName', last_name: 'surname', created_date: 'Created Date' };

export const INVENTORY = [
  'sku,product_name,warehouse,quantity_on_hand,unit_cost,reorder_level,last_restocked,supplier',
  'SKU-001,Widget A,North,120,2.50,30,2024-01-05,Acme Supply',
  'SKU-002,Widget B,South,0,3.75,25,2024-01-09,Globex',
  'SKU-003,Gadget,North,48,12.00,10,2024-01-11,Initech',
  'SKU-004,Gizmo XL,East,7,45.10,5,2024-01-12,Acme Supply',
  'SKU-005,Bolt M4,West,5300,0.04,1000,2024-01-15,Fasteners Inc',
].join('\n');

/**
 * "By hand": the file read like an upload, its columns renamed to the contract's names, stored and read back as a
 * version is, then the module's steps run with the run's reference time — what a run must reproduce byte for byte.
 */
export function runByHand(bytes: Uint8Array, renames: Record<string, string>, steps: { op: string; params: unknown }[], now: string): Buffer {
  const table = readCanonicalCsv(writeCsv(renamedColumns(readCsv(bytes).table, renames)));
  const result = runPlan(table, steps, { now });
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return Buffer.from(writeCsv(result.table));
}

type Inject = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/** The HTTP calls the module tests make, on one service. */
export function moduleClient(inject: Inject) {
  const json = async (options: InjectOptions, status = 200) => {
    const res = await inject(options);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const upload = (id: string, filename: string, content: Buffer | string, url = 'upload') => {
    const form = multipart(filename, content);
    return json({ method: 'POST', url: `/api/v1/sessions/${id}/${url}`, payload: form.payload, headers: form.headers });
  };
  return {
    json,
    upload,
    createSession: async (): Promise<string> => (await json({ method: 'POST', url: '/api/v1/sessions' })).session_id,
    apply: async (id: string, steps: object[]) => {
      await json({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps } });
      const applied = await json({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply?wait=60`, payload: { confirmed: true } });
      expect(applied.success, JSON.stringify(applied)).toBe(true);
      return applied as { node_id: string; task_id: string };
    },
    deploy: (id: string) => json({ method: 'POST', url: `/api/v1/sessions/${id}/deploy` }),
    run: (id: string, filename: string, content: Buffer | string, query = '', fields: Record<string, string> = {}) => {
      const form = multipart(filename, content, fields);
      return inject({ method: 'POST', url: `/api/v1/sessions/${id}/run${query}`, payload: form.payload, headers: form.headers });
    },
    download: async (id: string, runId: string, query = '?escape_formulas=false') => {
      const res = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/runs/${runId}/download${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.rawPayload;
    },
  };
}
