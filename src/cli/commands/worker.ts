import type { CliCommand } from '../command.js';
import { runUntilSignal } from '../shutdown.js';

export const workerCommand: CliCommand = {
  summary: 'Run projections and background jobs (the separate process used with REDIS_URL)',
  help: `Usage: modulardata worker

Runs the projector (read tables follow the event log) and consumes background jobs from the queue. Use it with
DATABASE_URL and REDIS_URL; any number of workers may run: each projection has one active consumer at a time.
With WORKER_HEALTH_PORT set it answers /api/v1/health, /api/v1/health/live and /api/v1/health/ready there.

Options:
  -h, --help show this help`,
  options: {},
  async run({ config }) {
    await runUntilSignal(
      async () => {
        const { createService } = await import('../../service/service.js');
        const { listenForEvents } = await import('../../projections/listen.js');
        const { startWorkerHealth } = await import('../../api/worker-health.js');
        const service = await createService(config, { role: 'worker' });
        const listener = config.DATABASE_URL && service.projector ? await listenForEvents(config.DATABASE_URL, () => service.projector!.wake()) : undefined;
        const health = config.WORKER_HEALTH_PORT > 0 ? await startWorkerHealth(service, config.WORKER_HEALTH_PORT, config.HOST) : undefined;
        const served = health ? `, health on port ${config.WORKER_HEALTH_PORT}` : '';
        console.error(`worker started (${config.DATABASE_URL ? 'postgres' : 'pglite'}, ${config.REDIS_URL ? 'bullmq' : 'in-process queue'}${served})`);
        return { service, listener, health };
      },
      async ({ service, listener, health }) => {
        await health?.close();
        await listener?.close();
        await service.close();
      },
    );
    return 0;
  },
};
