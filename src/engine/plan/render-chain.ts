/**
 * A chain of steps rendered as code (PRIMITIVES.md §1.6): a complete ES module that reads `input.csv`, runs every
 * step as Arquero code or `md` calls and writes `output.csv`; and, where every step has one, a single PostgreSQL
 * query `WITH "s0" AS (...), "s1" AS (...) SELECT * FROM "s<n>"`.
 */
import { ENGINE_VERSION } from './execute.js';
import { INPUT, ident, js } from './render-helpers.js';
import type { RunContext, Schema } from './types.js';
import { validatePlan, type ValidatedStep } from './validate.js';

export interface ChainRenderOptions {
  /** The file the module reads (default `input.csv`) and writes (default `output.csv`). */
  input?: string;
  output?: string;
  /** The relation holding the input table with its `"_row"` ordinal (default `input`). */
  inputRelation?: string;
  /** Read the file named by the script's first argument, with `input` as the default (a chain run as a script). */
  inputFromArgs?: boolean;
  /**
   * The reference instant of each step when they differ (a chain across versions, each applied at its own time):
   * `md.setNow` is emitted before a step whose instant differs from the one in force.
   */
  stepNow?: readonly (string | undefined)[];
}

export interface RenderedChain {
  js: string;
  /** null when some step has no faithful SQL, or the schema became dynamic before a step. */
  sql: string | null;
}

/** One step of a chain rendered against its own input schema. */
export interface RenderedStepOf {
  step: ValidatedStep;
  js: string;
  sql: string | null;
}

const SAFE_FILE = /^[A-Za-z0-9._-]+$/;
const LINE_BREAKS = /[\n\r\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** `// Step <n>: <op> — <summary>`; a line break in the summary (from a parameter) is written as its escape. */
export const stepComment = (n: number, op: string, summary: string): string =>
  `// Step ${n}: ${op} — ${summary.replace(LINE_BREAKS, (c) => ESCAPES[c])}`;

/** Every step rendered against its own input schema; after a dynamic schema the remaining steps get none. */
export function renderSteps(steps: unknown, inputSchema: Schema, ctx: RunContext): RenderedStepOf[] {
  const validation = validatePlan(steps, inputSchema, ctx);
  if (validation.errors.length > 0) throw new Error(`Cannot render an invalid plan: ${validation.errors.map((e) => e.message).join(' ')}`);
  let schema: Schema | null = inputSchema;
  return validation.steps.map((step) => {
    const rendered = step.primitive.render(step.params, schema ?? [], ctx);
    const out: RenderedStepOf = { step, js: rendered.js, sql: schema === null ? null : rendered.sql };
    if (schema !== null) {
      const next = step.primitive.outputSchema(step.params, { schema, ctx });
      schema = next === 'dynamic' ? null : next;
    }
    return out;
  });
}

/** The attached tables the steps name, in order of first reference, as `md.attachTable` lines. */
function attachLines(rendered: RenderedStepOf[], ctx: RunContext): string[] {
  const refs = [...new Set(rendered.flatMap(({ step }) => step.primitive.tables?.(step.params).map((t) => t.table) ?? []))];
  return refs.map((ref) => {
    const table = ctx.tables?.find((t) => t.id === ref) ?? ctx.tables?.find((t) => t.name === ref);
    const name = table?.name ?? ref;
    const file = `${SAFE_FILE.test(name) ? name : ref}.csv`;
    return `md.attachTable(${js(table?.id ?? ref)}, await md.readCSV(${js(file)}), ${js(name)});`;
  });
}

/** The whole chain as the ES module of §1.6 (header, imports, reads, one commented block per step, write). */
export function renderChainJs(steps: unknown, inputSchema: Schema, ctx: RunContext = {}, options: ChainRenderOptions = {}): string {
  const rendered = renderSteps(steps, inputSchema, ctx);
  const lines = [
    `// ModularData plan · engine ${ENGINE_VERSION}`,
    `import * as aq from 'arquero';`,
    `import { md } from 'modulardata/engine';   // canonical CSV I/O; registers the op.md_* functions`,
    `const { op } = aq;`,
  ];
  let now = ctx.now;
  if (now !== undefined) lines.push(`md.setNow(${js(now)});   // the run's reference instant`);
  lines.push(...attachLines(rendered, ctx));
  const input = js(options.input ?? 'input.csv');
  lines.push(`let dt = await md.readCSV(${options.inputFromArgs ? `process.argv[2] ?? ${input}` : input});`);
  rendered.forEach(({ step, js: code }, i) => {
    const at = options.stepNow?.[i];
    if (at !== undefined && at !== now) {
      lines.push(`md.setNow(${js(at)});   // the reference instant of the apply that made the next steps`);
      now = at;
    }
    lines.push(stepComment(i + 1, step.primitive.name, step.primitive.summary(step.params)), code);
  });
  lines.push(`await md.writeCSV(dt, ${js(options.output ?? 'output.csv')});`, '');
  return lines.join('\n');
}

/** The whole chain as one PostgreSQL query over the input relation (with `"_row"`), or null (see RenderedChain). */
export function renderChainSql(steps: unknown, inputSchema: Schema, ctx: RunContext = {}, options: ChainRenderOptions = {}): string | null {
  const rendered = renderSteps(steps, inputSchema, ctx);
  if (rendered.some((r) => r.sql === null)) return null;
  const ctes = [`"s0" AS (SELECT * FROM ${ident(options.inputRelation ?? 'input')})`];
  rendered.forEach((r, i) => ctes.push(`"s${i + 1}" AS (${r.sql!.replaceAll(INPUT, `"s${i}"`)})`));
  return `WITH ${ctes.join(',\n')}\nSELECT * FROM "s${rendered.length}" ORDER BY "_row"`;
}

export function renderChain(steps: unknown, inputSchema: Schema, ctx: RunContext = {}, options: ChainRenderOptions = {}): RenderedChain {
  return { js: renderChainJs(steps, inputSchema, ctx, options), sql: renderChainSql(steps, inputSchema, ctx, options) };
}
