import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { countVersions, verifyAll } from '../../src/audit/verify.js';
import { createPgliteTestDatabase } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const CSV = 'id,name,joined\n1,  Ann ,2024-01-05\n2,bob,2023-12-30\n3,Cy  ,2024-02-11\n4,dee,2022-07-01\n';
const REGIONS = 'id,region\n1,North\n2,South\n4,West\n';

describe('replay and verify of versions (GET /nodes/{nid}/verify)', () => {
  const ctx = useTestApp({ create: () => createPgliteTestDatabase() });
  const inject = ctx.inject;
  const post = (url: string, payload?: object) => inject({ method: 'POST', url, payload });
  const upload = (id: string, name: string, csv: string, url = 'upload') => {
    const form = multipart(name, csv);
    return inject({ method: 'POST', url: `/api/v1/sessions/${id}/${url}`, payload: form.payload, headers: form.headers });
  };
  const verify = async (id: string, nid: string) => (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${nid}/verify` })).json();

  /** A session whose versions use every recorded input: reading options, seeds, the reference time, an attached table. */
  async function seededSession() {
    const id = (await post('/api/v1/sessions')).json().session_id;
    const root = (await upload(id, 'people.csv', CSV)).json().node_id;
    expect((await upload(id, 'regions.csv', REGIONS, 'tables')).statusCode).toBe(200);
    const steps = [
      { op: 'trim_whitespace', params: { columns: ['name'] } },
      { op: 'join_tables', params: { right_table: 'regions', left_on: 'id', right_on: 'id', how: 'left' } },
      { op: 'generate_uuid', params: { new_column: 'uid', format: 'uuid4', seed: 7 } },
      { op: 'shuffle_rows', params: { seed: 99 } },
    ];
    const added = await post(`/api/v1/sessions/${id}/plan/steps`, { steps });
    expect(added.statusCode, added.body).toBe(200);
    const applied = (await post(`/api/v1/sessions/${id}/plan/apply`, { mode: 'one_by_one', confirmed: true })).json();
    expect(applied.node_ids).toHaveLength(4);
    await post(`/api/v1/sessions/${id}/undo`);
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'sample_rows', params: { n: 2, seed: 3 } }] });
    const branch = (await post(`/api/v1/sessions/${id}/plan/apply`, { confirmed: true })).json().node_id;
    const second = (await upload(id, 'people2.csv', CSV.replaceAll(',', ';'))).json().node_id;
    return { id, root, nodes: applied.node_ids as string[], branch, second };
  }

  it('rebuilds every version bit for bit from the log and the original uploads, with the lineage', async () => {
    const s = await seededSession();
    for (const nid of [s.root, ...s.nodes, s.branch, s.second]) {
      const v = await verify(s.id, nid);
      expect(v, nid).toMatchObject({ session_id: s.id, node_id: nid, status: 'MATCH', stored: 'ok', first_difference: null });
      expect(v.replayed_hash).toBe(v.expected_hash);
    }
    const leaf = await verify(s.id, s.nodes[3]);
    expect(leaf.lineage.map((n: { node_id: string }) => n.node_id)).toEqual([s.root, ...s.nodes]);
    expect(leaf.lineage.map((n: { ops: string[] }) => n.ops)).toEqual([[], ['trim_whitespace'], ['join_tables'], ['generate_uuid'], ['shuffle_rows']]);
    expect(leaf.steps_replayed).toBe(4);
    const detail = (await inject({ method: 'GET', url: `/api/v1/sessions/${s.id}/nodes/${s.nodes[3]}` })).json();
    expect(leaf.expected_hash).toBe(detail.content_hash);
    // The whole session at once (each tree walked once), and only what was made since a point.
    const all = await verifyAll(ctx.t.database.db, ctx.api.service.blobs, { sessionId: s.id });
    expect(all.verdicts.map((v) => v.node_id).sort()).toEqual([s.root, ...s.nodes, s.branch, s.second].sort());
    expect(all.counts).toEqual({ MATCH: 7, MISMATCH: 0, MISSING_BLOB: 0 });
    const branchAt = (await inject({ method: 'GET', url: `/api/v1/sessions/${s.id}/nodes/${s.branch}` })).json().created_at;
    const since = await verifyAll(ctx.t.database.db, ctx.api.service.blobs, { sessionId: s.id, since: new Date(branchAt) });
    expect(since.verdicts.map((v) => v.node_id)).toEqual([s.branch, s.second]);
    expect(await countVersions(ctx.t.database.db, { sessionId: s.id, since: new Date(branchAt) })).toBe(2);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${s.id}/nodes/${randomUUID()}/verify` })).json().code).toBe('NODE_NOT_FOUND');
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${randomUUID()}/nodes/${s.root}/verify` })).json().code).toBe('SESSION_NOT_FOUND');
  });

  it('names the damaged version when a stored copy is corrupted, and every descendant when an original is missing', async () => {
    const s = await seededSession();
    const blobsDir = path.join(ctx.api.service.config.DATA_DIR, 'blobs');
    const blobPath = (key: string) => path.join(blobsDir, 'sha256', key.slice(7, 9), key.slice(7));
    const leaf = (await inject({ method: 'GET', url: `/api/v1/sessions/${s.id}/nodes/${s.nodes[3]}` })).json();
    fs.appendFileSync(blobPath(leaf.storage_path), 'tampered\n');
    const damaged = await verify(s.id, s.nodes[3]);
    expect(damaged).toMatchObject({ status: 'MISMATCH', stored: 'corrupt', first_difference: { node_id: s.nodes[3] } });
    expect(damaged.replayed_hash).toBe(damaged.expected_hash);
    expect((await verify(s.id, s.nodes[2])).status).toBe('MATCH');

    const root = (await inject({ method: 'GET', url: `/api/v1/sessions/${s.id}/nodes/${s.second}` })).json();
    const events = (await inject({ method: 'GET', url: `/api/v1/sessions/${s.id}/events?types=FileUploaded` })).json().events;
    const original = events.find((e: { data: { node_id: string } }) => e.data.node_id === root.id).data.original_key;
    fs.rmSync(blobPath(original));
    expect(await verify(s.id, s.second)).toMatchObject({ status: 'MISSING_BLOB', first_difference: { node_id: s.second, reason: `blob ${original} is missing` } });
    expect((await verify(s.id, s.branch)).status).toBe('MATCH');
  });

  it('locates the first differing step when the recorded parameters no longer reproduce the output', async () => {
    const s = await seededSession();
    // Tampering with the log is impossible through the API; here the recorded seed of one row of the log is changed
    // in place, as a corrupted database would, to prove the step is named.
    await sql`UPDATE events SET data = jsonb_set(data, '{nodes,3,steps,0,params,seed}', '12345'::jsonb)
              WHERE type = 'TransformationApplied' AND data->'nodes'->3->>'node_id' = ${s.nodes[3]}`.execute(ctx.t.database.db);
    const v = await verify(s.id, s.nodes[3]);
    expect(v.status).toBe('MISMATCH');
    expect(v.first_difference).toMatchObject({ node_id: s.nodes[3], step_number: 1, op: 'shuffle_rows' });
  });
});
