import { readCsv, writeCsv, type DataTable } from '../engine/index.js';
import { runPlan, type AttachedTable } from '../engine/plan/index.js';
import { BlobNotFoundError, type BlobStore } from '../storage/blob-store.js';
import { hashOf } from '../storage/blob-key.js';
import { renameToContract } from '../commands/module/rename-to-contract.js';
import type { ColumnMapping } from '../engine/matching/index.js';
import { lineageOf, type FileSource, type ModuleRunRecipe, type Recipe, type SessionRecipes, type TransformRecipe } from './session-recipes.js';

/**
 * Reproduces versions from the log alone: a root's original bytes go through the reader with the recorded options,
 * every later version through the engine with the recorded steps, seeds, reference time and attached tables. The
 * result's SHA-256 must equal the hash recorded when the version was made; the stored copy is checked as well.
 */
export type Verdict = 'MATCH' | 'MISMATCH' | 'MISSING_BLOB';

/** Where a reproduction first went wrong along a lineage. `step_number` counts within that node (1-based). */
export interface Difference {
  node_id: string;
  step_number: number | null;
  op: string | null;
  reason: string;
}

/** One node (or module run) as replayed: its own output compared with its recorded hash. */
export interface ReplayedNode {
  node_id: string;
  kind: Recipe['kind'];
  ops: string[];
  status: Verdict;
  expected_hash: string;
  replayed_hash: string | null;
  difference: Difference | null;
  /** The reproduced table; null when it could not be made (a missing blob, a failing step). */
  table: DataTable | null;
  bytes: Uint8Array | null;
}

export interface NodeVerdict {
  session_id: string;
  /** The version's id; for a module run, the run's id. */
  node_id: string;
  kind: Recipe['kind'];
  status: Verdict;
  expected_hash: string;
  replayed_hash: string | null;
  /** The stored copy of the version: present and equal to the recorded hash, missing, or different. */
  stored: 'ok' | 'missing' | 'corrupt';
  steps_replayed: number;
  first_difference: Difference | null;
  duration_ms: number;
}

type BlobReader = Pick<BlobStore, 'get'>;

class MissingBlob extends Error {}

async function getBlob(blobs: BlobReader, key: string): Promise<Uint8Array> {
  try {
    return await blobs.get(key);
  } catch (error) {
    if (error instanceof BlobNotFoundError) throw new MissingBlob(key);
    throw error;
  }
}

