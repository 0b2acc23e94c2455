import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { moduleRunDays, moduleRunFigures } from './module-runs.js';
import { everyDay } from './range.js';
import { rate, type AnalyticsScope } from './scope.js';
import { applyFigures, dayFigures, moveFigures, opFigures } from './transformations.js';

export type AnalyticsReport = Awaited<ReturnType<typeof analyticsReport>>;

/**
 * The analytics report of API.md §14 for one scope, read from the analytics projections (so a rebuild gives the
 * same answers). Beyond the contract's fields: columns removed/added, the top error codes of failed applies,
 * undo/redo/rollback counts, and per op how many of its steps an undo or rollback later took back.
 */
export async function analyticsReport(db: Kysely<DB>, scope: AnalyticsScope) {
  const [byOp, applied, moves, days, moduleRuns, runDays] = await Promise.all([
    opFigures(db, scope),
    applyFigures(db, scope),
    moveFigures(db, scope),
    dayFigures(db, scope),
    moduleRunFigures(db, scope),
    moduleRunDays(db, scope),
  ]);
  const sum = (pick: (op: (typeof byOp)[number]) => number) => byOp.reduce((n, op) => n + pick(op), 0);
  const steps = sum((o) => o.executed);
  const stepsFailed = sum((o) => o.failed);
  return {
    from: scope.from,
    to: scope.to,
    session_id: scope.sessionId ?? null,
    op: scope.op ?? null,
    totals: {
      applies: applied.applies,
      applies_failed: applied.applies_failed,
      apply_failure_rate: rate(applied.applies_failed, applied.applies),
      steps,
      steps_failed: stepsFailed,
      step_failure_rate: rate(stepsFailed, steps),
      rows_removed: sum((o) => o.rows_removed),
      rows_added: sum((o) => o.rows_added),
      columns_removed: sum((o) => o.columns_removed),
      columns_added: sum((o) => o.columns_added),
      apply_duration_ms: applied.apply_duration_ms,
      top_error_codes: applied.top_error_codes,
      ...moves,
    },
    by_op: byOp.map((o) => ({ ...o, share: rate(o.executed, steps) })),
    module_runs: moduleRuns,
    by_day: everyDay(scope).map((date) => ({
      date,
      ...(days.get(date) ?? { applies: 0, applies_failed: 0, steps: 0, steps_failed: 0, rows_removed: 0 }),
      ...(runDays.get(date) ?? { module_runs: 0, module_runs_succeeded: 0 }),
    })),
  };
}
