import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createPostgresDatabase } from '../../src/db/database.js';
import { loadMigrations, migrate } from '../../src/db/migrate.js';
import { databaseTargets, type TestDatabase } from '../support/databases.js';

const targets = await databaseTargets();

describe.each(targets)('migrations on $name', (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create();
  });
  afterAll(() => t.cleanup());

  it('are ordered, recorded, and applied once', async () => {
    const names = loadMigrations().map((m) => m.name);
    expect(names).toEqual([...names].sort());
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(t.database.db);
    expect(rows.map((r) => r.name)).toEqual(names);
    expect(await migrate(t.database)).toEqual([]);
  });
});

describe.each(targets.filter((t) => t.name === 'postgres'))('concurrent start-ups on $name', (target) => {
  it('five start-ups (separate connection pools) migrating a fresh database at once apply each migration exactly once', async () => {
    const t = await target.create();
    try {
      // Start from an empty database: drop what create() migrated.
      await sql`DROP SCHEMA public CASCADE`.execute(t.database.db);
      await sql`CREATE SCHEMA public`.execute(t.database.db);
      const databases = Array.from({ length: 5 }, () => createPostgresDatabase({ url: t.url! }));
      const results = await Promise.all(databases.map((d) => migrate(d)));
      await Promise.all(databases.map((d) => d.close()));
      const applied = results.flat();
      expect(applied.sort()).toEqual(loadMigrations().map((m) => m.name).sort());
      expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    } finally {
      await t.cleanup();
    }
  });
});