/** Replays nodes of one session, sharing the attached tables it has read. */
export function createReplayer(blobs: BlobReader, recipes: SessionRecipes) {
  const attached = new Map<string, Promise<AttachedTable>>();

  /** An original through the reader; its bytes must be the recorded ones, its canonical form the recorded hash. */
  async function readSource(source: FileSource, what: string): Promise<{ table: DataTable; bytes: Uint8Array }> {
    const original = await getBlob(blobs, source.originalKey);
    const originalHash = hashOf(original);
    if (originalHash !== source.originalHash) throw new Error(`${what}: original bytes are ${originalHash}, recorded ${source.originalHash}`);
    const { table } = readCsv(original, source.readOptions);
    return { table, bytes: writeCsv(table) };
  }

  function attachedTable(ref: TransformRecipe['tables'][number]): Promise<AttachedTable> {
    let entry = attached.get(ref.id);
    if (!entry) {
      entry = (async () => {
        const source = recipes.tables.get(ref.id);
        if (!source) throw new Error(`attached table ${ref.name} (${ref.id}) has no TableAttached event`);
        const { table, bytes } = await readSource(source, `attached table ${ref.name}`);
        const hash = hashOf(bytes);
        if (hash !== ref.hash) throw new Error(`attached table ${ref.name} reads as ${hash}, the apply used ${ref.hash}`);
        return { id: ref.id, name: ref.name, hash, table };
      })();
      attached.set(ref.id, entry);
    }
    return entry;
  }

  const failed = (recipe: Recipe, status: Verdict, difference: Difference): ReplayedNode => ({
    node_id: recipe.nodeId,
    kind: recipe.kind,
    ops: opsOf(recipe),
    status,
    expected_hash: recipe.contentHash,
    replayed_hash: null,
    difference,
    table: null,
    bytes: null,
  });

  function compared(recipe: Recipe, table: DataTable, bytes: Uint8Array, inherited: Difference | null, local: () => Difference): ReplayedNode {
    const hash = hashOf(bytes);
    const match = hash === recipe.contentHash;
    return {
      node_id: recipe.nodeId,
      kind: recipe.kind,
      ops: opsOf(recipe),
      status: match ? 'MATCH' : 'MISMATCH',
      expected_hash: recipe.contentHash,
      replayed_hash: hash,
      difference: match ? null : (inherited ?? local()),
      table,
      bytes,
    };
  }

  /**
   * One node from its parent's reproduction (null for a root). A parent that could not be made passes its failure
   * on; a parent that was made but differs passes on its difference as the first one along the lineage.
   */
  async function replayOne(recipe: Recipe, parent: ReplayedNode | null): Promise<ReplayedNode> {
    try {
      if (recipe.kind === 'module_run') return await replayRun(recipe);
      if (recipe.kind === 'upload') {
        const { table, bytes } = await readSource(recipe.source, 'upload');
        return compared(recipe, table, bytes, null, () => ({ node_id: recipe.nodeId, step_number: null, op: null, reason: 'the upload reads to different canonical CSV than recorded' }));
      }
      if (!parent || !parent.table) {
        const status = parent?.status ?? 'MISMATCH';
        return failed(recipe, status, parent?.difference ?? { node_id: recipe.parentId, step_number: null, op: null, reason: 'the parent version is not in the log' });
      }
      const tables = await Promise.all(recipe.tables.map(attachedTable));
      const result = runPlan(parent.table, recipe.steps, { tables, now: recipe.referenceTime });
      const inherited = parent.status === 'MATCH' ? null : parent.difference;
      if (!result.ok) {
        const error = result.error!;
        return failed(recipe, 'MISMATCH', inherited ?? { node_id: recipe.nodeId, step_number: error.step_index + 1, op: error.op, reason: error.message });
      }
      return compared(recipe, result.table, writeCsv(result.table), inherited, () => firstStepDifference(recipe, result.steps));
    } catch (error) {
      if (error instanceof MissingBlob) {
        return failed(recipe, 'MISSING_BLOB', { node_id: recipe.nodeId, step_number: null, op: null, reason: `blob ${error.message} is missing` });
      }
      return failed(recipe, 'MISMATCH', { node_id: recipe.nodeId, step_number: null, op: null, reason: (error as Error).message });
    }
  }

  /** A module run: its input as read, renamed to the contract as matched, through the module's frozen steps. */
  async function replayRun(recipe: ModuleRunRecipe): Promise<ReplayedNode> {
    const { table: input, bytes: inputBytes } = await readSource(recipe.source, 'run input');
    const inputHash = hashOf(inputBytes);
    if (inputHash !== recipe.source.contentHash) {
      return failed(recipe, 'MISMATCH', { node_id: recipe.nodeId, step_number: null, op: null, reason: `the run's input reads as ${inputHash}, recorded ${recipe.source.contentHash}` });
    }
    const tables = await Promise.all(recipe.tables.map(attachedTable));
    const result = runPlan(renameToContract(input, recipe.mappings as ColumnMapping[]), recipe.steps, { tables, now: recipe.referenceTime });
    if (!result.ok) {
      const error = result.error!;
      return failed(recipe, 'MISMATCH', { node_id: recipe.nodeId, step_number: error.step_index + 1, op: error.op, reason: error.message });
    }
    return compared(recipe, result.table, writeCsv(result.table), null, () => firstStepDifference(recipe, result.steps));
  }

  /** The stored copy: what downloads serve must be what was recorded. */
  async function checkStored(recipe: Recipe): Promise<NodeVerdict['stored']> {
    try {
      return hashOf(await getBlob(blobs, recipe.storageKey)) === recipe.contentHash ? 'ok' : 'corrupt';
    } catch (error) {
      if (error instanceof MissingBlob) return 'missing';
      throw error;
    }
  }

  return { replayOne, checkStored };
}

