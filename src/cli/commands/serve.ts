import type { CliCommand } from '../command.js';
import { runUntilSignal } from '../shutdown.js';

export const serveCommand: CliCommand = {
  summary: 'Start the HTTP API (and, without REDIS_URL, the projector and jobs in the same process)',
  help: `Usage: modulardata serve [--port N] [--host H]

Starts the HTTP API on PORT (default 8000). With no DATABASE_URL it uses the embedded PGlite database under
DATA_DIR (./.modulardata); with no REDIS_URL, projections and jobs run inside this process. With REDIS_URL set,
run 'modulardata worker' as a separate process.

Options:
  --port N   listen on this port (overrides PORT)
  --host H   listen on this address (overrides HOST)
  -h, --help show this help`,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ config, values }) {
    const port = values.port !== undefined ? Number(values.port) : config.PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`Invalid --port: ${String(values.port)}`);
      return 2;
    }
    await runUntilSignal(
      async () => {
        // Heavy modules load only when the command runs, so --help answers at once.
        const { createService } = await import('../../service/service.js');
        const { buildApp } = await import('../../api/app.js');
        const service = await createService(config, { role: 'server' });
        const app = await buildApp(service);
        await app.listen({ port, host: (values.host as string | undefined) ?? config.HOST });
        const mode = `${config.DATABASE_URL ? 'postgres' : 'pglite'} + ${config.REDIS_URL ? 'bullmq (run the worker separately)' : 'in-process jobs'}`;
        app.log.info(`ModularData listening on port ${port} (${mode}); docs at /docs`);
        return { service, app };
      },
      async ({ service, app }) => {
        await app.close();
        await service.close();
      },
    );
    return 0;
  },
};
