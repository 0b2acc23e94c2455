/**
 * Starts a long-running command and runs until SIGTERM or SIGINT. The signal is handled from the first moment: one
 * that arrives during start-up (the embedded database may be writing) waits for it to finish, then `stop` closes
 * what it opened, instead of the process dying mid-write. A failed start-up rejects.
 */
export async function runUntilSignal<T>(start: () => Promise<T>, stop: (started: T) => Promise<void>): Promise<void> {
  const started = start();
  const stopped = onShutdown(async () => {
    const parts = await started.catch(() => undefined);
    if (parts !== undefined) await stop(parts);
  });
  await started;
  await stopped;
}

/** Resolves after SIGTERM or SIGINT once `stop` has run: the process then exits on its own. */
export function onShutdown(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const handle = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${signal} received, shutting down\n`);
      stop()
        .catch((error) => process.stderr.write(`shutdown error: ${String(error)}\n`))
        .finally(resolve);
    };
    process.once('SIGTERM', handle);
    process.once('SIGINT', handle);
  });
}