function opsOf(recipe: Recipe): string[] {
  return recipe.kind === 'upload' ? [] : recipe.steps.map((s) => s.op);
}

/** Only the node's hash is recorded, but each step's row and column counts are: the first that differs is named. */
function firstStepDifference(recipe: TransformRecipe | ModuleRunRecipe, steps: { op: string; rows_after: number | null; cols_after: number | null }[]): Difference {
  for (const [i, step] of steps.entries()) {
    const shape = recipe.stepShapes[i];
    if (shape && (shape.rows_after !== step.rows_after || shape.cols_after !== step.cols_after)) {
      return {
        node_id: recipe.nodeId,
        step_number: i + 1,
        op: step.op,
        reason: `step ${i + 1} (${step.op}) gave ${step.rows_after} rows × ${step.cols_after} columns, recorded ${shape.rows_after} × ${shape.cols_after}`,
      };
    }
  }
  const last = steps.length;
  return {
    node_id: recipe.nodeId,
    step_number: last === 1 ? 1 : null,
    op: last === 1 ? steps[0].op : null,
    reason: last === 1 ? `step 1 (${steps[0].op}) gave different values than recorded` : `the output differs in values (every step kept its recorded row and column counts)`,
  };
}

/** Merges the replay with the stored-copy check into the node's verdict. */
export function verdictOf(sessionId: string, replayed: ReplayedNode, stored: NodeVerdict['stored'], stepsReplayed: number, started: number): NodeVerdict {
  let status = replayed.status;
  let difference = replayed.difference;
  if (status === 'MATCH' && stored !== 'ok') {
    status = stored === 'missing' ? 'MISSING_BLOB' : 'MISMATCH';
    difference = {
      node_id: replayed.node_id,
      step_number: null,
      op: null,
      reason: stored === 'missing' ? 'the stored copy of this version is missing' : 'the stored copy of this version differs from its recorded hash',
    };
  }
  return {
    session_id: sessionId,
    node_id: replayed.node_id,
    kind: replayed.kind,
    status,
    expected_hash: replayed.expected_hash,
    replayed_hash: replayed.replayed_hash,
    stored,
    steps_replayed: stepsReplayed,
    first_difference: difference,
    duration_ms: Math.round((performance.now() - started) * 10) / 10,
  };
}

export interface NodeReplay {
  verdict: NodeVerdict;
  /** Each version along the lineage, root first. */
  lineage: Omit<ReplayedNode, 'table' | 'bytes'>[];
  /** The reproduced CSV of the node (null when it could not be made). */
  output: Uint8Array | null;
}

/** Replays one node along its lineage (root first) and checks its stored copy. Null when the log has no such node. */
export async function replayNode(blobs: BlobReader, recipes: SessionRecipes, nodeId: string): Promise<NodeReplay | null> {
  const chain = lineageOf(recipes, nodeId);
  if (chain.at(-1)?.nodeId !== nodeId) return null;
  const started = performance.now();
  const replayer = createReplayer(blobs, recipes);
  const lineage: ReplayedNode[] = [];
  for (const recipe of chain) lineage.push(await replayer.replayOne(recipe, lineage.at(-1) ?? null));
  const last = lineage.at(-1)!;
  const stepsReplayed = chain.reduce((n, r) => n + (r.kind === 'upload' ? 0 : r.steps.length), 0);
  const verdict = verdictOf(recipes.sessionId, last, await replayer.checkStored(chain.at(-1)!), stepsReplayed, started);
  return { verdict, lineage: lineage.map(({ table: _t, bytes: _b, ...rest }) => rest), output: last.bytes };
}
