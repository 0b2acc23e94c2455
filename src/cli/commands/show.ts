import type { CliCommand } from '../command.js';
import { dateOption, idOption, usageGuard, withAuditStore } from '../audit-store.js';
import { short } from '../text-table.js';

const help = `Usage: modulardata show --session ID [--as-of POSITION|TIME] [--json]

Shows a session — its status, versions (which one is current), the open plan and the deployment — as it is now, or
exactly as it was right after its last event at or before --as-of (a global event position, or an RFC 3339 time).
Past states are folded from the event log by the same projections that keep the live tables.

Options:
  --session ID       the session (required)
  --as-of POINT      an event position (e.g. 1042) or a time (e.g. 2026-01-31T12:00:00Z)
  --json             print {session, nodes, plan, as_of} as JSON
  -h, --help         show this help

Exit codes: 0 shown; 1 the session did not exist at that point; 2 wrong options.`;

export const showCommand: CliCommand = {
  summary: 'Show a session now or as it was at a past event position or time (--as-of)',
  help,
  options: { session: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  run: ({ config, values }) =>
    usageGuard(help, async () => {
      const sessionId = idOption(values, 'session', true);
      const raw = values['as-of'];
      const asOf = raw === undefined ? undefined : /^\d{1,15}$/.test(String(raw)) ? { position: Number(raw) } : { time: dateOption(values, 'as-of')! };
      const { readAsOf } = await import('../../audit/time-travel.js');
      const { sessionObject } = await import('../../queries/sessions.js');
      const { listNodes, nodeSummary } = await import('../../queries/nodes.js');
      const { planObject } = await import('../../queries/plans.js');
      const { AppError } = await import('../../errors/index.js');
      return withAuditStore(config, async (db) => {
        let view;
        try {
          view = await readAsOf(db, sessionId, null, asOf, async (q, point) => {
            const row = await q.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
            if (!row) return null;
            const nodes = (await listNodes(q, sessionId, true)).map((n) => nodeSummary(n, row));
            return { session: await sessionObject(q, row), nodes, plan: await planObject(q, sessionId), as_of: point ? { position: point.position, recorded_at: point.recorded_at } : null };
          });
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'SESSION_NOT_FOUND')) throw error;
        }
        if (!view) {
          console.error(`Session ${sessionId} ${asOf ? 'did not exist at that point' : 'was not found'}.`);
          return 1;
        }
        if (values.json) {
          console.log(JSON.stringify(view, null, 2));
          return 0;
        }
        const s = view.session;
        const when = view.as_of ? `as of position ${view.as_of.position} (${view.as_of.recorded_at.toISOString()})` : 'now';
        console.log(`Session ${s.session_id}${s.name ? ` "${s.name}"` : ''} — ${s.status}, version ${s.version}, ${when}`);
        console.log(`current node: ${s.current_node_id ?? 'none'}   deployed: ${s.deployed_node_id ?? 'none'}${s.module_version ? ` (module v${s.module_version})` : ''}`);
        console.log(`\nVersions (${view.nodes.length}):`);
        for (const n of view.nodes) {
          const flags = [n.is_current ? 'current' : '', n.is_deployed ? 'deployed' : '', n.discarded ? 'discarded' : ''].filter(Boolean).join(', ');
          console.log(`  ${n.is_current ? '*' : ' '} ${n.id}  ${n.kind.padEnd(9)} parent ${short(n.parent_id).padEnd(8)}  ${n.row_count}×${n.column_count}  ${n.transformation ?? '(upload)'}${flags ? `  [${flags}]` : ''}`);
        }
        console.log(`\nPlan (${view.plan.step_count} step${view.plan.step_count === 1 ? '' : 's'}, ${view.plan.status}):`);
        for (const step of view.plan.steps) console.log(`  ${step.step_number}. ${step.transformation_type}  ${step.explanation ?? ''}`);
        return 0;
      });
    }),
};
