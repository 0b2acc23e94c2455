/**
 * Engine benchmark (on demand, not in CI; see bench/README.md): the messy customer/sales pipeline through the
 * engine's plan steps and through DuckDB (1 thread and default threads), each run in a child process of its own,
 * at 100k and 1M rows. Prints wall and CPU time, the ratio to DuckDB single-threaded, and peak RSS, and checks that
 * both engines computed the same grouped result.
 *
 *   npm run bench:engine
 *   npm run bench:engine -- --rows 100000            # one size
 *   npm run bench:engine -- --5m                     # add 5M rows (BENCH_5M=1 does the same)
 *   BENCH_ROWS=200000,2000000 npm run bench:engine   # other sizes
 *   npm run bench:engine -- --json results.json      # also keep every measurement as JSON
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCsv } from './generate.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    '5m': { type: 'boolean' },
    seed: { type: 'string' },
    dir: { type: 'string' },
    json: { type: 'string' },
    variants: { type: 'string' },
  },
});

const sizes = (values.rows ?? process.env.BENCH_ROWS ?? '100000,1000000').split(',').map((s) => Number(s.replace(/_/g, '')));
if (values['5m'] || process.env.BENCH_5M === '1') sizes.push(5_000_000);
const seed = Number(values.seed ?? process.env.BENCH_SEED ?? 20240601);
const dir = values.dir ?? process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'modulardata-bench');
const variants = (values.variants ?? 'grouped,full').split(',') as ('grouped' | 'full')[];
const here = import.meta.dirname;
fs.mkdirSync(dir, { recursive: true });

interface Measurement {
  ok: boolean;
  label: string;
  engine: 'engine' | 'duckdb';
  variant: string;
  wall_ms?: number;
  cpu_ms?: number;
  peak_rss_bytes?: number;
  rows_out?: number;
  output?: string;
  detail?: Record<string, unknown>;
  error?: string;
}

/** Runs one measurement script in a fresh Node process and parses the JSON line it prints last. */
function child(script: string, args: string[]): Record<string, unknown> & { ok: boolean } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    const why = run.error?.message ?? (run.signal ? `killed by ${run.signal}` : `exit code ${run.status}`);
    return { ok: false, error: `${why}: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' | ')}` };
  }
}

function measure(engine: 'engine' | 'duckdb', variant: string, label: string, script: string, args: string[], output: string): Measurement {
  process.stderr.write(`  running ${label} …\n`);
  const r = child(script, args);
  if (!r.ok) return { ok: false, engine, variant, label, error: String(r.error ?? JSON.stringify(r)) };
  const times = r.times as { total: number };
  return { ok: true, engine, variant, label, wall_ms: times.total, cpu_ms: r.cpu_ms as number, peak_rss_bytes: r.peak_rss_bytes as number, rows_out: r.rows_out as number, output, detail: r };
}

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${Math.round(bytes / 1e6)} MB`);

/** A tiny reader for the grouped outputs (no quoted fields in them). */
function groupedRows(file: string): string[][] {
  return fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

/** The grouped results agree: same countries in the same order, equal counts and dates, sums and means within 1e-9. */
function compareGrouped(engineFile: string, duckFile: string): string {
  const a = groupedRows(engineFile);
  const b = groupedRows(duckFile);
  if (a.length !== b.length) return `DIFFER: ${a.length} groups vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const [country, count, sum, mean, max] = a[i];
    const [dCountry, dCount, dSum, dMean, dMax] = b[i];
    const close = (x: string, y: string) => Math.abs(Number(x) - Number(y)) <= 1e-9 * Math.max(1, Math.abs(Number(y)));
    if (country !== dCountry || count !== dCount || max !== dMax || !close(sum, dSum) || !close(mean, dMean)) {
      return `DIFFER at group ${i + 1}: engine ${a[i].join(',')} vs DuckDB ${b[i].join(',')}`;
    }
  }
  return `agree (${a.length} groups, same order, equal counts and max dates, sums and means within 1e-9)`;
}

const all: { rows: number; size_bytes: number; load: number; runs: Measurement[] }[] = [];
const cpus = os.availableParallelism();
console.log(`modulardata engine benchmark · Node ${process.version} · ${cpus} CPUs · ${os.cpus()[0]?.model ?? ''}`);

