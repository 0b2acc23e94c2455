import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ms, percentiles, rate, sessionFilter, type AnalyticsScope } from './scope.js';

const FINISHED = ['SUCCESS', 'FAILURE'];

export interface OpFigures {
  op: string;
  executed: number;
  failed: number;
  failure_rate: number;
  rows_removed: number;
  rows_added: number;
  columns_removed: number;
  columns_added: number;
  sessions: number;
  duration_ms: { p50: number | null; p95: number | null };
  /** Successful steps whose version an undo (or a rollback) later left; the rate is over successful steps. */
  undone: number;
  rolled_back: number;
  undo_rollback_rate: number;
}

/** Finished applies in scope (cancelled ones are left out); with `op`, only those that ran a step of it. */
function applies(db: Kysely<DB>, scope: AnalyticsScope) {
  let query = db
    .selectFrom('analytics_applies as a')
    .where('a.status', 'in', FINISHED)
    .where('a.day', '>=', scope.from)
    .where('a.day', '<=', scope.to)
    .where(sessionFilter(db, scope, 'a.session_id'));
  if (scope.op !== undefined) {
    const op = scope.op;
    query = query.where((eb) => eb.exists(eb.selectFrom('analytics_steps as s').select('s.task_id').whereRef('s.task_id', '=', 'a.task_id').where('s.op', '=', op)));
  }
  return query;
}

/** Steps that ran in finished applies in scope. */
function steps(db: Kysely<DB>, scope: AnalyticsScope) {
  let query = db
    .selectFrom('analytics_steps as s')
    .innerJoin('analytics_applies as a', 'a.task_id', 's.task_id')
    .leftJoin('analytics_versions as v', 'v.node_id', 's.node_id')
    .where('a.status', 'in', FINISHED)
    .where('s.day', '>=', scope.from)
    .where('s.day', '<=', scope.to)
    .where(sessionFilter(db, scope, 's.session_id'));
  if (scope.op !== undefined) query = query.where('s.op', '=', scope.op);
  return query;
}

const removed = (before: string, after: string) => sql<number>`coalesce(sum(greatest(${sql.ref(before)} - ${sql.ref(after)}, 0)) FILTER (WHERE s.ok), 0)::float8`;

export async function opFigures(db: Kysely<DB>, scope: AnalyticsScope): Promise<OpFigures[]> {
  const duration = percentiles('s.duration_ms', sql`s.ok`);
  const rows = await steps(db, scope)
    .select([
      's.op',
      sql<number>`count(*)::int`.as('executed'),
      sql<number>`(count(*) FILTER (WHERE NOT s.ok))::int`.as('failed'),
      removed('s.rows_before', 's.rows_after').as('rows_removed'),
      removed('s.rows_after', 's.rows_before').as('rows_added'),
      removed('s.cols_before', 's.cols_after').as('columns_removed'),
      removed('s.cols_after', 's.cols_before').as('columns_added'),
      sql<number>`count(DISTINCT s.session_id)::int`.as('sessions'),
      duration.p50.as('p50'),
      duration.p95.as('p95'),
      sql<number>`(count(*) FILTER (WHERE s.node_id IS NOT NULL))::int`.as('versioned'),
      sql<number>`(count(*) FILTER (WHERE v.undone))::int`.as('undone'),
      sql<number>`(count(*) FILTER (WHERE v.rolled_back))::int`.as('rolled_back'),
      sql<number>`(count(*) FILTER (WHERE v.undone OR v.rolled_back))::int`.as('reverted'),
    ])
    .groupBy('s.op')
    .orderBy('executed', 'desc')
    .orderBy('s.op')
    .execute();
  return rows.map((r) => ({
    op: r.op,
    executed: r.executed,
    failed: r.failed,
    failure_rate: rate(r.failed, r.executed),
    rows_removed: Number(r.rows_removed),
    rows_added: Number(r.rows_added),
    columns_removed: Number(r.columns_removed),
    columns_added: Number(r.columns_added),
    sessions: r.sessions,
    duration_ms: { p50: ms(r.p50), p95: ms(r.p95) },
    undone: r.undone,
    rolled_back: r.rolled_back,
    undo_rollback_rate: rate(r.reverted, r.versioned),
  }));
}

export async function applyFigures(db: Kysely<DB>, scope: AnalyticsScope) {
  const duration = percentiles('a.duration_ms');
  const row = await applies(db, scope)
    .select([sql<number>`count(*)::int`.as('applies'), sql<number>`(count(*) FILTER (WHERE a.status = 'FAILURE'))::int`.as('failed'), duration.p50.as('p50'), duration.p95.as('p95')])
    .executeTakeFirstOrThrow();
  const codes = await applies(db, scope)
    .where('a.status', '=', 'FAILURE')
    .select([sql<string>`coalesce(a.error_code, 'TRANSFORMATION_FAILED')`.as('code'), sql<number>`count(*)::int`.as('count')])
    .groupBy(sql`1`)
    .orderBy('count', 'desc')
    .orderBy('code')
    .limit(5)
    .execute();
  return { applies: row.applies, applies_failed: row.failed, apply_duration_ms: { p50: ms(row.p50), p95: ms(row.p95) }, top_error_codes: codes };
}

/** Undo, redo and rollback counts in scope (pointer moves belong to no op, so `op` does not narrow them). */
export async function moveFigures(db: Kysely<DB>, scope: AnalyticsScope) {
  const rows = await db
    .selectFrom('analytics_moves as m')
    .where('m.day', '>=', scope.from)
    .where('m.day', '<=', scope.to)
    .where(sessionFilter(db, scope, 'm.session_id'))
    .select(['m.reason', sql<number>`count(*)::int`.as('count')])
    .groupBy('m.reason')
    .execute();
  const count = (reason: string) => rows.find((r) => r.reason === reason)?.count ?? 0;
  return { undos: count('undo'), redos: count('redo'), rollbacks: count('rollback') };
}

export interface DayFigures {
  applies: number;
  applies_failed: number;
  steps: number;
  steps_failed: number;
  rows_removed: number;
}

export async function dayFigures(db: Kysely<DB>, scope: AnalyticsScope): Promise<Map<string, DayFigures>> {
  const byApply = await applies(db, scope)
    .select([sql<string>`a.day::text`.as('day'), sql<number>`count(*)::int`.as('applies'), sql<number>`(count(*) FILTER (WHERE a.status = 'FAILURE'))::int`.as('failed')])
    .groupBy('a.day')
    .execute();
  const byStep = await steps(db, scope)
    .select([
      sql<string>`s.day::text`.as('day'),
      sql<number>`count(*)::int`.as('steps'),
      sql<number>`(count(*) FILTER (WHERE NOT s.ok))::int`.as('failed'),
      removed('s.rows_before', 's.rows_after').as('rows_removed'),
    ])
    .groupBy('s.day')
    .execute();
  const days = new Map<string, DayFigures>();
  const at = (day: string) => days.get(day) ?? days.set(day, { applies: 0, applies_failed: 0, steps: 0, steps_failed: 0, rows_removed: 0 }).get(day)!;
  for (const r of byApply) Object.assign(at(r.day), { applies: r.applies, applies_failed: r.failed });
  for (const r of byStep) Object.assign(at(r.day), { steps: r.steps, steps_failed: r.failed, rows_removed: Number(r.rows_removed) });
  return days;
}
