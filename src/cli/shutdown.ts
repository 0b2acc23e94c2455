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
