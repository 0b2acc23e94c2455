import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol (`POST /v1/chat/completions`), for planner tests:
 * each request takes the next scripted reply (the last one repeats) and is recorded with its raw body.
 */
export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON body; for 200 usually `completion(...)`. */
  body?: unknown;
  /** Waits this long before answering (a timeout test); the wait ends early when the client goes away. */
  delayMs?: number;
}

export interface FakeOpenAI {
  /** The base URL the SDK takes (`…/v1`). */
  baseURL: string;
  requests: RecordedRequest[];
  /** Starts a new scenario: these replies, and an empty request record. */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

/** A chat.completion whose message content is `content` (an object is sent as its JSON text). */
export function completion(content: unknown, extra: { refusal?: string; finish_reason?: string } = {}) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'test-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: typeof content === 'string' || content === null ? content : JSON.stringify(content), refusal: extra.refusal ?? null },
        finish_reason: extra.finish_reason ?? 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

export const ok = (content: unknown): ScriptedReply => ({ body: completion(content) });

export const apiError = (status: number, message: string, headers: Record<string, string> = {}): ScriptedReply => ({
  status,
  headers,
  body: { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null, param: null } },
});

export async function startFakeOpenAI(...replies: ScriptedReply[]): Promise<FakeOpenAI> {
  let script = replies;
  let served = 0;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded raw; the assertion will say what was wrong
      }
      requests.push({ path: req.url ?? '', headers: req.headers, raw, body });
      const reply = script[Math.min(served++, script.length - 1)] ?? apiError(500, 'no reply scripted');
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body ?? {}));
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(send, reply.delayMs);
      res.on('close', () => clearTimeout(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...next) => {
      script = next;
      served = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