for (const rows of sizes) {
  const input = path.join(dir, `customers-${rows}-${seed}.csv`);
  if (!fs.existsSync(input)) {
    process.stderr.write(`generating ${rows} rows → ${input} …\n`);
    generateCsv(input + '.part', rows, seed);
    fs.renameSync(input + '.part', input);
  }
  const size = fs.statSync(input).size;
  const load = os.loadavg()[0];
  const out = (name: string) => path.join(dir, `out-${rows}-${name}.csv`);
  const runs: Measurement[] = [];
  process.stderr.write(`${rows} rows (${mb(size)}):\n`);
  for (const variant of variants) {
    runs.push(measure('engine', variant, `engine ${variant}`, 'run-engine.ts', [variant, input, out(`engine-${variant}`)], out(`engine-${variant}`)));
    runs.push(measure('duckdb', variant, `duckdb ${variant}, 1 thread`, 'run-duckdb.ts', [variant, '1', input, out(`duckdb1-${variant}`)], out(`duckdb1-${variant}`)));
    runs.push(measure('duckdb', variant, `duckdb ${variant}, ${cpus} threads`, 'run-duckdb.ts', [variant, 'default', input, out(`duckdbN-${variant}`)], out(`duckdbN-${variant}`)));
  }
  runs.push(measure('engine', 'io', 'engine parse + write only', 'run-engine.ts', ['io', input, out('engine-io')], out('engine-io')));
  all.push({ rows, size_bytes: size, load, runs });

  console.log(`\n${rows.toLocaleString('en-US')} rows · ${mb(size)} · seed ${seed} · load average ${load.toFixed(1)} at start${load > cpus ? ' (machine busy: wall times are inflated, CPU times less so)' : ''}`);
  console.log(`${'run'.padEnd(28)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'peak RSS'.padStart(9)} ${'rows out'.padStart(9)}  × DuckDB 1 thread (wall / cpu)`);
  for (const r of runs) {
    if (!r.ok) {
      console.log(`${r.label.padEnd(28)} FAILED: ${r.error}`);
      continue;
    }
    const base = runs.find((d) => d.ok && d.engine === 'duckdb' && d.variant === (r.variant === 'io' ? 'grouped' : r.variant) && d.label.endsWith('1 thread'));
    const ratio = base && r !== base ? `${(r.wall_ms! / base.wall_ms!).toFixed(2)}× / ${(r.cpu_ms! / base.cpu_ms!).toFixed(2)}×` : '';
    console.log(`${r.label.padEnd(28)} ${seconds(r.wall_ms).padStart(9)} ${seconds(r.cpu_ms).padStart(9)} ${mb(r.peak_rss_bytes).padStart(9)} ${String(r.rows_out ?? '—').padStart(9)}  ${ratio}`);
  }
  for (const r of runs.filter((x) => x.ok && x.engine === 'engine')) {
    const d = r.detail as { times: Record<string, number>; steps: { op: string; ms: number }[]; missing: string[]; mode: string };
    const steps = d.steps.map((s) => `${s.op} ${seconds(s.ms)}`).join(', ');
    console.log(
      `  ${r.label}: read file ${seconds(d.times.file_read)}, parse ${seconds(d.times.parse)}${d.times.plan !== undefined ? `, plan ${seconds(d.times.plan)}` : ''}, ` +
        `serialize ${seconds(d.times.serialize)}, write file ${seconds(d.times.file_write)}${steps ? `\n    steps: ${steps}` : ''}`,
    );
    if (d.missing.length) console.log(`    not registered yet, so only parse + write ran: ${d.missing.join(', ')}`);
  }
  const engineGrouped = runs.find((r) => r.ok && r.label === 'engine grouped' && (r.detail as { mode: string }).mode === 'grouped');
  const duckGrouped = runs.find((r) => r.ok && r.label === 'duckdb grouped, 1 thread');
  if (engineGrouped && duckGrouped) {
    console.log(`  check: grouped results ${compareGrouped(engineGrouped.output!, duckGrouped.output!)}`);
    const ratio = engineGrouped.wall_ms! / duckGrouped.wall_ms!;
    if (rows === 1_000_000) {
      const rss = engineGrouped.peak_rss_bytes!;
      console.log(`  acceptance (1M, grouped): ${ratio.toFixed(2)}× DuckDB 1 thread (≤ 4× required, ≤ 2× target), peak RSS ${mb(rss)} (≤ 1.5 GB required, ≤ 1 GB target): ${ratio <= 4 && rss <= 1.5e9 ? 'PASS' : 'FAIL'}`);
    }
  }
  const engineFull = runs.find((r) => r.ok && r.label === 'engine full' && (r.detail as { mode: string }).mode === 'full');
  const duckFull = runs.find((r) => r.ok && r.label === 'duckdb full, 1 thread');
  if (engineFull && duckFull) console.log(`  check: full cleaned table ${engineFull.rows_out === duckFull.rows_out ? `same row count (${duckFull.rows_out})` : `DIFFERS: ${engineFull.rows_out} vs ${duckFull.rows_out} rows`}`);
}

if (values.json) {
  fs.writeFileSync(values.json, JSON.stringify({ node: process.version, cpus, seed, results: all }, null, 2) + '\n');
  console.log(`\nmeasurements written to ${values.json}`);
}
