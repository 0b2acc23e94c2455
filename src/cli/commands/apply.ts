import fs from 'node:fs';
import type { CliCommand } from '../command.js';
import type { AttachedTable, PlanError, RunResult, StepRecord } from '../../engine/plan/index.js';
import { READ_OPTIONS, READ_OPTIONS_HELP } from '../csv-input.js';

/** Inputs above this size get a progress bar: below it a run finishes before a bar would say anything. */
const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

/** Errors about the plan or its references (exit 2); STEP_FAILED and LIMIT_EXCEEDED come from the data (exit 1). */
const PLAN_CODES = new Set(['INVALID_PLAN', 'UNKNOWN_OP', 'INVALID_PARAM', 'INVALID_REGEX', 'COLUMN_NOT_FOUND', 'COLUMN_EXISTS', 'TABLE_NOT_FOUND', 'TYPE_MISMATCH']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const applyCommand: CliCommand = {
  summary: 'Run a plan (a JSON list of steps) on a local CSV file, with no server or database',
  help: `Usage: modulardata apply --steps steps.json [--table name=file.csv …] in.csv [-o out.csv]

Reads in.csv (- for standard input) the way an upload is read, runs the plan's steps on it with the engine the
service uses, and writes the result as canonical CSV to out.csv (standard output without -o). Nothing is written
when a step fails. Each step's rows, columns, warnings and duration go to standard error; inputs over 4 MB show a
progress bar there too.

steps.json holds a list of steps, [{"op": "sort_rows", "params": {"columns": ["name"]}}, …] (or an object whose
"steps" field is that list). Steps that draw random numbers need their "seed" parameter; steps that read "today"
need --now. The engine refuses to run them otherwise.

Options:
  --steps FILE       the plan (required)
  --table NAME=FILE  attach a CSV file as table NAME, for steps that join, union or look up (repeatable)
  -o, --output FILE  where to write the result (written whole, then renamed into place)
  --now INSTANT      the reference instant (ISO-8601, e.g. 2024-06-01T00:00:00Z) for steps that need one
  --escape-formulas  prefix ' to text cells a spreadsheet would run as a formula (= + - @)
  --report FILE      also write the run's step records and ingest report as JSON
${READ_OPTIONS_HELP}
  -h, --help         show this help

Exit codes: 0 success; 2 invalid plan or input (unreadable file, malformed CSV, a plan error such as an unknown
column); 1 anything else (a step that fails on the data, an output that cannot be written).`,
  options: {
    steps: { type: 'string' },
    table: { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    now: { type: 'string' },
    'escape-formulas': { type: 'boolean' },
    report: { type: 'string' },
    ...READ_OPTIONS,
  },
  async run({ values, positionals }) {
    const { InputError, ingestNotes, readBytes, readOptions, readTable, reportFailure } = await import('../csv-input.js');
    try {
      if (positionals.length !== 1) throw new InputError(`Give exactly one input file (got ${positionals.length}). See 'modulardata apply --help'.`);
      if (typeof values.steps !== 'string') throw new InputError("--steps FILE is required. See 'modulardata apply --help'.");
      const input = positionals[0];
      const options = readOptions(values);
      const steps = parseSteps(values.steps, readBytes(values.steps), InputError);
      const now = values.now === undefined ? undefined : parseNow(String(values.now), InputError);

      const { createHash } = await import('node:crypto');
      const { writeCsv } = await import('../../engine/index.js');
      const { runPlan } = await import('../../engine/plan/index.js');
      const { createProgressBar } = await import('../progress.js');

      const tables: AttachedTable[] = [];
      for (const spec of (values.table as string[] | undefined) ?? []) {
        const eq = spec.indexOf('=');
        const name = eq > 0 ? spec.slice(0, eq) : '';
        if (!name || eq === spec.length - 1) throw new InputError(`--table takes NAME=FILE (got '${spec}').`);
        if (tables.some((t) => t.name === name)) throw new InputError(`--table ${name} is given twice.`);
        const file = spec.slice(eq + 1);
        const bytes = readBytes(file);
        const read = await readTable(file, bytes, {});
        for (const note of ingestNotes(file, read.ingest)) console.error(note);
        tables.push({ id: name, name, hash: createHash('sha256').update(bytes).digest('hex'), table: read.table });
      }

      let started = performance.now();
      const bytes = readBytes(input);
      const bar = bytes.length >= PROGRESS_MIN_BYTES ? createProgressBar('apply', 'steps') : null;
      const read = await readTable(input, bytes, options);
      const readMs = performance.now() - started;
      for (const note of ingestNotes(input, read.ingest)) console.error(note);

      const result = runPlan(read.table, steps, { tables, now }, { onStep: bar ? (index, total) => bar.update(index, total) : undefined });
      if (bar) bar.finish(result.steps.filter((s) => s.ok).length, Array.isArray(steps) ? steps.length : 0);
      for (const record of result.steps) console.error(stepLine(record, result.steps.length));
      if (values.report) writeReport(String(values.report), result, read.ingest);
      if (!result.ok) {
        for (const error of result.errors) console.error(errorLine(error));
        return result.errors.every((e) => PLAN_CODES.has(e.code)) ? 2 : 1;
      }

      started = performance.now();
      const out = writeCsv(result.table, { escapeFormulas: values['escape-formulas'] === true });
      const output = values.output as string | undefined;
      if (output) writeWhole(output, out);
      else await new Promise<void>((resolve, reject) => process.stdout.write(out, (error) => (error ? reject(error) : resolve())));
      const writeMs = performance.now() - started;
      console.error(
        `done: ${result.rows_before} → ${result.rows_after} rows, ${read.table.schema.length} → ${result.table.schema.length} columns ` +
          `(read ${ms(readMs)}, steps ${ms(result.duration_ms)}, write ${ms(writeMs)}); ${out.length} bytes to ${output ?? 'standard output'}`,
      );
      return 0;
    } catch (error) {
      return reportFailure(error);
    }
  },
};

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;

function parseSteps(file: string, bytes: Uint8Array, InputError: new (message: string) => Error): unknown {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  // A saved plan object ({steps: […], …}) is accepted as well as the bare list; anything else goes to the validator.
  if (json && typeof json === 'object' && !Array.isArray(json) && Array.isArray((json as { steps?: unknown }).steps)) return (json as { steps: unknown }).steps;
  return json;
}

function parseNow(text: string, InputError: new (message: string) => Error): string {
  const date = new Date(text);
  if (!ISO_INSTANT.test(text) || Number.isNaN(date.getTime())) throw new InputError(`--now must be an ISO-8601 instant such as 2024-06-01T00:00:00Z (got '${text}').`);
  return date.toISOString();
}

function stepLine(r: StepRecord, total: number): string {
  const head = `step ${r.index + 1}/${total} ${r.op}`;
  if (!r.ok) return `${head}: failed after ${ms(r.duration_ms)}`;
  const lines = [`${head}: rows ${r.rows_before} → ${r.rows_after}, columns ${r.cols_before} → ${r.cols_after}, ${ms(r.duration_ms)}`];
  if (r.columns_added.length) lines.push(`  added: ${r.columns_added.join(', ')}`);
  if (r.columns_removed.length) lines.push(`  removed: ${r.columns_removed.join(', ')}`);
  for (const w of r.warnings) {
    const where = [w.column, w.count !== undefined ? `${w.count}` : undefined].filter((x) => x !== undefined).join(', ');
    lines.push(`  warning ${w.code}${where ? ` (${where})` : ''}: ${w.message}`);
  }
  if (Object.keys(r.metadata).length) lines.push(`  ${JSON.stringify(r.metadata)}`);
  return lines.join('\n');
}

function errorLine(e: PlanError): string {
  return `error ${e.code}: ${e.message}${e.suggestion && !e.message.includes(e.suggestion) ? ` (did you mean "${e.suggestion}"?)` : ''}`;
}

/** Written to a temporary name first, so a cron job never leaves (or reads) half a file. */
export function writeWhole(file: string, bytes: Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new Error(`Cannot write ${file}: ${(error as Error).message}`);
  }
}

function writeReport(file: string, result: RunResult, ingest: unknown): void {
  const { table: _table, ...rest } = result;
  writeWhole(file, new TextEncoder().encode(JSON.stringify({ ...rest, ingest }, null, 2) + '\n'));
}
