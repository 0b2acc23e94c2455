/**
 * Runs rendered modules for real: each in its own folder next to its `input.csv` (and attached tables), all in one
 * child Node process (`node --import tsx`) so the suite stays fast. The folder tree has a `node_modules` with
 * `arquero` and `modulardata` linked to this checkout, as an installed package would be, so the module's own
 * `import { md } from 'modulardata/engine'` resolves through package.json "exports".
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCanonicalCsv, writeCsv, type DataTable } from '../../../src/engine/index.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The table the engine's reader makes of a fixture's CSV text, and that table's canonical bytes. */
export function canonical(csv: string): { table: DataTable; bytes: Uint8Array } {
  const bytes = writeCsv(readCanonicalCsv(new TextEncoder().encode(csv)));
  return { table: readCanonicalCsv(bytes), bytes };
}

export interface ModuleFiles {
  /** file name → contents; must include `module.mjs` */
  files: Record<string, string | Uint8Array>;
}

export interface ModuleResult {
  output: Uint8Array | null;
  error: string | null;
  /** `md.reports` entries made while this module ran (whole-step calls, in order). */
  reports: { op: string; metadata: unknown; warnings: unknown }[];
}

// Runs each folder's module.mjs with the folder as working directory; records errors and the md reports it made.
const RUNNER = `import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { md } from 'modulardata/engine';
for (const dir of process.argv.slice(2)) {
  process.chdir(dir);
  const before = md.reports.length;
  try {
    await import(pathToFileURL(dir + '/module.mjs').href);
  } catch (error) {
    writeFileSync('error.txt', String((error && error.stack) || error));
  }
  writeFileSync('reports.json', JSON.stringify(md.reports.slice(before)));
}
`;

export async function runModules(modules: ModuleFiles[]): Promise<{ results: ModuleResult[]; cleanup: () => void }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'md-render-contract-'));
  mkdirSync(path.join(root, 'node_modules'));
  symlinkSync(REPO, path.join(root, 'node_modules', 'modulardata'), 'dir');
  symlinkSync(path.join(REPO, 'node_modules', 'arquero'), path.join(root, 'node_modules', 'arquero'), 'dir');
  writeFileSync(path.join(root, 'run.mjs'), RUNNER);
  const dirs = modules.map((m, i) => {
    const dir = path.join(root, `case-${i}`);
    mkdirSync(dir);
    for (const [name, contents] of Object.entries(m.files)) writeFileSync(path.join(dir, name), contents);
    return dir;
  });
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, 'run.mjs', ...dirs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (c) => resolve({ code: c, output }));
  });
  if (code !== 0) throw new Error(`module runner exited with ${code}:\n${output}`);
  const results = dirs.map((dir): ModuleResult => {
    const read = (name: string) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name)) : null);
    const output = read('output.csv');
    const error = read('error.txt');
    const reports = read('reports.json');
    return {
      output: output && new Uint8Array(output),
      error: error && error.toString('utf8'),
      reports: reports ? JSON.parse(reports.toString('utf8')) : [],
    };
  });
  return { results, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
