import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();
const REPO = path.resolve(import.meta.dirname, '../..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const CSV = ['name,region_code,amount', '  ann ,NO,10', 'Bob,DE,5', ' cara,SE,7', 'dan ,XX,2', 'eve,NO,3'].join('\n');
const REGIONS = 'code,region\nNO,Nordics\nSE,Nordics\nDE,DACH\n';

/** Runs a module as a user would (`node chain.mjs your_data.csv > out.csv`) next to an installed `modulardata`. */
const folders: string[] = [];
async function runScript(code: string, files: Record<string, Uint8Array>): Promise<{ stdout: Buffer; stderr: string; code: number | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-code-chain-'));
  folders.push(dir);
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(REPO, path.join(dir, 'node_modules', 'modulardata'), 'dir');
  fs.symlinkSync(path.join(REPO, 'node_modules', 'arquero'), path.join(dir, 'node_modules', 'arquero'), 'dir');
  fs.writeFileSync(path.join(dir, 'chain.mjs'), code);
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, 'chain.mjs', 'your_data.csv'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ stdout: Buffer.concat(out), stderr, code }));
  });
}
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe.each(targets)('GET /sessions/{id}/nodes/{nid}/code-chain on $name', (target) => {
  // Each apply gets its own reference instant, a minute after the previous one.
  let tick = 0;
  const ctx = useTestApp(target, {}, { now: () => new Date(Date.UTC(2026, 10, 28, 9, tick++)) });
  const inject = ctx.inject;
  const post = (url: string, payload?: object) => inject({ method: 'POST', url, payload });

  it('renders the chain root → node as a module that reproduces the node byte for byte, and as JSON steps', async () => {
    const id = (await post('/api/v1/sessions')).json().session_id;
    const form = multipart('people.csv', CSV);
    const root = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).json().node_id;
    const regionsForm = multipart('regions.csv', REGIONS);
    const regions = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/tables`, payload: regionsForm.payload, headers: regionsForm.headers })).json();

    // Two applies: an all-SQL one, then one with a seeded sample, a v1 uuid (reads the apply's instant) and a lookup.
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'trim_whitespace', params: { columns: ['name'] } }, { op: 'change_text_casing', params: { column: 'name', case: 'upper' } }] });
    const first = (await post(`/api/v1/sessions/${id}/plan/apply?wait=120`)).json();
    expect(first.success).toBe(true);
    await post(`/api/v1/sessions/${id}/plan/steps`, {
      steps: [
        { op: 'lookup', params: { lookup_table: 'regions', lookup_column: 'region_code', lookup_key: 'code', return_columns: ['region'], default_value: 'Other' } },
        { op: 'generate_uuid', params: { new_column: 'row_id', format: 'uuid1' } },
        { op: 'sample_rows', params: { n: 4 } },
      ],
    });
    const second = (await post(`/api/v1/sessions/${id}/plan/apply?wait=120`, { confirmed: true })).json();
    expect(second.success, JSON.stringify(second)).toBe(true);
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'generate_uuid', params: { new_column: 'row_id2', format: 'uuid1' } }] });
    const third = (await post(`/api/v1/sessions/${id}/plan/apply?wait=120`)).json();
    expect(third.success).toBe(true);

    const res = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${third.node_id}/code-chain` });
    expect(res.statusCode, res.body).toBe(200);
    const chain = res.json();
    expect(chain).toMatchObject({ session_id: id, node_id: third.node_id, total_steps: 4, language: 'javascript', combined_sql: null });
    expect(chain.steps.map((s: { node_id: string; step_number: number; is_current: boolean }) => [s.node_id, s.step_number, s.is_current])).toEqual([
      [root, 0, false],
      [first.node_id, 1, false],
      [second.node_id, 2, false],
      [third.node_id, 3, true],
    ]);
    expect(chain.steps[0]).toMatchObject({ transformation: null, row_count: 5, column_count: 3 });
    expect(chain.steps[1].transformation_code).toContain('// Step 1: trim_whitespace');
    const code: string = chain.combined_code;
    const node = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${third.node_id}` })).json();
    expect(code).toContain(node.content_hash);
    expect(code).toContain(`engine ${chain.engine_version}`);
    expect(code).toContain('md.readCSV(process.argv[2] ?? "your_data.csv")');
    expect(code).toContain('await md.readCSV("regions.csv")');
    // Each apply's own reference instant is set before its steps.
    expect(code).toContain('md.setNow("2026-11-28T09:');
    expect(code.match(/md\.setNow\(/g)).toHaveLength(3);
    expect(code.match(/^\/\/ Step \d+: /gm)).toHaveLength(6);

    // Run for real on the root's data (and the attached table): the output is the node's stored CSV, byte for byte.
    const blobs = ctx.api.service.blobs;
    const rootRow = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${root}` })).json();
    const tableRow = await ctx.api.service.database.db.selectFrom('session_tables').select('storage_path').where('id', '=', regions.table_id).executeTakeFirstOrThrow();
    const run = await runScript(code, { 'your_data.csv': await blobs.get(rootRow.storage_path), 'regions.csv': await blobs.get(tableRow.storage_path) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.equals(Buffer.from(await blobs.get(node.storage_path)))).toBe(true);

    // JSON: the steps exactly as recorded (seeds filled in), for `modulardata apply --steps`.
    const json = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${third.node_id}/code-chain?format=json` })).json();
    expect(json.tables).toEqual([{ table_id: regions.table_id, name: 'regions' }]);
    expect(json.steps.map((s: { op: string }) => s.op)).toEqual(['trim_whitespace', 'change_text_casing', 'lookup', 'generate_uuid', 'sample_rows', 'generate_uuid']);
    expect(json.steps[4].params.seed).toEqual(expect.any(Number));
    const secondNode = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${second.node_id}` })).json();
    expect(json.steps.slice(2, 5)).toEqual(secondNode.steps.map((s: { op: string; params: object }) => ({ op: s.op, params: s.params })));

    // An all-SQL chain also comes as one query; the root alone is a plain copy.
    const sqlChain = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${first.node_id}/code-chain` })).json();
    expect(sqlChain.combined_sql).toMatch(/^WITH "s0" AS \(SELECT \* FROM "input"\),\n"s1" AS \(/);
    expect(sqlChain.combined_sql).toMatch(/SELECT \* FROM "s2" ORDER BY "_row"$/);
    const rootChain = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${root}/code-chain` })).json();
    expect(rootChain).toMatchObject({ total_steps: 1, steps: [{ node_id: root, step_number: 0 }] });
  });

  it('answers NODE_NOT_FOUND for a node of no session or another session, and 422 for an unknown format', async () => {
    const id = (await post('/api/v1/sessions')).json().session_id;
    const other = (await post('/api/v1/sessions')).json().session_id;
    const form = multipart('a.csv', 'a\n1\n');
    const node = (await inject({ method: 'POST', url: `/api/v1/sessions/${other}/upload`, payload: form.payload, headers: form.headers })).json().node_id;
    const res = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${node}/code-chain` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NODE_NOT_FOUND' });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${other}/nodes/${node}/code-chain?format=python` })).statusCode).toBe(422);
  });
});
