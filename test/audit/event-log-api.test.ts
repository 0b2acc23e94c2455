import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/commands/session/ingest-file.js';
import { upcast } from '../../src/events/index.js';
import { createEventStore } from '../../src/events/event-store.js';
import { createPgliteTestDatabase } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

describe('audit log: filters, request metadata, and an upcast schema version', () => {
  const ctx = useTestApp({ create: () => createPgliteTestDatabase() });
  const inject = ctx.inject;
  const list = async (id: string, query = '') => (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/events${query}` })).json();

  it('filters by type and by time and records who asked, through which request, correlated how', async () => {
    const headers = { 'x-request-id': 'req-audit-1', 'x-correlation-id': 'flow-7' };
    const id = (await inject({ method: 'POST', url: '/api/v1/sessions', headers })).json().session_id;
    const form = multipart('a.csv', 'a,b\n2,x\n1,y\n');
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: { ...form.headers, 'x-request-id': 'req-audit-2' } });
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/steps`, payload: { steps: [{ op: 'sort_rows', params: { columns: ['a'] } }] } });
    const apply = await inject({ method: 'POST', url: `/api/v1/sessions/${id}/plan/apply`, payload: {}, headers: { 'x-request-id': 'req-apply' } });
    expect(apply.json().status).toBe('SUCCESS');

    const all = await list(id);
    const byType = (type: string) => all.events.find((e: { type: string }) => e.type === type);
    expect(byType('SessionCreated').metadata).toMatchObject({ actor: '00000000-0000-0000-0000-000000000000', request_id: 'req-audit-1', correlation_id: 'flow-7', causation_id: null, idempotency_key: null });
    expect(byType('FileUploaded').metadata).toMatchObject({ request_id: 'req-audit-2', correlation_id: 'req-audit-2' });
    const requested = byType('PlanApplyRequested');
    expect(requested.metadata).toMatchObject({ request_id: 'req-apply' });
    // The worker's outcome names the request that caused it.
    expect(byType('TransformationApplied').metadata).toMatchObject({ actor: 'worker', causation_id: requested.event_id, correlation_id: 'req-apply', request_id: 'req-apply' });
    for (const e of all.events) expect(e.event_id).toMatch(/^[0-9a-f-]{36}$/);

    const middle = all.events[2].recorded_at;
    const since = await list(id, `?since=${encodeURIComponent(middle)}`);
    expect(since.events.map((e: { position: number }) => e.position)).toEqual(all.events.filter((e: { recorded_at: string }) => e.recorded_at >= middle).map((e: { position: number }) => e.position));
    const until = await list(id, `?until=${encodeURIComponent(middle)}&types=FileUploaded,PlanApplyRequested`);
    expect(until.events.map((e: { type: string }) => e.type)).toEqual(['FileUploaded']);
    expect(until.total).toBe(all.total);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/events?since=last-week` })).statusCode).toBe(422);
  });

  it('loads FileUploaded rows written at schema version 1 through the upcaster: reads, projections and replay', async () => {
    const id = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    // What an older release appended: FileUploaded v1 had no read_options.
    const bytes = Buffer.from('name;score\nann;3\nbob;5\n');
    const file = await ingestFile(ctx.api.service, 'old.csv', bytes, { delimiter: ';' });
    const nodeId = randomUUID();
    const v1 = {
      node_id: nodeId,
      filename: 'old.csv',
      size_bytes: bytes.length,
      original_hash: file.original.hash,
      original_key: file.original.key,
      content_hash: file.stored.hash,
      storage_key: file.stored.key,
      row_count: 2,
      column_count: 2,
      columns: file.table.schema.map((c) => ({ name: c.name, type: c.type })),
      profile: file.profile,
      ingest: file.ingest,
      previous_root_node_id: null,
      engine_version: '0.0.9',
    };
    const payload = [{ event_id: randomUUID(), type: 'FileUploaded', schema_version: 1, data: v1, metadata: { actor: 'old-release' }, recorded_at: new Date().toISOString() }];
    const db = ctx.t.database.db;
    const { rows } = await sql<{ event_position: number; event_transaction_id: string }>`
      SELECT * FROM append_events(${`session-${id}`}, '1', ${JSON.stringify(payload)}::jsonb, NULL)`.execute(db);
    await ctx.api.service.settle({ transactionId: rows[0].event_transaction_id, position: Number(rows[0].event_position) });

    const stored = await db.selectFrom('events').select(['schema_version', 'data']).where('position', '=', Number(rows[0].event_position)).executeTakeFirstOrThrow();
    expect(stored.schema_version).toBe(1);
    expect(stored.data).not.toHaveProperty('read_options');

    const expected = { delimiter: ';', encoding: 'utf-8', header_row: 0, bad_lines: 'report' };
    expect(upcast('FileUploaded', 1, v1)).toEqual({ schemaVersion: 2, data: { ...v1, read_options: expected } });
    const [, loaded] = await createEventStore(db).readStream(`session-${id}`);
    expect(loaded).toMatchObject({ type: 'FileUploaded', schemaVersion: 2, data: { read_options: expected } });
    const listed = (await list(id, '?types=FileUploaded')).events[0];
    expect(listed).toMatchObject({ schema_version: 2, data: { node_id: nodeId, read_options: expected } });

    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}` })).json()).toMatchObject({ current_node_id: nodeId, row_count: 2 });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes/${nodeId}/verify` })).json()).toMatchObject({ status: 'MATCH', stored: 'ok' });

    // New uploads are written at version 2 with the options they asked for.
    const form = multipart('new.csv', 'a|b\n1|2\n', { delimiter: '|' });
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
    const fresh = (await list(id, '?types=FileUploaded')).events[1];
    expect(fresh).toMatchObject({ schema_version: 2, data: { read_options: { delimiter: '|', encoding: 'auto', header_row: 'auto', bad_lines: 'report' } } });
    const raw = await db.selectFrom('events').select('schema_version').where('position', '=', fresh.position).executeTakeFirstOrThrow();
    expect(raw.schema_version).toBe(2);
  });
});
