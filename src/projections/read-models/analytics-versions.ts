import { defineProjection, streamEntityId, type QueryBuilder } from '../projection.js';
import { utcDay } from './analytics-applies.js';

/**
 * Flags every version an undo or rollback left: the old current version and its ancestors, minus the new current
 * version and its ancestors (two recursive walks up the tree).
 */
function markLeftVersions(q: QueryBuilder, from: string, to: string, flag: { undone: true } | { rolled_back: true }) {
  return q
    .withRecursive('left_path(node_id, parent_id)', (db) =>
      db
        .selectFrom('analytics_versions')
        .select(['node_id', 'parent_id'])
        .where('node_id', '=', from)
        .unionAll(db.selectFrom('analytics_versions as v').innerJoin('left_path as p', 'p.parent_id', 'v.node_id').select(['v.node_id', 'v.parent_id'])),
    )
    .withRecursive('kept_path(node_id, parent_id)', (db) =>
      db
        .selectFrom('analytics_versions')
        .select(['node_id', 'parent_id'])
        .where('node_id', '=', to)
        .unionAll(db.selectFrom('analytics_versions as v').innerJoin('kept_path as k', 'k.parent_id', 'v.node_id').select(['v.node_id', 'v.parent_id'])),
    )
    .updateTable('analytics_versions')
    .set(flag)
    .where('node_id', 'in', (eb) => eb.selectFrom('left_path').select('node_id').except(eb.selectFrom('kept_path').select('node_id')))
    .compile();
}

/**
 * `analytics_versions` and `analytics_moves`: the version tree and every pointer move. An undo or a rollback
 * marks each version it left behind — from the old current version up to (not including) the first ancestor it
 * shares with the new one — so "how often was a step of this op taken back" can be asked per op. Flags only ever
 * turn on, so replaying an event changes nothing.
 */
export const analyticsVersionsProjection = defineProjection({
  name: 'analytics_versions',
  tables: ['analytics_versions', 'analytics_moves'],
  handlers: {
    TransformationApplied: (e, q) => [
      q
        .insertInto('analytics_versions')
        .values(e.data.nodes.map((n) => ({ node_id: n.node_id, session_id: streamEntityId(e.streamId), parent_id: n.parent_id, position: e.position })))
        .onConflict((oc) => oc.column('node_id').doNothing())
        .compile(),
    ],
    CurrentNodeChanged: (e, q) => {
      const move = q
        .insertInto('analytics_moves')
        .values({
          position: e.position,
          session_id: streamEntityId(e.streamId),
          reason: e.data.reason,
          from_node_id: e.data.from_node_id,
          to_node_id: e.data.to_node_id,
          recorded_at: e.recordedAt,
          day: utcDay(e.recordedAt),
        })
        .onConflict((oc) => oc.column('position').doNothing())
        .compile();
      if (e.data.reason === 'redo') return [move];
      const mark = markLeftVersions(q, e.data.from_node_id, e.data.to_node_id, e.data.reason === 'undo' ? { undone: true } : { rolled_back: true });
      return [move, mark];
    },
  },
});
