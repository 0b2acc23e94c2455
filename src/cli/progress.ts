/** A one-line progress bar on stderr (a plain line every few seconds when stderr is not a terminal). */
export function createProgressBar(label: string, unit = 'events') {
  const started = Date.now();
  let lastPrint = 0;
  const tty = process.stderr.isTTY;
  const render = (done: number, total: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : done;
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)}% ${done}/${total} ${unit} ${rate} ${unit}/s`;
  };
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (tty) process.stderr.write(`\r${render(done, total)}`);
      else if (now - lastPrint > 2000) {
        lastPrint = now;
        process.stderr.write(`${render(done, total)}\n`);
      }
    },
    finish(done: number, total: number) {
      process.stderr.write(`${tty ? '\r' : ''}${render(done, total)}\n`);
    },
  };
}
