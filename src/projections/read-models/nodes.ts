import { defineProjection, json, streamEntityId } from '../projection.js';

/** `nodes`: every version of every session; a node row never changes its data once written. */
export const nodesProjection = defineProjection({
  name: 'nodes',
  tables: ['nodes'],
  handlers: {
    TransformationApplied: (e, q) => [
      q
        .insertInto('nodes')
        .values(
          e.data.nodes.map((n) => ({
            id: n.node_id,
            session_id: streamEntityId(e.streamId),
            parent_id: n.parent_id,
            storage_path: n.storage_key,
            transformation: n.transformation,
            transformation_code: n.transformation_code,
            profile_json: json(n.profile),
            row_count: n.row_count,
            column_count: n.column_count,
            created_at: e.recordedAt,
            kind: 'transform',
            filename: null,
            content_hash: n.content_hash,
            original_storage_path: null,
            original_hash: null,
            ingest: null,
            steps: json(n.steps),
            step_stats: json(n.step_stats),
            checks: json(n.checks),
            engine_version: e.data.engine_version,
            task_id: e.data.task_id,
            discarded: false,
            position: e.position,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
    NodeRenamed: (e, q) => [q.updateTable('nodes').set({ name: e.data.name }).where('id', '=', e.data.node_id).compile()],
    NodeHidden: (e, q) => [q.updateTable('nodes').set({ discarded: true }).where('id', '=', e.data.node_id).compile()],
    CurrentNodeChanged: (e, q) => [q.updateTable('nodes').set({ discarded: false }).where('id', '=', e.data.to_node_id).compile()],
    FileUploaded: (e, q) => [
      q
        .insertInto('nodes')
        .values({
          id: e.data.node_id,
          session_id: streamEntityId(e.streamId),
          parent_id: null,
          storage_path: e.data.storage_key,
          transformation: null,
          transformation_code: null,
          profile_json: json(e.data.profile),
          row_count: e.data.row_count,
          column_count: e.data.column_count,
          created_at: e.recordedAt,
          kind: 'upload',
          filename: e.data.filename,
          content_hash: e.data.content_hash,
          original_storage_path: e.data.original_key,
          original_hash: e.data.original_hash,
          ingest: json(e.data.ingest),
          steps: json([]),
          step_stats: json([]),
          engine_version: e.data.engine_version,
          discarded: false,
          position: e.position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
  },
});
