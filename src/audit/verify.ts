import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { createEventStore } from '../events/event-store.js';
import type { BlobStore } from '../storage/blob-store.js';
import { createReplayer, verdictOf, type NodeVerdict, type ReplayedNode } from './replay-node.js';
import { sessionRecipes, type Recipe, type SessionRecipes } from './session-recipes.js';

type BlobReader = Pick<BlobStore, 'get'>;

/**
 * Every version of one session, then every completed module run; each version tree is walked once from its root: a child is replayed from its parent's
 * reproduction, so a session costs one pass however deep it is, and only the tables on the current path are held.
 * With `since`, only versions made at or after it are reported (their ancestors are still replayed).
 */
export async function verifySession(
  blobs: BlobReader,
  recipes: SessionRecipes,
  options: { since?: Date; onNode?: (verdict: NodeVerdict) => void } = {},
): Promise<NodeVerdict[]> {
  const replayer = createReplayer(blobs, recipes);
  const children = new Map<string | null, Recipe[]>();
  for (const node of recipes.nodes.values()) {
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const verdicts: NodeVerdict[] = [];
  const visit = async (recipe: Recipe, parent: ReplayedNode | null, stepsBefore: number): Promise<void> => {
    const started = performance.now();
    const replayed = await replayer.replayOne(recipe, parent);
    const steps = stepsBefore + (recipe.kind === 'upload' ? 0 : recipe.steps.length);
    if (!options.since || recipe.recordedAt >= options.since) {
      const verdict = verdictOf(recipes.sessionId, replayed, await replayer.checkStored(recipe), steps, started);
      verdicts.push(verdict);
      options.onNode?.(verdict);
    }
    for (const child of children.get(recipe.nodeId) ?? []) await visit(child, replayed, steps);
  };
  for (const root of children.get(null) ?? []) await visit(root, null, 0);
  for (const run of recipes.runs.values()) await visit(run, null, 0);
  return verdicts;
}

/** The recipes of one session, read from the log (upcast). */
export async function loadRecipes(db: Kysely<DB>, sessionId: string): Promise<SessionRecipes> {
  return sessionRecipes(sessionId, await createEventStore(db).readStream(`session-${sessionId}`));
}

/** Sessions as the log knows them (not the read tables: verification must not depend on projections). */
export async function loggedSessions(db: Kysely<DB>, sessionId?: string): Promise<string[]> {
  let query = db.selectFrom('events').select('stream_id').where('type', '=', 'SessionCreated');
  if (sessionId) query = query.where('stream_id', '=', `session-${sessionId}`);
  const rows = await query.orderBy('position').execute();
  return rows.map((r) => r.stream_id.slice('session-'.length));
}

/** How many versions and module runs `verifyAll` will report (for a progress bar). */
export async function countVersions(db: Kysely<DB>, options: { sessionId?: string; since?: Date } = {}): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT coalesce(sum(CASE WHEN type = 'TransformationApplied' THEN jsonb_array_length(data->'nodes') ELSE 1 END), 0)::int AS n
    FROM events
    WHERE type IN ('FileUploaded', 'TransformationApplied', 'ModuleRunCompleted')
      AND stream_id LIKE 'session-%'
      AND (${options.sessionId ?? null}::text IS NULL OR stream_id = 'session-' || ${options.sessionId ?? null}::text)
      AND (${options.since?.toISOString() ?? null}::timestamptz IS NULL OR recorded_at >= ${options.since?.toISOString() ?? null}::timestamptz)`.execute(db);
  return rows[0].n;
}

export interface VerifyReport {
  sessions: number;
  verdicts: NodeVerdict[];
  counts: Record<NodeVerdict['status'], number>;
  events: number;
  duration_ms: number;
}

/** Verifies every version of every session (or one session), optionally only those made since a date. */
export async function verifyAll(
  db: Kysely<DB>,
  blobs: BlobReader,
  options: { sessionId?: string; since?: Date; onNode?: (verdict: NodeVerdict) => void } = {},
): Promise<VerifyReport> {
  const started = performance.now();
  const verdicts: NodeVerdict[] = [];
  let events = 0;
  const sessions = await loggedSessions(db, options.sessionId);
  const store = createEventStore(db);
  for (const id of sessions) {
    const stream = await store.readStream(`session-${id}`);
    events += stream.length;
    verdicts.push(...(await verifySession(blobs, sessionRecipes(id, stream), options)));
  }
  const counts = { MATCH: 0, MISMATCH: 0, MISSING_BLOB: 0 };
  for (const v of verdicts) counts[v.status] += 1;
  return { sessions: sessions.length, verdicts, counts, events, duration_ms: Math.round(performance.now() - started) };
}
