import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tableNameFromFilename } from '../../src/commands/session/attach-table.js';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

describe.each(targets)('attached tables API on $name', (target) => {
  const ctx = useTestApp(target);
  const inject = ctx.inject;
  const attach = (id: string, filename: string, content: string, fields: Record<string, string> = {}) => {
    const form = multipart(filename, content, fields);
    return inject({ method: 'POST', url: `/api/v1/sessions/${id}/tables`, payload: form.payload, headers: form.headers });
  };

  it('attaches a table, lists it and shows it with its profile and first rows', async () => {
    const id = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    const res = await attach(id, 'Regions 2026.csv', 'code,region\nNO,Nordics\nSE,Nordics\nDE,DACH\n');
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json();
    expect(table).toMatchObject({ session_id: id, name: 'Regions_2026', filename: 'Regions 2026.csv', row_count: 3, column_count: 2 });
    expect(table.columns.map((c: { name: string }) => c.name)).toEqual(['code', 'region']);
    expect(table.content_hash).toMatch(/^sha256:/);
    const named = (await attach(id, 'x.csv', 'a\n1\n', { name: 'lookup_codes' })).json();
    expect(named.name).toBe('lookup_codes');
    const list = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/tables` })).json();
    expect(list.total).toBe(2);
    expect(list.tables.map((x: { table_id: string }) => x.table_id)).toEqual([table.table_id, named.table_id]);
    const one = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/tables/${table.table_id}?rows=2` })).json();
    expect(one.preview).toEqual([{ code: 'NO', region: 'Nordics' }, { code: 'SE', region: 'Nordics' }]);
    expect(one.profile.row_count).toBe(3);
    // The session's own data is untouched by an attached table.
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}` })).json().current_node_id).toBeNull();
  });

  it('refuses bad names, bad files, unknown tables and archived sessions', async () => {
    const id = (await inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    expect((await attach(id, 'x.csv', 'a\n1\n', { name: '1bad name' })).json().code).toBe('VALIDATION_ERROR');
    expect((await attach(id, 'x.png', 'a\n1\n')).json().code).toBe('INVALID_FILE_TYPE');
    expect((await attach(id, 'x.csv', '')).json().code).toBe('FILE_READ_ERROR');
    const missing = await inject({ method: 'GET', url: `/api/v1/sessions/${id}/tables/${randomUUID()}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('TABLE_NOT_FOUND');
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${randomUUID()}/tables` })).json().code).toBe('SESSION_NOT_FOUND');
    await inject({ method: 'DELETE', url: `/api/v1/sessions/${id}` });
    const archived = await attach(id, 'x.csv', 'a\n1\n');
    expect(archived.statusCode).toBe(400);
    expect(archived.json().code).toBe('SESSION_ARCHIVED');
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/tables` })).json().total).toBe(0);
  });
});

describe('table names from filenames', () => {
  it.each([
    ['customers.csv', 'customers'],
    ['Q3 export (final).csv', 'Q3_export_final'],
    ['2026-regions.tsv', 't_2026_regions'],
    ['***.csv', 'table'],
  ])('%s → %s', (filename, name) => {
    expect(tableNameFromFilename(filename)).toBe(name);
  });
});
