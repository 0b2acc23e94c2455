import type { CliCommand } from '../command.js';
import { dateOption, idOption, usageGuard, UsageError, withAuditStore } from '../audit-store.js';
import { short } from '../text-table.js';

const help = `Usage: modulardata events --session ID [--json] [--types T1,T2] [--since DATE] [--until DATE] [--after POSITION]

Prints a session's event stream from the log, oldest first, for audit: each event's global position, time, stream
version, type, who did it (actor), the request that caused it (request id), its correlation and causation ids, and a
short summary. Events are never edited; data is shown upcast to each type's current schema version.

Options:
  --session ID       the session (required)
  --json             print {session_id, total, events:[…]} as the API's GET /sessions/{id}/events does
  --types LIST       only these event types (comma-separated)
  --since DATE       only events recorded at or after DATE (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)
  --until DATE       only events recorded at or before DATE
  --after POSITION   only events after this global position
  -h, --help         show this help

Exit codes: 0 printed; 1 no such session in the log; 2 wrong options.`;

type Data = Record<string, any>;

/** One line saying what an event did, for the text listing. */
function summary(type: string, d: Data): string {
  switch (type) {
    case 'SessionCreated':
      return `created${d.name ? ` "${d.name}"` : ''} owner ${short(d.owner_id)}`;
    case 'FileUploaded':
      return `root ${short(d.node_id)} ${d.filename} ${d.row_count}×${d.column_count} ${d.content_hash}`;
    case 'TableAttached':
      return `table ${d.name} ${d.filename} ${d.row_count}×${d.column_count}`;
    case 'PlanStepsAdded':
      return `+ ${d.steps.map((s: Data) => s.op).join(', ')}`;
    case 'PlanApplyRequested':
      return `task ${short(d.task_id)} on ${short(d.base_node_id)} (${d.mode}): ${d.steps.map((s: Data) => s.op).join(', ')}`;
    case 'TransformationApplied':
      return `task ${short(d.task_id)} → ${d.nodes.map((n: Data) => `${short(n.node_id)} ${n.content_hash}`).join(', ')}`;
    case 'TransformationFailed':
      return `task ${short(d.task_id)} ${d.code}: ${d.error}`;
    case 'CurrentNodeChanged':
      return `${d.reason} ${short(d.from_node_id)} → ${short(d.to_node_id)}`;
    case 'ChatMessagePosted':
    case 'AssistantReplied':
      return JSON.stringify(String(d.content).slice(0, 60));
    default: {
      const text = JSON.stringify(d);
      return text.length > 80 ? `${text.slice(0, 79)}…` : text;
    }
  }
}

export const eventsCommand: CliCommand = {
  summary: "Print a session's event stream (audit): who did what, when, and through which request",
  help,
  options: { session: { type: 'string' }, json: { type: 'boolean' }, types: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, after: { type: 'string' } },
  run: ({ config, values }) =>
    usageGuard(help, async () => {
      const sessionId = idOption(values, 'session', true);
      const since = dateOption(values, 'since');
      const until = dateOption(values, 'until');
      if (values.after !== undefined && !/^\d{1,15}$/.test(String(values.after))) throw new UsageError(`--after must be a position (a whole number)`);
      const types = values.types ? String(values.types).split(',').map((t) => t.trim()).filter(Boolean) : undefined;
      const { eventDefinition } = await import('../../events/index.js');
      const unknown = types?.filter((t) => !eventDefinition(t));
      if (unknown?.length) throw new UsageError(`Unknown event type(s): ${unknown.join(', ')}`);
      const { eventJson, readEventPage } = await import('../../audit/event-log.js');
      return withAuditStore(config, async (db) => {
        const stream = `session-${sessionId}`;
        const events = [];
        let after = values.after === undefined ? 0 : Number(values.after);
        let total = 0;
        for (;;) {
          const page = await readEventPage(db, stream, { after, limit: 1000, types, since, until });
          total = page.total;
          events.push(...page.events);
          if (!page.has_more) break;
          after = page.next_after;
        }
        if (total === 0) {
          console.error(`Session ${sessionId} has no events in the log.`);
          return 1;
        }
        if (values.json) {
          console.log(JSON.stringify({ session_id: sessionId, total, events: events.map(eventJson) }, null, 2));
          return 0;
        }
        for (const e of events) {
          const m = e.metadata;
          const ids = [`actor=${m.actor ?? '-'}`, `request=${m.request_id ?? '-'}`, `correlation=${m.correlation_id ?? '-'}`, `causation=${m.causation_id ?? '-'}`];
          console.log(`${String(e.position).padStart(8)}  ${e.recordedAt.toISOString()}  v${e.streamVersion}  ${e.type}${e.schemaVersion > 1 ? ` (schema v${e.schemaVersion})` : ''}  ${summary(e.type, e.data)}`);
          console.log(`${' '.repeat(10)}${ids.join('  ')}`);
        }
        console.log(`${events.length} of ${total} events`);
        return 0;
      });
    }),
};
