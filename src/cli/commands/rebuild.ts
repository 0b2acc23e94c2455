import { PROJECTIONS } from '../../projections/read-models/index.js';
import type { CliCommand } from '../command.js';
import { createProgressBar } from '../progress.js';

export const rebuildCommand: CliCommand = {
  summary: 'Replay the event log into fresh read tables, compare them with the live ones, and swap them in',
  help: `Usage: modulardata rebuild [--projection NAME] [--check]

Replays the whole event log into fresh copies of the read tables, compares them with the live tables (row counts
and a content checksum per table) and, unless --check is given, replaces the live rows with the rebuilt ones in
the same transaction, so readers never see a missing or half-built table.

Options:
  --projection NAME  only this projection (${PROJECTIONS.map((p) => p.name).join(', ')})
  --check            compare only; exit 1 when a table differs
  -h, --help         show this help

With the embedded database (no DATABASE_URL), stop the server first: PGlite allows one process at a time.`,
  options: { projection: { type: 'string' }, check: { type: 'boolean' } },
  async run({ config, values }) {
    const name = values.projection as string | undefined;
    const projections = name ? PROJECTIONS.filter((p) => p.name === name) : PROJECTIONS;
    if (projections.length === 0) {
      console.error(`Unknown projection '${name}'. Known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
      return 2;
    }
    const { openDatabase } = await import('../../service/service.js');
    const { rebuildProjections } = await import('../../projections/rebuild.js');
    const database = await openDatabase(config);
    try {
      const bar = createProgressBar('rebuild');
      let last = { done: 0, total: 0 };
      const report = await rebuildProjections(database.db, {
        projections,
        swap: !values.check,
        onProgress: (done, total) => {
          last = { done, total };
          bar.update(done, total);
        },
      });
      bar.finish(report.events, Math.max(last.total, report.events));
      console.log(`${'table'.padEnd(12)} ${'live rows'.padStart(10)} ${'rebuilt'.padStart(10)}  result`);
      for (const t of report.tables) {
        console.log(`${t.table.padEnd(12)} ${String(t.live_rows).padStart(10)} ${String(t.rebuilt_rows).padStart(10)}  ${t.identical ? 'identical' : report.swapped ? 'differed (replaced)' : 'DIFFERS'}`);
      }
      const rate = report.duration_ms > 0 ? Math.round((report.events / report.duration_ms) * 1000) : report.events;
      console.log(`${report.events} events replayed in ${report.duration_ms} ms (${rate} events/s); ${report.identical ? 'all tables identical' : report.swapped ? 'differences replaced by the rebuild' : 'differences found'}`);
      return report.identical || report.swapped ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
