/**
 * Runs the projector in its own process and kills it with SIGKILL after its first batch wrote rows but before the
 * commit. Usage: node --import tsx test/support/crash-projector.ts <postgres-url | pglite-dir>
 */
import { createPgliteDatabase, createPostgresDatabase } from '../../src/db/database.js';
import { createProjector } from '../../src/projections/projector.js';

const target = process.argv[2];
const database = target.startsWith('postgres') ? createPostgresDatabase({ url: target }) : await createPgliteDatabase(target);
const projector = createProjector(database.db, {
  beforeCommit: () => {
    process.kill(process.pid, 'SIGKILL');
    return new Promise(() => undefined);
  },
});
await projector.catchUp();
console.error('the projector was expected to die before committing');
process.exit(3);
