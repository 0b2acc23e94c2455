import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ModulesTable } from '../db/module-schema.js';
import { moduleNotDeployed } from '../commands/module/module-decider.js';
import type { SessionRow } from './sessions.js';

export type ModuleRow = Selectable<ModulesTable>;

/** The session's deployed module version, or MODULE_NOT_DEPLOYED. */
export async function findDeployedModule(db: Kysely<DB>, session: SessionRow): Promise<ModuleRow> {
  if (!session.deployed_node_id || session.module_version === null) throw moduleNotDeployed(session.id);
  const row = await db.selectFrom('modules').selectAll().where('session_id', '=', session.id).where('module_version', '=', session.module_version).executeTakeFirst();
  if (!row) throw moduleNotDeployed(session.id);
  return row;
}

/** GET /sessions/{id}/module (API.md §11.2): the deployed module, its frozen steps and its schema contract. */
export function moduleObject(row: ModuleRow) {
  const steps = row.steps as { step_number: number; node_id: string; op: string; params: Record<string, unknown>; reference_time: string }[];
  return {
    session_id: row.session_id,
    module_version: row.module_version,
    deployed_node_id: row.deployed_node_id,
    root_node_id: row.root_node_id,
    deployed_at: row.deployed_at,
    step_count: row.step_count,
    tables: (row.tables as { id: string; name: string; hash: string }[]).map((t) => ({ table_id: t.id, name: t.name, content_hash: t.hash })),
    steps: steps.map((s) => ({ step_number: s.step_number, node_id: s.node_id, transformation_type: s.op, parameters: s.params, reference_time: s.reference_time })),
    contract: row.contract,
  };
}
