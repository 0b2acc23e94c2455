import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DayRange } from './range.js';

/** What a report covers: a range of days, and optionally one owner's sessions, one session and one op. */
export interface AnalyticsScope extends DayRange {
  /** Only this user's sessions; null or absent: every session (auth off, or the local operator's CLI). */
  owner?: string | null;
  sessionId?: string;
  op?: string;
}

/** The sessions a report may read, as a condition on `<alias>.session_id`. */
export function sessionFilter(db: Kysely<DB>, scope: AnalyticsScope, column: string) {
  const ref = sql.ref(column);
  const conditions = [];
  if (scope.sessionId !== undefined) conditions.push(sql`${ref} = ${scope.sessionId}`);
  if (scope.owner) conditions.push(sql`${ref} IN (${db.selectFrom('sessions').select('id').where('owner_id', '=', scope.owner)})`);
  return conditions.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(conditions, sql` AND `)}`;
}

/** Rates have four decimals (API.md §14 example: 3 of 42 → 0.0714); nothing out of nothing is 0. */
export const rate = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

/** Durations in milliseconds with two decimals (engine steps often take well under a millisecond); null: no data. */
export const ms = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100);

/** Nearest-rank p50 and p95 of a numeric column (percentile_disc returns an observed value: the nearest rank). */
export const percentiles = (column: string, filter?: ReturnType<typeof sql>) => {
  const ref = sql.ref(column);
  const where = filter ? sql` FILTER (WHERE ${filter})` : sql``;
  return {
    p50: sql<number | null>`percentile_disc(0.5) WITHIN GROUP (ORDER BY ${ref})${where}`,
    p95: sql<number | null>`percentile_disc(0.95) WITHIN GROUP (ORDER BY ${ref})${where}`,
  };
};
