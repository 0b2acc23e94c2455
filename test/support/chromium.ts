import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { REQUIRE_SERVICES } from './services.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Debian's headless Chromium, for tests that look at a rendered page. Skipped loudly when it is not installed
 * (`apt-get install -y chromium`; .ci/run installs it); with MODULARDATA_REQUIRE_SERVICES=1 its absence fails.
 */
export function chromiumPath(): string | null {
  const found = CANDIDATES.find((p): p is string => typeof p === 'string' && p !== '' && fs.existsSync(p));
  if (found) return found;
  const message = 'Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH)';
  if (REQUIRE_SERVICES) throw new Error(`${message} and MODULARDATA_REQUIRE_SERVICES=1`);
  console.warn(`\n!!! SKIPPING BROWSER TESTS: ${message} !!!\n`);
  return null;
}

export interface Page {
  /** Evaluates an expression in the page and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  screenshot(file: string): Promise<void>;
}

/** A DevTools-protocol connection: numbered requests, answers matched by id, events by method. */
function devtools(url: string) {
  const socket = new WebSocket(url);
  let next = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const listeners: { method: string; resolve: () => void }[] = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw));
    if (message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(`${message.error.message}`));
      else waiter?.resolve(message.result);
    } else {
      for (const l of listeners.filter((x) => x.method === message.method)) l.resolve();
    }
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    opened,
    send: (method: string, params: object = {}) =>
      new Promise<any>((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    once: (method: string) => new Promise<void>((resolve) => listeners.push({ method, resolve })),
    close: () => socket.close(),
  };
}

/**
 * Opens `url` in a fresh headless Chromium (its own profile folder; no network access attempted, as the machine's
 * network is closed), runs `use`, and always shuts the browser down.
 */
export async function withPage<T>(binary: string, url: string, use: (page: Page) => Promise<T>): Promise<T> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'md-chromium-'));
  const child: ChildProcess = spawn(
    binary,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const browserUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
      child.stderr!.on('data', (chunk) => {
        output += chunk;
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
    });
    const { host } = new URL(browserUrl);
    const targets = (await (await fetch(`http://${host}/json/list`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
    const page = targets.find((t) => t.type === 'page');
    if (!page) throw new Error('Chromium opened no page');
    const cdp = devtools(page.webSocketDebuggerUrl);
    await cdp.opened;
    try {
      await cdp.send('Page.enable');
      const loaded = cdp.once('Page.loadEventFired');
      await cdp.send('Page.navigate', { url });
      await loaded;
      return await use({
        async evaluate<V>(expression: string) {
          const result = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
          if (result.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(result.exceptionDetails)}`);
          return result.result.value as V;
        },
        async screenshot(file: string) {
          const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
          fs.writeFileSync(file, Buffer.from(data, 'base64'));
        },
      });
    } finally {
      cdp.close();
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
