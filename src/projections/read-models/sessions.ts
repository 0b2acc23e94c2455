import { sql } from 'kysely';
import { defineProjection, json, streamEntityId } from '../projection.js';

/** `sessions`: one row per session; `version` is the session stream's version (ETag / If-Match). */
export const sessionsProjection = defineProjection({
  name: 'sessions',
  tables: ['sessions'],
  handlers: {
    SessionCreated: (e, q) => [
      q
        .insertInto('sessions')
        .values({
          id: e.data.session_id,
          status: 'draft',
          original_filename: e.data.name ?? 'pending_upload.csv',
          current_node_id: null,
          created_at: e.recordedAt,
          updated_at: e.recordedAt,
          name: e.data.name,
          owner_id: e.data.owner_id,
          metadata: json(e.data.metadata),
          version: e.streamVersion,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
    SessionRenamed: (e, q) => [
      q
        .updateTable('sessions')
        .set({ name: e.data.name, original_filename: e.data.name })
        .where('id', '=', streamEntityId(e.streamId))
        .compile(),
    ],
    SessionMetadataUpdated: (e, q) => [
      q.updateTable('sessions').set({ metadata: json(e.data.metadata) }).where('id', '=', streamEntityId(e.streamId)).compile(),
    ],
    SessionArchived: (e, q) => [
      q
        .updateTable('sessions')
        .set({ status: 'archived', archived_at: e.recordedAt })
        .where('id', '=', streamEntityId(e.streamId))
        .compile(),
    ],
    TransformationApplied: (e, q) => [
      q
        .updateTable('sessions')
        .set({ current_node_id: e.data.nodes[e.data.nodes.length - 1].node_id })
        .where('id', '=', streamEntityId(e.streamId))
        .compile(),
    ],
    NodeHidden: (e, q) => [
      q.updateTable('sessions').set({ current_node_id: e.data.new_current_node_id }).where('id', '=', streamEntityId(e.streamId)).compile(),
    ],
    CurrentNodeChanged: (e, q) => [
      q.updateTable('sessions').set({ current_node_id: e.data.to_node_id }).where('id', '=', streamEntityId(e.streamId)).compile(),
    ],
    ModuleDeployed: (e, q) => [
      q
        .updateTable('sessions')
        .set({ deployed_node_id: e.data.deployed_node_id, deployed_at: e.recordedAt, module_version: e.data.module_version })
        .where('id', '=', streamEntityId(e.streamId))
        .compile(),
    ],
    ModuleUndeployed: (e, q) => [
      q.updateTable('sessions').set({ deployed_node_id: null, deployed_at: null, module_version: null }).where('id', '=', streamEntityId(e.streamId)).compile(),
    ],
    FileUploaded: (e, q) => [
      q
        .updateTable('sessions')
        .set({
          current_node_id: e.data.node_id,
          last_filename: e.data.filename,
          original_filename: sql<string>`coalesce(name, ${e.data.filename})`,
        })
        .where('id', '=', streamEntityId(e.streamId))
        .compile(),
    ],
  },
  // Every event of a session stream moves its version and update time; GREATEST keeps a replay idempotent.
  any: (e, q) =>
    e.streamId.startsWith('session-')
      ? [
          q
            .updateTable('sessions')
            .set({
              version: sql<number>`greatest(version, ${e.streamVersion})`,
              updated_at: sql<Date>`greatest(updated_at, ${e.recordedAt.toISOString()}::timestamptz)`,
            })
            .where('id', '=', streamEntityId(e.streamId))
            .compile(),
        ]
      : [],
});
