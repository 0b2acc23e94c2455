import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { START, type Checkpoint } from '../events/event-store.js';

/** Checkpoints order like the log: by transaction id, then position. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.position - b.position;
}

export async function readCheckpoint(db: Kysely<DB>, name: string): Promise<Checkpoint> {
  const row = await db
    .selectFrom('checkpoints')
    .select([sql<string>`transaction_id::text`.as('transaction_id'), 'position'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? { transactionId: row.transaction_id, position: Number(row.position) } : START;
}

export async function readCheckpoints(db: Kysely<DB>, names: readonly string[]): Promise<Map<string, Checkpoint>> {
  const rows = await db
    .selectFrom('checkpoints')
    .select(['name', sql<string>`transaction_id::text`.as('transaction_id'), 'position'])
    .where('name', 'in', names as string[])
    .execute();
  return new Map(rows.map((r) => [r.name, { transactionId: r.transaction_id, position: Number(r.position) }]));
}

export async function writeCheckpoint(db: Kysely<DB>, name: string, checkpoint: Checkpoint): Promise<void> {
  await db
    .insertInto('checkpoints')
    .values({ name, transaction_id: checkpoint.transactionId, position: checkpoint.position })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        transaction_id: checkpoint.transactionId,
        position: checkpoint.position,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The last event a reader can see now (the visibility rule of readAll); null while the log is empty. */
export async function readLogHead(db: Kysely<DB>): Promise<Checkpoint | null> {
  const { rows } = await sql<{ transaction_id: string; position: number }>`SELECT * FROM log_head()`.execute(db);
  return rows[0] ? { transactionId: rows[0].transaction_id, position: Number(rows[0].position) } : null;
}
