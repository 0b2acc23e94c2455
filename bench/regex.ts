/**
 * Regex steps on the engine (issue 7): how long find_replace, regex_extract and filter_rows take on N rows, with
 * short cells (JavaScript's engine for patterns that pass the full static check) and long ones (RE2 through
 * LinearRegExp), plus a lookbehind that always stays on JavaScript's engine, and one hostile cell per pattern.
 *
 *   npm run bench:regex [-- --rows 1000000]
 */
import { parseArgs } from 'node:util';
import { readCsv } from '../src/engine/csv/read-csv.js';
import { runPlan } from '../src/engine/plan/index.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);

const STEPS = [
  { op: 'find_replace', params: { column: 'text', find: '\\d+', replace: '#', use_regex: true } },
  { op: 'regex_extract', params: { column: 'text', pattern: '(\\w+)@(\\w+)\\.com', group: 1, new_column: 'user' } },
  { op: 'filter_rows', params: { conditions: [{ column: 'text', operator: 'regex', value: '2024-01-1\\d' }] } },
  { op: 'filter_rows', params: { conditions: [{ column: 'text', operator: 'regex', value: '(?<=#)1\\d' }] } },
];

function table(cell: (i: number) => string) {
  const lines = ['id,text'];
  for (let i = 0; i < rows; i++) lines.push(`${i},"${cell(i)}"`);
  return readCsv(new TextEncoder().encode(`${lines.join('\n')}\n`)).table;
}

const short = (i: number) => `  Order #${i} for user${i % 97}@acme.com on 2024-01-${(i % 28) + 1}  `;
const tables = {
  [`short cells (~55 chars)`]: table(short),
  [`long cells (~165 chars)`]: table((i) => `${short(i)}${short(i + 1)}${short(i + 2)}`),
};
console.log(`regex steps on ${rows} rows (load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')})`);
for (const [label, dt] of Object.entries(tables)) {
  for (const step of STEPS) {
    const started = performance.now();
    const result = runPlan(dt, [step], { now: '2026-01-01T00:00:00Z' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const pattern = JSON.stringify(step.params).match(/"(?:find|pattern|value)":("[^"]*")/)?.[1];
    console.log(`${label.padEnd(24)} ${step.op.padEnd(14)} ${pattern?.padEnd(22)} ${Math.round(performance.now() - started)} ms`);
  }
}
// Hostile: one 200 000-character cell that a backtracking engine needs minutes or more for.
const hostile = readCsv(new TextEncoder().encode(`text\n"${' '.repeat(200_000)}x"\n`)).table;
for (const value of ['\\s+$', '^\\s*(.*?)\\s*$', '\\s+\\s+y']) {
  const started = performance.now();
  runPlan(hostile, [{ op: 'filter_rows', params: { conditions: [{ column: 'text', operator: 'regex', value }] } }], { now: '2026-01-01T00:00:00Z' });
  console.log(`hostile 200k-char cell    filter_rows    ${JSON.stringify(value).padEnd(22)} ${Math.round(performance.now() - started)} ms`);
}
