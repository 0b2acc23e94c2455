import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays } from './range.js';
import { ms, percentiles, rate, sessionFilter, type AnalyticsScope } from './scope.js';

export const RUN_STATUSES = ['success', 'warning_confirmed', 'failed', 'pending', 'running', 'cancelled'] as const;
export const CONFIDENCE_LEVELS = ['HIGH', 'MEDIUM', 'LOW', 'NO_MATCH'] as const;

const SUCCEEDED = ['success', 'warning_confirmed'];
const FINISHED = [...SUCCEEDED, 'failed'];

/** Runs requested in the scope's days (by the UTC time of their request); `op` does not narrow them. */
function runs(db: Kysely<DB>, scope: AnalyticsScope) {
  return db
    .selectFrom('module_runs as r')
    .where('r.created_at', '>=', new Date(`${scope.from}T00:00:00.000Z`))
    .where('r.created_at', '<', new Date(`${addDays(scope.to, 1)}T00:00:00.000Z`))
    .where(sessionFilter(db, scope, 'r.session_id'));
}

/** Module runs by status and confidence level (API.md §14); durations are those of finished runs. */
export async function moduleRunFigures(db: Kysely<DB>, scope: AnalyticsScope) {
  const groups = await runs(db, scope)
    .select(['r.status', 'r.confidence_level', sql<number>`count(*)::int`.as('count')])
    .groupBy(['r.status', 'r.confidence_level'])
    .execute();
  const duration = percentiles('r.duration_ms', sql`r.status IN (${sql.join(FINISHED)})`);
  const timing = await runs(db, scope).select([duration.p50.as('p50'), duration.p95.as('p95')]).executeTakeFirstOrThrow();
  const byStatus = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<(typeof RUN_STATUSES)[number], number>;
  const byLevel = Object.fromEntries(CONFIDENCE_LEVELS.map((l) => [l, 0])) as Record<(typeof CONFIDENCE_LEVELS)[number], number>;
  let total = 0;
  for (const g of groups) {
    total += g.count;
    if (g.status in byStatus) byStatus[g.status as keyof typeof byStatus] += g.count;
    if (g.confidence_level in byLevel) byLevel[g.confidence_level as keyof typeof byLevel] += g.count;
  }
  const succeeded = byStatus.success + byStatus.warning_confirmed;
  return {
    total,
    by_status: byStatus,
    by_confidence_level: byLevel,
    success_rate: rate(succeeded, succeeded + byStatus.failed),
    duration_ms: { p50: ms(timing.p50), p95: ms(timing.p95) },
  };
}

/** Runs requested per UTC day, and how many of them succeeded. */
export async function moduleRunDays(db: Kysely<DB>, scope: AnalyticsScope): Promise<Map<string, { module_runs: number; module_runs_succeeded: number }>> {
  const day = sql<string>`to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  const rows = await runs(db, scope)
    .select([day.as('day'), sql<number>`count(*)::int`.as('runs'), sql<number>`(count(*) FILTER (WHERE r.status IN (${sql.join(SUCCEEDED)})))::int`.as('succeeded')])
    .groupBy(day)
    .execute();
  return new Map(rows.map((r) => [r.day, { module_runs: r.runs, module_runs_succeeded: r.succeeded }]));
}
