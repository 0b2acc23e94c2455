import { describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../src/projections/index.js';
import { databaseTargets } from '../support/databases.js';
import { multipart, useTestApp } from '../support/test-service.js';

const targets = await databaseTargets();

describe.each(targets)('undo, redo, rollback and lineage on $name', (target) => {
  const ctx = useTestApp(target);
  const inject = ctx.inject;
  const post = (url: string, payload?: object) => inject({ method: 'POST', url, payload });

  it('moves the pointer through the tree, branches after a rollback, and never deletes a version', async () => {
    const id = (await post('/api/v1/sessions')).json().session_id;
    const form = multipart('n.csv', 'name,n\nb,2\na,1\nc,3\n');
    const root = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).json().node_id;
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'sort_rows', params: { columns: ['n'] } }, { op: 'head_rows', params: { n: 2 } }] });
    const [first, second] = (await post(`/api/v1/sessions/${id}/plan/apply`, { mode: 'one_by_one', confirmed: true })).json().node_ids;

    const undo = (await post(`/api/v1/sessions/${id}/undo`)).json();
    expect(undo).toMatchObject({ success: true, previous_node_id: second, current_node_id: first });
    expect(undo.message).toBe(`Rolled back to node ${first.slice(0, 8)}... (row count: 3)`);
    expect((await post(`/api/v1/sessions/${id}/undo`)).json().current_node_id).toBe(root);
    const atRoot = await post(`/api/v1/sessions/${id}/undo`);
    expect(atRoot.statusCode).toBe(400);
    expect(atRoot.json()).toMatchObject({ code: 'INVALID_STATE', detail: 'Cannot undo: this is the original data (root node)' });

    expect((await post(`/api/v1/sessions/${id}/redo`)).json().current_node_id).toBe(first);
    expect((await post(`/api/v1/sessions/${id}/redo`)).json().current_node_id).toBe(second);
    expect((await post(`/api/v1/sessions/${id}/redo`)).json()).toMatchObject({ code: 'INVALID_STATE', detail: 'Nothing to redo' });
    expect((await post(`/api/v1/sessions/${id}/rollback`, { target_node_id: second })).json().message).toBe('Already at this node');

    const back = (await post(`/api/v1/sessions/${id}/rollback`, { target_node_id: root })).json();
    expect(back).toMatchObject({ previous_node_id: second, current_node_id: root });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/preview` })).json().row_count).toBe(3);
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'sort_rows', params: { columns: ['name'] } }] });
    const branch = (await post(`/api/v1/sessions/${id}/plan/apply`)).json().node_id;
    const nodes = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json();
    expect(nodes.map((n: { id: string; parent_id: string | null; is_current: boolean }) => [n.id, n.parent_id, n.is_current])).toEqual([
      [root, null, false],
      [first, root, false],
      [second, first, false],
      [branch, root, true],
    ]);
    const history = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/history` })).json();
    expect(history.messages.map((m: { content: string }) => m.content)).toContain(`Rolled back to previous version (node ${root.slice(0, 8)}...)`);

    const lineage = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/lineage/${second}` })).json();
    expect(lineage.map((n: { id: string }) => n.id)).toEqual([root, first, second]);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/lineage/${second}?depth=2` })).json().map((n: { id: string }) => n.id)).toEqual([first, second]);
    expect((await rebuildProjections(ctx.t.database.db)).identical).toBe(true);
  });

  it('names a version, discards the current one (kept, hidden) and restores it by rollback', async () => {
    const id = (await post('/api/v1/sessions')).json().session_id;
    const form = multipart('n.csv', 'name,n\nb,2\na,1\n');
    const root = (await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers })).json().node_id;
    await post(`/api/v1/sessions/${id}/plan/steps`, { steps: [{ op: 'sort_rows', params: { columns: ['n'] } }] });
    const child = (await post(`/api/v1/sessions/${id}/plan/apply`)).json().node_id;
    const named = await inject({ method: 'PATCH', url: `/api/v1/sessions/${id}/nodes/${child}`, payload: { name: '  Sorted by n ' } });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ id: child, transformation: 'Sorted by n', is_current: true });
    expect((await inject({ method: 'DELETE', url: `/api/v1/sessions/${id}/nodes/${root}` })).json()).toMatchObject({ code: 'INVALID_STATE', detail: 'Only the current (latest) node can be deleted' });
    const deleted = (await inject({ method: 'DELETE', url: `/api/v1/sessions/${id}/nodes/${child}` })).json();
    expect(deleted).toEqual({ success: true, session_id: id, deleted_node_id: child, new_current_node_id: root, message: "Deleted 'Sorted by n'." });
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json().map((n: { id: string }) => n.id)).toEqual([root]);
    const all = (await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes?include_discarded=true` })).json();
    expect(all.map((n: { id: string; discarded: boolean }) => [n.id, n.discarded])).toEqual([[root, false], [child, true]]);
    expect((await post(`/api/v1/sessions/${id}/redo`)).json().code).toBe('INVALID_STATE');
    expect((await inject({ method: 'DELETE', url: `/api/v1/sessions/${id}/nodes/${root}` })).json().detail).toBe('Cannot delete the original data (root node)');
    expect((await post(`/api/v1/sessions/${id}/rollback`, { target_node_id: child })).json().current_node_id).toBe(child);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/nodes` })).json().map((n: { id: string }) => n.id)).toEqual([root, child]);
    expect((await rebuildProjections(ctx.t.database.db)).identical).toBe(true);
  });

  it('answers unknown nodes, sessions without data and malformed bodies', async () => {
    const id = (await post('/api/v1/sessions')).json().session_id;
    expect((await post(`/api/v1/sessions/${id}/undo`)).json().code).toBe('NO_DATA');
    const form = multipart('n.csv', 'a\n1\n');
    await inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers });
    const missing = await post(`/api/v1/sessions/${id}/rollback`, { target_node_id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NODE_NOT_FOUND');
    expect((await post(`/api/v1/sessions/${id}/rollback`, {})).statusCode).toBe(422);
    expect((await inject({ method: 'GET', url: `/api/v1/sessions/${id}/lineage/00000000-0000-4000-8000-000000000000` })).json().code).toBe('NODE_NOT_FOUND');
  });
});
