import type { StoredEvent } from '../events/event-store.js';
import type { Service } from '../service/service.js';

/**
 * What a job does between its steps: report progress on its task stream, and notice a cancellation recorded in its
 * session stream since the job read it (by reading only the newer events), so it can stop without storing anything.
 */
export function jobBoundaries(service: Pick<Service, 'store'>, taskId: string, stream: string, past: readonly StoredEvent[], isCancellation: (event: StoredEvent) => boolean) {
  let seen = past.length === 0 ? 0 : past[past.length - 1].streamVersion;
  return {
    progress: (percent: number, message: string) => service.store.append(`task-${taskId}`, [{ type: 'TaskProgressed', data: { progress: percent, message } }], 'any'),
    async cancelled(): Promise<boolean> {
      const newer = await service.store.readStream(stream, { fromVersion: seen + 1 });
      if (newer.length > 0) seen = newer[newer.length - 1].streamVersion;
      return newer.some(isCancellation);
    },
  };
}
