import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPrimitive } from '../../src/engine/plan/index.js';

/** The local commands run as a user runs them: the real bin, in a child process, on temp files, with no config. */
const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/modulardata.js');
let dir: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return run(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const write = (name: string, content: string | Uint8Array) => {
  fs.writeFileSync(path.join(dir, name), content);
  return name;
};
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const steps = (name: string, plan: unknown) => write(name, JSON.stringify(plan));

/** Each run starts Node and tsx (seconds on a loaded machine): cases run one after another, with room to spare. */
const SLOW = 240_000;
const SORTED = 'name,age,city\ndave,41,Paris\nbob,30,Paris\n" alice ",25,"Lyon, FR"\ncarol,,Nice\n';
const PEOPLE = 'name,age,city\nbob,30,Paris\n alice ,25,"Lyon, FR"\ncarol,,Nice\ndave,41,Paris\n';
const BY_AGE_DESC = [{ op: 'sort_rows', params: { columns: ['age'], ascending: false } }];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'md-cli-'));
  write('people.csv', PEOPLE);
  steps('by-age.json', BY_AGE_DESC);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('modulardata apply', { timeout: SLOW }, () => {
  it('runs the plan and writes canonical CSV to standard output, with one record per step on stderr', async () => {
    const result = await cli(['apply', '--steps', 'by-age.json', 'people.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(SORTED);
    expect(result.stderr).toMatch(/^step 1\/1 sort_rows: rows 4 → 4, columns 3 → 3, \d+(\.\d)? ms$/m);
    expect(result.stderr).toMatch(/^done: 4 → 4 rows, 3 → 3 columns \(read .* ms, steps .* ms, write .* ms\); 77 bytes to standard output$/m);
  });

  it('writes -o whole, accepts a saved plan object, and needs no configuration (a bad .env or variable is ignored)', async () => {
    steps('plan-object.json', { steps: BY_AGE_DESC, name: 'saved' });
    write('.env', 'PORT=not-a-port\n');
    try {
      const result = await cli(['apply', '--steps', 'plan-object.json', 'people.csv', '-o', 'out.csv'], { DATABASE_URL: 'not a url', PORT: 'x' });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(read('out.csv')).toBe(SORTED);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(result.stderr).toContain('77 bytes to out.csv');
    } finally {
      fs.rmSync(path.join(dir, '.env'));
    }
  });

  it('writes the step records and ingest report with --report, and escapes formulas only when asked', async () => {
    write('formula.csv', 'v,n\n=SUM(A1),-5\n');
    steps('by-v.json', [{ op: 'sort_rows', params: { columns: ['v'] } }]);
    const result = await cli(['apply', '--steps', 'by-v.json', 'formula.csv', '--escape-formulas', '--report', 'report.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("v,n\n'=SUM(A1),-5\n");
    const report = JSON.parse(read('report.json'));
    expect(report).toMatchObject({ ok: true, rows_before: 1, rows_after: 1, errors: [], ingest: { encoding: 'utf-8', delimiter: ',' } });
    expect(report.steps[0]).toMatchObject({ op: 'sort_rows', params: { columns: ['v'], ascending: true, na_position: 'last' }, ok: true });
    expect(report.table).toBeUndefined();
  });

  it('exits 2 on an invalid plan, listing every error with the existing columns, and writes nothing', async () => {
    steps('bad-plan.json', [{ op: 'sort_rows', params: { columns: ['agee'] } }, { op: 'frobnicate' }]);
    const result = await cli(['apply', '--steps', 'bad-plan.json', 'people.csv', '-o', 'never.csv']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error COLUMN_NOT_FOUND: Step 1 (sort_rows) columns[0]: column "agee" does not exist. Existing columns: "name", "age", "city". Did you mean "age"?');
    expect(result.stderr).toContain('error UNKNOWN_OP: Step 2: unknown operation "frobnicate".');
    expect(fs.existsSync(path.join(dir, 'never.csv'))).toBe(false);
  });

  it('exits 2 on unreadable input: missing files, bad JSON, malformed CSV, bad options', async () => {
    write('not-json.json', '[{"op": ');
    write('unclosed.csv', 'a,b\n1,"x\n2,y\n');
    const cases: [string[], RegExp][] = [
      [['apply', '--steps', 'by-age.json', 'nope.csv'], /Cannot read nope\.csv: no such file\./],
      [['apply', '--steps', 'nope.json', 'people.csv'], /Cannot read nope\.json: no such file\./],
      [['apply', 'people.csv'], /--steps FILE is required/],
      [['apply', '--steps', 'by-age.json'], /Give exactly one input file \(got 0\)/],
      [['apply', '--steps', 'not-json.json', 'people.csv'], /not-json\.json is not valid JSON/],
      [['apply', '--steps', 'by-age.json', 'unclosed.csv'], /unclosed\.csv: The CSV file is malformed: unclosed quote in field 2 \(line 2\)\n {2}line 2, field 2: Unclosed quote in field 2/],
      [['apply', '--steps', 'by-age.json', 'people.csv', '--table', 'lookup'], /--table takes NAME=FILE \(got 'lookup'\)/],
      [['apply', '--steps', 'by-age.json', 'people.csv', '--table', 'x=missing.csv'], /Cannot read missing\.csv: no such file\./],
      [['apply', '--steps', 'by-age.json', 'people.csv', '--now', 'yesterday'], /--now must be an ISO-8601 instant/],
      [['apply', '--steps', 'by-age.json', 'people.csv', '--delimiter', 'x'], /--delimiter must be one of/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
  }, 4 * SLOW);

  it('exits 1 when the result cannot be written', async () => {
    const result = await cli(['apply', '--steps', 'by-age.json', 'people.csv', '-o', 'no-such-dir/out.csv']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Cannot write no-such-dir\/out\.csv: ENOENT/m);
  });

  it('attaches --table files and shows a progress bar for inputs over 4 MB', async () => {
    // Few rows with long cells: over the 4 MB threshold without making the test slow to parse.
    const lines = ['id,label'];
    for (let i = 0; i < 20_000; i++) lines.push(`${(i * 7) % 20_000},${String(i).padStart(250, '.')}`);
    write('big.csv', lines.join('\n') + '\n');
    steps('by-id.json', [{ op: 'sort_rows', params: { columns: ['id'] } }]);
    const result = await cli(['apply', '--steps', 'by-id.json', 'big.csv', '--table', 'people=people.csv', '-o', 'big-out.csv']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/apply \[#{30}\] 100% 1\/1 steps/);
    const out = read('big-out.csv').split('\n');
    expect(out).toHaveLength(20_002);
    // 7 × 17143 = 120001 ≡ 1 (mod 20000): id 1 is row 17143.
    expect(out.slice(0, 3)).toEqual(['id,label', `0,${'0'.padStart(250, '.')}`, `1,${'17143'.padStart(250, '.')}`]);
  });

  it.skipIf(!getPrimitive('shuffle_rows'))('refuses a step that needs a seed when none is given (exit 2)', async () => {
    steps('shuffle.json', [{ op: 'shuffle_rows' }]);
    const result = await cli(['apply', '--steps', 'shuffle.json', 'people.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error INVALID_PARAM: Step 1 \(shuffle_rows\) seed: /m);
    steps('shuffle-seeded.json', [{ op: 'shuffle_rows', params: { seed: 42 } }]);
    const seeded = await cli(['apply', '--steps', 'shuffle-seeded.json', 'people.csv']);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout.split('\n')).toHaveLength(6);
  });

  it.skipIf(!getPrimitive('join_tables'))('joins an attached --table by its name', async () => {
    write('cities.csv', 'city,country\nParis,FR\nNice,FR\n');
    steps('join.json', [{ op: 'join_tables', params: { right_table: 'cities', left_on: 'city', right_on: 'city', how: 'inner' } }]);
    const result = await cli(['apply', '--steps', 'join.json', 'people.csv', '--table', 'cities=cities.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('name,age,city,country\nbob,30,Paris,FR\ncarol,,Nice,FR\ndave,41,Paris,FR\n');
  });
});

describe('modulardata profile', { timeout: SLOW }, () => {
  const MESSY = 'id,name,email,signup\n1,Ann,ann@x.com,2024-01-05\n2, Bob ,,2024-01-06\n2, Bob ,,2024-01-06\n3,CARL,carl@x.com,01/07/2024\n';

  it('prints a summary: counts, one line per column, issues with their fixes', async () => {
    write('messy.csv', MESSY);
    const result = await cli(['profile', 'messy.csv'], { DATABASE_URL: 'not a url' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^messy\.csv: 4 rows × 4 columns \(utf-8, comma-separated, header on record 1\), 1 duplicate rows, 2 complete rows\n/);
    expect(result.stdout).toMatch(/^column +type +meaning +blanks +unique$/m);
    expect(result.stdout).toMatch(/^id +integer +numeric +0 \(0%\) +3$/m);
    expect(result.stdout).toMatch(/^email +string +email +2 \(50%\) +2$/m);
    expect(result.stdout).toMatch(/^Issues \(\d+\):$/m);
    expect(result.stdout).toMatch(/^ {2}warning +1 duplicate rows/m);
    expect(result.stdout).toMatch(/^ {2}warning +\[name\] .*whitespace/m);
    expect(result.stdout).toMatch(/→ Remove the duplicate rows \(remove_duplicates\)\./);
  });

  it('prints the full profile as JSON with --json', async () => {
    const result = await cli(['profile', 'messy.csv', '--json']);
    expect(result.code).toBe(0);
    const profile = JSON.parse(result.stdout);
    expect(profile).toMatchObject({ row_count: 4, column_count: 4, duplicate_row_count: 1, encoding_detected: 'utf-8', delimiter_detected: ',' });
    expect(profile.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'name', 'email', 'signup']);
    expect(profile.columns[2]).toMatchObject({ null_count: 2, unique_count: 2, semantic_type: 'email' });
  });

  it('exits 2 for a missing, binary or empty file', async () => {
    write('empty.csv', '');
    write('binary.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3]));
    const missing = await cli(['profile', 'nope.csv']);
    const binary = await cli(['profile', 'binary.csv']);
    const empty = await cli(['profile', 'empty.csv']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('Cannot read nope.csv: no such file.');
    expect(binary).toMatchObject({ code: 2, stdout: '' });
    expect(binary.stderr).toContain('binary.csv: File appears to be a ZIP archive or Excel workbook (.xlsx), not CSV text');
    expect(empty).toMatchObject({ code: 2 });
    expect(empty.stderr).toContain('empty.csv: File is empty or contains no data');
  });

  it.each(['apply', 'profile'])('%s --help explains the command', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: modulardata ${command}`);
  });
});
