import { defineProjection, json, streamEntityId } from '../projection.js';

/** `session_tables`: the tables attached to each session; a row never changes once written. */
export const sessionTablesProjection = defineProjection({
  name: 'session_tables',
  tables: ['session_tables'],
  handlers: {
    TableAttached: (e, q) => [
      q
        .insertInto('session_tables')
        .values({
          id: e.data.table_id,
          session_id: streamEntityId(e.streamId),
          name: e.data.name,
          filename: e.data.filename,
          row_count: e.data.row_count,
          column_count: e.data.column_count,
          columns: json(e.data.columns),
          content_hash: e.data.content_hash,
          storage_path: e.data.storage_key,
          original_storage_path: e.data.original_key,
          ingest: json(e.data.ingest),
          profile_json: json(e.data.profile),
          created_at: e.recordedAt,
          position: e.position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
  },
});
