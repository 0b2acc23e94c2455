import type { ReadCsvOptions } from '../engine/index.js';
import { readOptionsFromIngest } from '../events/catalogue/shared.js';
import type { StoredEvent } from '../events/event-store.js';

/** An original file as the log records it: where its bytes are, how they were read, and what the reading gave. */
export interface FileSource {
  originalKey: string;
  originalHash: string;
  readOptions: ReadCsvOptions;
  /** Hash of the canonical CSV the reader produced. */
  contentHash: string;
}

export interface TableSource extends FileSource {
  id: string;
  name: string;
}

interface RecipeBase {
  nodeId: string;
  /** Hash of the version's canonical CSV, as recorded when it was made. */
  contentHash: string;
  /** Where the service keeps the version's CSV (what downloads serve). */
  storageKey: string;
  recordedAt: Date;
  position: number;
}

export interface UploadRecipe extends RecipeBase {
  kind: 'upload';
  parentId: null;
  filename: string;
  source: FileSource;
}

export interface StepShape {
  rows_after: number | null;
  cols_after: number | null;
}

export interface TransformRecipe extends RecipeBase {
  kind: 'transform';
  parentId: string;
  steps: { op: string; params: Record<string, unknown> }[];
  /** What each step reported when it ran (rows and columns after it): locates the first differing step. */
  stepShapes: StepShape[];
  /** "now" fixed when the apply was accepted. */
  referenceTime: string;
  /** The attached tables the apply ran with, by id (their hashes as the apply saw them). */
  tables: { id: string; name: string; hash: string }[];
  taskId: string;
}

export type NodeRecipe = UploadRecipe | TransformRecipe;

/**
 * A completed module run: its input file through the reader, the columns renamed to the contract as matched, then
 * the module version's frozen steps with the run's own reference time. `nodeId` is the run id.
 */
export interface ModuleRunRecipe extends RecipeBase {
  kind: 'module_run';
  parentId: null;
  moduleVersion: number;
  source: FileSource;
  mappings: { incoming_name: string; contract_name: string }[];
  steps: { op: string; params: Record<string, unknown> }[];
  stepShapes: StepShape[];
  referenceTime: string;
  tables: { id: string; name: string; hash: string }[];
}

/** Anything verify reproduces: a version, or a module run's output. */
export type Recipe = NodeRecipe | ModuleRunRecipe;

/** What the log says about how each version of one session was made: everything a replay needs, nothing read. */
export interface SessionRecipes {
  sessionId: string;
  /** In creation order. */
  nodes: Map<string, NodeRecipe>;
  tables: Map<string, TableSource>;
  /** Completed module runs, in completion order. */
  runs: Map<string, ModuleRunRecipe>;
}

type Data = Record<string, any>;

function fileSource(data: Data, readOptions: ReadCsvOptions): FileSource {
  return { originalKey: data.original_key, originalHash: data.original_hash, readOptions, contentHash: data.content_hash };
}

/** Reading options as the reader takes them ('auto' header means detection). */
function readerOptions(recorded: Data): ReadCsvOptions {
  return { delimiter: recorded.delimiter, encoding: recorded.encoding, header_row: recorded.header_row, bad_lines: recorded.bad_lines };
}

const stepsOf = (steps: Data[]) => steps.map((s) => ({ op: s.op as string, params: s.params as Record<string, unknown> }));
const shapesOf = (stats: Data[]): StepShape[] => stats.map((s) => ({ rows_after: s.rows_after ?? null, cols_after: s.cols_after ?? null }));
const tableRefsOf = (tables: Data[]) => tables.map((t) => ({ id: t.id as string, name: t.name as string, hash: t.hash as string }));

/** Folds a session stream (already upcast) into the recipe of every version. */
export function sessionRecipes(sessionId: string, events: readonly StoredEvent[]): SessionRecipes {
  const nodes = new Map<string, NodeRecipe>();
  const tables = new Map<string, TableSource>();
  const requests = new Map<string, Data>();
  const runs = new Map<string, ModuleRunRecipe>();
  const modules = new Map<number, Data>();
  const runRequests = new Map<string, Data>();
  for (const event of events) {
    const data = event.data as Data;
    const base = { recordedAt: event.recordedAt, position: event.position };
    switch (event.type) {
      case 'FileUploaded':
        nodes.set(data.node_id, {
          ...base,
          kind: 'upload',
          nodeId: data.node_id,
          parentId: null,
          filename: data.filename,
          contentHash: data.content_hash,
          storageKey: data.storage_key,
          source: fileSource(data, readerOptions(data.read_options)),
        });
        break;
      case 'TableAttached':
        tables.set(data.table_id, { id: data.table_id, name: data.name, ...fileSource(data, readerOptions(readOptionsFromIngest(data.ingest))) });
        break;
      case 'PlanApplyRequested':
        requests.set(data.task_id, data);
        break;
      case 'TransformationApplied': {
        const request = requests.get(data.task_id);
        for (const node of data.nodes as Data[]) {
          nodes.set(node.node_id, {
            ...base,
            kind: 'transform',
            nodeId: node.node_id,
            parentId: node.parent_id,
            contentHash: node.content_hash,
            storageKey: node.storage_key,
            steps: stepsOf(node.steps),
            stepShapes: shapesOf(node.step_stats),
            referenceTime: request?.reference_time ?? event.recordedAt.toISOString(),
            tables: tableRefsOf(request?.tables ?? []),
            taskId: data.task_id,
          });
        }
        break;
      }
      case 'ModuleDeployed':
        modules.set(data.module_version, data);
        break;
      case 'ModuleRunRequested':
        runRequests.set(data.run_id, data);
        break;
      case 'ModuleRunCompleted': {
        const request = runRequests.get(data.run_id);
        const module = request && modules.get(request.module_version);
        if (!request || !module) break;
        const input = request.input as Data;
        runs.set(data.run_id, {
          ...base,
          kind: 'module_run',
          nodeId: data.run_id,
          parentId: null,
          moduleVersion: request.module_version,
          contentHash: data.output_hash,
          storageKey: data.output_key,
          source: fileSource(input, readerOptions(readOptionsFromIngest(input.ingest))),
          mappings: request.column_mappings,
          steps: stepsOf(module.steps),
          stepShapes: shapesOf(data.step_stats),
          referenceTime: request.reference_time,
          tables: tableRefsOf(module.tables),
        });
        break;
      }
    }
  }
  return { sessionId, nodes, tables, runs };
}

/** The node's ancestry, root first, ending with the node itself. */
export function lineageOf(recipes: SessionRecipes, nodeId: string): NodeRecipe[] {
  const chain: NodeRecipe[] = [];
  for (let id: string | null = nodeId; id; ) {
    const node = recipes.nodes.get(id);
    if (!node) break;
    chain.push(node);
    id = node.parentId;
  }
  return chain.reverse();
}
