/**
 * One DuckDB measurement, in a process of its own: the pipeline as one COPY statement (read_csv → SQL → CSV file)
 * on an in-memory database with the given thread count, timed from statement start to end; prints one JSON line.
 *
 *   node --import tsx bench/engine/run-duckdb.ts grouped|full 1|default in.csv out.csv
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbSql, type Variant } from './pipeline.js';

const [variant, threads, input, output] = process.argv.slice(2) as [Variant, string, string, string];
const instance = await DuckDBInstance.create(':memory:', threads === 'default' ? {} : { threads });
const connection = await instance.connect();
const setting = await connection.runAndReadAll("SELECT current_setting('threads')");
const started = performance.now();
const cpu = process.cpuUsage();
const result = await connection.run(duckdbSql(variant, input, output));
const total = Math.round((performance.now() - started) * 10) / 10;
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    ok: true,
    threads: Number(setting.getRows()[0][0]),
    rows_out: result.rowsChanged,
    times: { total },
    cpu_ms: Math.round((used.user + used.system) / 1000),
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }),
);
connection.closeSync();
instance.closeSync();
