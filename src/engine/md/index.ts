/**
 * `md`, the runtime of a rendered module (`import { md } from 'modulardata/engine'`, PRIMITIVES.md §1.6): the
 * engine's canonical CSV reader and writer, the `op.md_*` scalar functions (registered with Arquero on import), and
 * one whole-step function `md.<op>(dt, params)` per primitive. A whole-step call runs that single step through the
 * engine's executor (validation included), so a module computes exactly what the service computed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { ColumnTable } from 'arquero';
import { readCanonicalCsv } from '../csv/read-csv.js';
import { writeCsv } from '../csv/write-csv.js';
import { listPrimitives, runPlan, type AttachedTable, type RunContext, type StepRecord } from '../plan/index.js';
import { registerMdFunctions } from './functions.js';
import { fromDataTable, toDataTable } from './tables.js';

registerMdFunctions();

/** A whole-step call: the step's output table (report-only steps return their input unchanged). */
export type StepFunction = (dt: ColumnTable, params?: Record<string, unknown>) => ColumnTable;

export interface MdRuntime {
  /** Reads canonical CSV (a stored version) with the engine's reader: UTF-8, `,`, header on the first line. */
  readCSV(path: string): Promise<ColumnTable>;
  /** Writes canonical CSV (§2.6) with the engine's writer; the path `-` is standard output. */
  writeCSV(dt: ColumnTable, path: string): Promise<void>;
  /** Makes a table available to the steps that name it (by the id recorded in their params, or by name). */
  attachTable(id: string, table: ColumnTable, name?: string): void;
  /** The run's reference instant (ctx.now, ISO-8601 UTC), recorded with the plan; only uuid1 ids read it. */
  setNow(now: string): void;
  /** One record per whole-step call, in call order: findings (metadata) and warnings, as in the step records. */
  readonly reports: Pick<StepRecord, 'op' | 'params' | 'metadata' | 'warnings'>[];
  [op: string]: unknown;
}

const attached: AttachedTable[] = [];
let now: string | undefined;
const reports: MdRuntime['reports'] = [];

const context = (): RunContext => ({ tables: attached, ...(now === undefined ? {} : { now }) });

/** Runs one step through the engine; a failed step throws with the engine's error (message and code). */
function runStep(op: string): StepFunction {
  return (dt, params = {}) => {
    const result = runPlan(toDataTable(dt), [{ op, params }], context());
    if (!result.ok) throw Object.assign(new Error(result.error?.message ?? `${op} failed`), { code: result.error?.code, error: result.error });
    const record = result.steps[0];
    reports.push({ op, params: record.params, metadata: record.metadata, warnings: record.warnings });
    return fromDataTable(result.table);
  };
}

const steps: Record<string, StepFunction> = Object.fromEntries(listPrimitives().map((p) => [p.name, runStep(p.name)]));

export const md: MdRuntime = {
  ...steps,
  async readCSV(path) {
    return fromDataTable(readCanonicalCsv(await readFile(path)));
  },
  async writeCSV(dt, path) {
    const bytes = writeCsv(toDataTable(dt));
    if (path === '-') await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
    else await writeFile(path, bytes);
  },
  attachTable(id, table, name = id) {
    const at = attached.findIndex((t) => t.id === id);
    const entry: AttachedTable = { id, name, hash: '', table: toDataTable(table) };
    if (at >= 0) attached[at] = entry;
    else attached.push(entry);
  },
  setNow(value) {
    now = value;
  },
  reports,
};
