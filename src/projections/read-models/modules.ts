import { defineProjection, json, streamEntityId } from '../projection.js';

/** `modules`: every deployed version of every session's module, with its frozen chain and schema contract. */
export const modulesProjection = defineProjection({
  name: 'modules',
  tables: ['modules'],
  handlers: {
    ModuleDeployed: (e, q) => [
      q
        .insertInto('modules')
        .values({
          session_id: streamEntityId(e.streamId),
          module_version: e.data.module_version,
          deployed_node_id: e.data.deployed_node_id,
          root_node_id: e.data.root_node_id,
          deployed_at: e.recordedAt,
          undeployed_at: null,
          step_count: e.data.steps.length,
          steps: json(e.data.steps),
          tables: json(e.data.tables),
          contract: json(e.data.contract),
          fingerprint: String(e.data.contract.fingerprint ?? ''),
          position: e.position,
        })
        .onConflict((oc) => oc.columns(['session_id', 'module_version']).doNothing())
        .compile(),
    ],
    ModuleUndeployed: (e, q) => [
      q
        .updateTable('modules')
        .set({ undeployed_at: e.recordedAt })
        .where('session_id', '=', streamEntityId(e.streamId))
        .where('module_version', '=', e.data.module_version)
        .compile(),
    ],
  },
});
