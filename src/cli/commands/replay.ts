import fs from 'node:fs';
import type { CliCommand } from '../command.js';
import { idOption, usageGuard, withAuditStore } from '../audit-store.js';
import { short, textTable } from '../text-table.js';

const help = `Usage: modulardata replay --session ID --node ID [-o out.csv] [--json]

Rebuilds one version from the event log and the original upload alone: the root's original bytes go through the
reader with the recorded reading options, then every recorded step along the node's lineage runs through the engine
with the recorded seeds, reference time and attached tables. The SHA-256 of the result is compared with the hash
recorded when the version was made (and the stored copy is checked too). Prints MATCH, or MISMATCH with the first
differing step.

Options:
  --session ID       the session (required)
  --node ID          the version to rebuild (required)
  -o, --output FILE  write the rebuilt CSV there
  --json             print the verdict and lineage as JSON
  -h, --help         show this help

Exit codes: 0 MATCH; 1 MISMATCH, a missing blob, or an unknown node; 2 wrong options.`;

export const replayCommand: CliCommand = {
  summary: 'Rebuild one version from the event log and the original upload, and compare its SHA-256',
  help,
  options: { session: { type: 'string' }, node: { type: 'string' }, output: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
  run: ({ config, values }) =>
    usageGuard(help, async () => {
      const sessionId = idOption(values, 'session', true);
      const nodeId = idOption(values, 'node', true);
      const { replayNode } = await import('../../audit/replay-node.js');
      const { loadRecipes } = await import('../../audit/verify.js');
      return withAuditStore(config, async (db, blobs) => {
        const replay = await replayNode(blobs, await loadRecipes(db, sessionId), nodeId);
        if (!replay) {
          console.error(`Node ${nodeId} is not a version of session ${sessionId} in the event log.`);
          return 1;
        }
        if (values.output && replay.output) fs.writeFileSync(String(values.output), replay.output);
        const v = replay.verdict;
        if (values.json) {
          console.log(JSON.stringify({ ...v, lineage: replay.lineage }, null, 2));
        } else {
          const rows = replay.lineage.map((n) => [n.kind, short(n.node_id), n.status, n.replayed_hash ?? '-', n.ops.join(', ')]);
          for (const line of textTable([['kind', 'node', 'status', 'replayed sha256', 'steps'], ...rows])) console.log(`  ${line}`);
          console.log(`${v.status}  ${v.node_id}  recorded ${v.expected_hash}  replayed ${v.replayed_hash ?? '-'}  (${v.steps_replayed} steps, ${v.duration_ms} ms; stored copy ${v.stored})`);
          const d = v.first_difference;
          if (d) console.log(`first differing step: node ${d.node_id}${d.step_number ? ` step ${d.step_number}` : ''}${d.op ? ` (${d.op})` : ''}: ${d.reason}`);
          if (values.output) console.log(replay.output ? `rebuilt CSV written to ${String(values.output)}` : 'nothing written: the version could not be rebuilt');
        }
        return v.status === 'MATCH' ? 0 : 1;
      });
    }),
};
