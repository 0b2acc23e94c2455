import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { PROJECTIONS } from './read-models/index.js';

/**
 * How far the slowest projection is behind the log, in milliseconds: the age of the oldest readable event it has
 * not applied yet (0 when it is caught up).
 */
export async function projectionLag(db: Kysely<DB>, names: readonly string[] = PROJECTIONS.map((p) => p.name)): Promise<number> {
  let worst = 0;
  for (const name of names) {
    const { rows } = await sql<{ recorded_at: Date | null }>`
      SELECT min(e.recorded_at) AS recorded_at
      FROM read_all_events(
        coalesce((SELECT transaction_id FROM checkpoints WHERE name = ${name}), '0'::xid8),
        coalesce((SELECT position FROM checkpoints WHERE name = ${name}), 0),
        1) e`.execute(db);
    const oldest = rows[0]?.recorded_at;
    if (oldest) worst = Math.max(worst, Date.now() - new Date(oldest).getTime());
  }
  return worst;
}
