import type { CliCommand } from '../command.js';

export const migrateCommand: CliCommand = {
  summary: 'Apply pending database migrations',
  help: `Usage: modulardata migrate

Applies the migrations in migrations/ that this database has not seen, in order, each once (safe when several
processes start at the same time). The server and worker also migrate at start-up.

Options:
  -h, --help show this help`,
  options: {},
  async run({ config }) {
    const { openDatabase } = await import('../../service/service.js');
    const { migrate } = await import('../../db/migrate.js');
    const database = await openDatabase(config);
    try {
      const applied = await migrate(database);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
      return 0;
    } finally {
      await database.close();
    }
  },
};
