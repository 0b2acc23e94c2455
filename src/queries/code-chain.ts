import { fold } from '../commands/decider.js';
import { chainOf, moduleDecider } from '../commands/module/module-decider.js';
import { schemaOnlyTables } from '../commands/session/plan-steps.js';
import { sessionStream } from '../commands/session/session-decider.js';
import { ENGINE_VERSION, renderChainJs, renderChainSql, type Schema } from '../engine/plan/index.js';
import type { Service } from '../service/service.js';
import { findNode, type NodeRow } from './nodes.js';
import type { SessionRow } from './sessions.js';

/**
 * GET /sessions/{id}/nodes/{nid}/code-chain (API.md §10): every step from the node's root to the node, exactly as
 * recorded (seeds, parameters, reference instants, attached tables), as one runnable ES module — the chain
 * renderer's (PRIMITIVES.md §1.6) — plus one SQL query when every step has SQL; or, with `format=json`, the steps
 * for `modulardata apply --steps`.
 */
export async function codeChain(service: Pick<Service, 'database' | 'store'>, session: SessionRow, nodeId: string, format: 'js' | 'json') {
  const db = service.database.db;
  const node = await findNode(db, session.id, nodeId);
  const state = fold(moduleDecider, await service.store.readStream(sessionStream(session.id)));
  const path: string[] = [];
  for (let id: string | null = nodeId; id; id = state.nodes[id]?.parentId ?? null) path.unshift(id);
  const chain = chainOf(state, path);
  const steps = chain.steps.map((s) => ({ op: s.op, params: s.params }));
  if (format === 'json') return { steps, tables: chain.tables.map((t) => ({ table_id: t.id, name: t.name })) };

  const rows = new Map<string, NodeRow>((await db.selectFrom('nodes').selectAll().where('id', 'in', path).execute()).map((n) => [n.id, n]));
  const root = state.nodes[path[0]];
  const ctx = { tables: schemaOnlyTables(state, chain.tables.map((t) => t.id)), now: chain.steps[0]?.reference_time };
  const schema = root.columns as Schema;
  const engineVersion = node.engine_version ?? ENGINE_VERSION;
  const header = [
    `// ModularData code chain · session ${session.id} · node ${node.id}`,
    `// Run on the original data (the root version's CSV) with engine ${engineVersion}, it reproduces this node byte for byte: ${node.content_hash}.`,
    `// Usage: node chain.mjs your_data.csv > output.csv${chain.tables.length > 0 ? `   (attached tables are read from ${chain.tables.map((t) => `${t.name}.csv`).join(', ')})` : ''}`,
  ];
  const module = renderChainJs(steps, schema, ctx, { input: 'your_data.csv', inputFromArgs: true, output: '-', stepNow: chain.steps.map((s) => s.reference_time) });
  return {
    session_id: session.id,
    node_id: node.id,
    total_steps: path.length,
    steps: path.map((id, i) => {
      const row = rows.get(id)!;
      return {
        node_id: id,
        step_number: i,
        transformation: row.name ?? row.transformation,
        transformation_code: row.transformation_code,
        row_count: row.row_count,
        column_count: row.column_count,
        is_current: id === session.current_node_id,
      };
    }),
    combined_code: `${header.join('\n')}\n${module}`,
    combined_sql: renderChainSql(steps, schema, ctx),
    language: 'javascript',
    engine_version: engineVersion,
  };
}
