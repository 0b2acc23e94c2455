/**
 * The JavaScript side of the code-rendering contract (PRIMITIVES.md §1.6): for every fixture case the chain is
 * rendered as the complete ES module, the module is run for real next to the case's input CSV (and attached
 * tables), and its output.csv must be byte-identical to the engine's canonical CSV. Whole-step `md` calls must
 * also report the engine's metadata, so report-only steps are checked on their findings, not only on the
 * unchanged table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPrimitives, renderChainJs, runPlan, type AttachedTable, type RunContext } from '../../src/engine/plan/index.js';
import { writeCsv } from '../../src/engine/index.js';
import { MD_FUNCTIONS } from '../../src/engine/md/functions.js';
import { md } from '../../src/engine/md/index.js';
import { CASES, type ContractCase } from './render-contract/cases.js';
import { canonical, runModules, type ModuleResult } from './render-contract/modules.js';

interface Prepared {
  c: ContractCase;
  module: string;
  expected: Uint8Array;
  metadata: { op: string; metadata: unknown }[];
  /** A single report-only step (no flag or apply parameter set) that left the table unchanged. */
  unchanged: boolean;
}

/** The flag and apply parameters that make a quality primitive change the table. */
const FLAGS = ['add_null_flag', 'add_null_count', 'add_valid_flag', 'add_drift_flag', 'apply_header', 'apply_conversion'];
/** The quality primitives that only report unless a flag or apply parameter is set (§4.9). */
const REPORT_ONLY = ['detect_nulls', 'profile_column', 'validate_pattern', 'validate_schema', 'compare_schemas', 'detect_renamed_columns', 'detect_enum_drift', 'detect_format_drift', 'detect_distribution_drift', 'generate_drift_report', 'detect_header', 'infer_types'];

const decode = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

function prepare(c: ContractCase): { prepared: Prepared; files: Record<string, string | Uint8Array> } {
  const input = canonical(c.input);
  const files: Record<string, string | Uint8Array> = { 'input.csv': input.bytes };
  const tables: AttachedTable[] = (c.tables ?? []).map((t) => {
    const { table, bytes } = canonical(t.csv);
    files[`${t.name}.csv`] = bytes;
    return { id: t.id, name: t.name, hash: '', table };
  });
  const ctx: RunContext = { tables, ...(c.now ? { now: c.now } : {}) };
  const result = runPlan(input.table, c.steps, ctx);
  if (!result.ok) throw new Error(`fixture "${c.name}" fails in the engine: ${JSON.stringify(result.errors)}`);
  const module = renderChainJs(c.steps, input.table.schema, ctx);
  files['module.mjs'] = module;
  // Whole-step calls report the metadata of their step; Arquero verbs do not.
  const calls = module.split('\n').filter((line) => /^(dt = )?md\.[a-z_]+\(dt, /.test(line));
  const mdSteps = result.steps.filter((s) => calls.some((line) => line.includes(`md.${s.op}(dt, `)));
  return {
    prepared: {
      c,
      module,
      expected: writeCsv(result.table),
      metadata: mdSteps.map((s) => ({ op: s.op, metadata: s.metadata })),
      unchanged: c.steps.length === 1 && result.table === input.table && !FLAGS.some((f) => c.steps[0].params?.[f] === true),
    },
    files,
  };
}

describe('rendered JavaScript modules reproduce the engine byte for byte', () => {
  const prepared: Prepared[] = [];
  const results: ModuleResult[] = [];
  let cleanup = () => {};

  beforeAll(async () => {
    const all = CASES.map(prepare);
    prepared.push(...all.map((a) => a.prepared));
    const run = await runModules(all.map((a) => ({ files: a.files })));
    results.push(...run.results);
    cleanup = run.cleanup;
  }, 180_000);
  afterAll(() => cleanup());

  it('the fixture suite covers every registered primitive (85)', () => {
    const covered = new Set(CASES.flatMap((c) => c.steps.map((s) => s.op)));
    const names = listPrimitives().map((p) => p.name);
    expect(names).toHaveLength(85);
    expect(names.filter((n) => !covered.has(n))).toEqual([]);
  });

  it('the specifier modulardata/engine resolves to the md runtime (package.json "exports")', async () => {
    const resolved = await import('modulardata/engine');
    expect(resolved.md).toBe(md);
    expect(listPrimitives().every((p) => typeof md[p.name] === 'function')).toBe(true);
  });

  it('modules call only md functions that exist: op.md_* registered, md.<op> a primitive', () => {
    const ops = new Set(listPrimitives().map((p) => p.name));
    const runtime = new Set(['readCSV', 'writeCSV', 'attachTable', 'setNow']);
    for (const p of prepared) {
      for (const [, name] of p.module.matchAll(/\bop\.(md_\w+)/g)) expect(Object.keys(MD_FUNCTIONS), p.c.name).toContain(name);
      for (const [, name] of p.module.matchAll(/\bmd\.(\w+)\(/g)) expect(ops.has(name) || runtime.has(name), `${p.c.name}: md.${name}`).toBe(true);
    }
  });

  it('report-only steps render as md.<op>(dt, params); without reassigning dt', () => {
    const reports = prepared.filter((p) => p.unchanged && REPORT_ONLY.includes(p.c.steps[0].op));
    expect(new Set(reports.map((p) => p.c.steps[0].op)).size).toBe(REPORT_ONLY.length);
    for (const p of reports) expect(p.module, p.c.name).toMatch(new RegExp(`\\nmd\\.${p.c.steps[0].op}\\(dt, `));
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const p = prepared[i];
    const r = results[i];
    expect(r.error, `${p.module}`).toBeNull();
    expect(decode(r.output), p.module).toBe(decode(p.expected));
    expect(Buffer.compare(Buffer.from(r.output!), Buffer.from(p.expected))).toBe(0);
    expect(r.reports.map((x) => ({ op: x.op, metadata: x.metadata })), p.module).toEqual(JSON.parse(JSON.stringify(p.metadata)));
  });
});
