/**
 * One engine measurement, in a process of its own so its peak RSS is its own: reads the CSV, runs the pipeline's
 * plan with runPlan, writes canonical CSV, and prints one JSON line of timings. While some of the pipeline's
 * primitives are not registered yet it measures what exists (parse + write of the input) and names the missing ones.
 *
 *   node --import tsx bench/engine/run-engine.ts grouped|full|io in.csv out.csv
 */
import fs from 'node:fs';
import { readCsv, rowCount, writeCsv, type DataTable } from '../../src/engine/index.js';
import { getPrimitive, runPlan } from '../../src/engine/plan/index.js';
import { planSteps, type Variant } from './pipeline.js';

const [variant, input, output] = process.argv.slice(2) as [Variant | 'io', string, string];
const ms = (from: number) => Math.round((performance.now() - from) * 10) / 10;

const steps = variant === 'io' ? [] : planSteps(variant);
const missing = [...new Set(steps.filter((s) => !getPrimitive(s.op)).map((s) => s.op))];
const times: Record<string, number> = {};
const started = performance.now();
const cpu = process.cpuUsage();

let t = performance.now();
let bytes: Uint8Array | null = fs.readFileSync(input);
const sizeBytes = bytes.length;
times.file_read = ms(t);
t = performance.now();
const read = readCsv(bytes);
bytes = null;
times.parse = ms(t);
const rowsIn = rowCount(read.table);

let table: DataTable = read.table;
let stepTimes: { op: string; ms: number; rows_after: number | null }[] = [];
if (missing.length === 0 && steps.length > 0) {
  t = performance.now();
  const result = runPlan(read.table, steps);
  times.plan = ms(t);
  stepTimes = result.steps.map((s) => ({ op: s.op, ms: Math.round(s.duration_ms * 10) / 10, rows_after: s.rows_after }));
  if (!result.ok) {
    console.log(JSON.stringify({ ok: false, error: result.error, steps: stepTimes }));
    process.exit(1);
  }
  table = result.table;
}
t = performance.now();
const out = writeCsv(table);
times.serialize = ms(t);
t = performance.now();
fs.writeFileSync(output, out);
times.file_write = ms(t);
times.total = ms(started);
const used = process.cpuUsage(cpu);

console.log(
  JSON.stringify({
    ok: true,
    mode: missing.length === 0 ? variant : 'io',
    missing,
    size_bytes: sizeBytes,
    rows_in: rowsIn,
    rows_out: rowCount(table),
    times,
    cpu_ms: Math.round((used.user + used.system) / 1000),
    steps: stepTimes,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }),
);
