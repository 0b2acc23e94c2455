import { PROJECTIONS } from '../../projections/read-models/index.js';
import type { CliCommand } from '../command.js';
import { createProgressBar } from '../progress.js';

const help = `Usage: modulardata rebuild [--projection NAME] [--swap | --check]

Replays the whole event log into fresh copies of the read tables and compares them with the live tables (row counts
and a content checksum per table). Nothing changes unless --swap is given: then the live rows are replaced by the
rebuilt ones in one transaction, so readers never see a missing or half-built table.

Options:
  --projection NAME  only this projection (${PROJECTIONS.map((p) => p.name).join(', ')})
  --swap             replace the live rows with the rebuilt ones (after comparing them)
  --check            compare only (the default; kept for scripts that name it)
  -h, --help         show this help

Exit codes: 0 every table identical (or replaced with --swap); 1 a table differs; 2 wrong options.
With the embedded database (no DATABASE_URL), stop the server first: PGlite allows one process at a time.`;

export const rebuildCommand: CliCommand = {
  summary: 'Replay the event log into fresh read tables and compare them with the live ones (swap with --swap)',
  help,
  options: { projection: { type: 'string' }, check: { type: 'boolean' }, swap: { type: 'boolean' } },
  async run({ config, values }) {
    const name = values.projection as string | undefined;
    const projections = name ? PROJECTIONS.filter((p) => p.name === name) : PROJECTIONS;
    if (projections.length === 0) {
      console.error(`Unknown projection '${name}'. Known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
      return 2;
    }
    if (values.swap && values.check) {
      console.error(`--swap and --check exclude each other.\n\n${help}`);
      return 2;
    }
    const swap = Boolean(values.swap);
    const { openDatabase } = await import('../../service/service.js');
    const { rebuildProjections } = await import('../../projections/rebuild.js');
    const database = await openDatabase(config);
    try {
      const bar = createProgressBar('rebuild');
      let last = { done: 0, total: 0 };
      const report = await rebuildProjections(database.db, {
        projections,
        swap,
        onProgress: (done, total) => {
          last = { done, total };
          bar.update(done, total);
        },
      });
      bar.finish(report.events, Math.max(last.total, report.events));
      console.log(`${'table'.padEnd(16)} ${'live rows'.padStart(10)} ${'rebuilt'.padStart(10)}  result`);
      for (const t of report.tables) {
        console.log(`${t.table.padEnd(16)} ${String(t.live_rows).padStart(10)} ${String(t.rebuilt_rows).padStart(10)}  ${t.identical ? 'identical' : swap ? 'differed (replaced)' : 'DIFFERS'}`);
      }
      const rate = report.duration_ms > 0 ? Math.round((report.events / report.duration_ms) * 1000) : report.events;
      const outcome = report.identical ? 'all tables identical' : swap ? 'differences replaced by the rebuild' : 'differences found (run with --swap to replace the live rows)';
      console.log(`${report.events} events replayed in ${report.duration_ms} ms (${rate} events/s); ${outcome}${swap ? '; swapped' : '; nothing changed'}`);
      return report.identical || swap ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
