import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, type DomainEvent } from '../../src/events/index.js';
import { createProjector } from '../../src/projections/index.js';
import { databaseTargets, type TestDatabase } from '../support/databases.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/modulardata.js');
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('modulardata CLI', () => {
  it.each(['serve', 'worker', 'migrate', 'rebuild'])('%s --help explains the command', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: modulardata ${command}`);
  });

  it('lists the commands, and refuses unknown ones and unknown options with exit code 2', async () => {
    const help = await cli(['--help']);
    expect(help.stdout).toMatch(/serve[\s\S]*worker[\s\S]*migrate[\s\S]*rebuild/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['rebuild', '--bogus'])).code).toBe(2);
  });
});

const targets = (await databaseTargets()).filter((t) => t.name === 'postgres');

describe.each(targets)('modulardata migrate and rebuild on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create();
  });
  afterAll(() => t.cleanup());

  it('rebuild on a populated database leaves tables equal to the live ones, row for row', async () => {
    const db = t.database.db;
    const store = createEventStore(db);
    for (let i = 0; i < 40; i++) {
      const id = randomUUID();
      const events: DomainEvent[] = [
        { type: 'SessionCreated', data: { session_id: id, owner_id: randomUUID(), plan_id: randomUUID(), name: `s${i}`, metadata: { i } } },
        { type: 'ChatMessagePosted', data: { message_id: randomUUID(), content: `hello ${i}`, node_id: null, metadata: {} } },
      ];
      if (i % 3 === 0) events.push({ type: 'SessionRenamed', data: { name: `renamed ${i}` } });
      if (i % 7 === 0) events.push({ type: 'SessionArchived', data: {} });
      await store.append(`session-${id}`, events, 'no_stream');
    }
    await createProjector(db).catchUp();
    const dump = () => Promise.all(['sessions', 'chat_logs', 'plans', 'nodes', 'tasks'].map((table) => sql`SELECT * FROM ${sql.table(table)} ORDER BY id`.execute(db).then((r) => r.rows)));
    const before = await dump();
    const migrated = await cli(['migrate'], { DATABASE_URL: t.url! });
    expect(migrated).toMatchObject({ code: 0 });
    expect(migrated.stdout).toContain('Database is up to date');
    const check = await cli(['rebuild', '--check'], { DATABASE_URL: t.url! });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('all tables identical');
    const result = await cli(['rebuild'], { DATABASE_URL: t.url! });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/rebuild \[#+\] 100% \d+\/\d+ events/);
    expect(result.stdout).toMatch(/sessions\s+40\s+40\s+identical/);
    expect(await dump()).toEqual(before);
    await sql`DELETE FROM chat_logs WHERE id = (SELECT id FROM chat_logs ORDER BY id LIMIT 1)`.execute(db);
    expect((await cli(['rebuild', '--check'], { DATABASE_URL: t.url! })).code).toBe(1);
    // Without --swap nothing changes: the difference is reported and stays.
    const compared = await cli(['rebuild'], { DATABASE_URL: t.url! });
    expect(compared.code).toBe(1);
    expect(compared.stdout).toMatch(/chat_logs\s+39\s+40\s+DIFFERS/);
    expect(compared.stdout).toContain('nothing changed');
    expect((await cli(['rebuild', '--swap', '--check'], { DATABASE_URL: t.url! })).code).toBe(2);
    const swapped = await cli(['rebuild', '--swap'], { DATABASE_URL: t.url! });
    expect(swapped.code).toBe(0);
    expect(swapped.stdout).toContain('differed (replaced)');
    expect(await dump()).toEqual(before);
  }, 180_000); // eight processes, each starting Node and tsx
});
