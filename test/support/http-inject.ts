import type { InjectOptions } from 'fastify';

/** The part of a fastify.inject answer the journey tests read, so one test body runs in-process or over real HTTP. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  json(): any;
}

export type Inject = (options: InjectOptions) => Promise<HttpAnswer>;

/**
 * An `inject`-shaped client that sends real HTTP requests to a listening server at `origin` (`http://host:port`):
 * objects go as JSON, Buffers as they are (multipart bodies from `multipart()` carry their own content type).
 */
export function fetchInject(origin: string): Inject {
  return async (options) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = String(value);
    let body: Uint8Array | string | undefined;
    const payload = options.payload;
    if (Buffer.isBuffer(payload)) body = new Uint8Array(payload);
    else if (typeof payload === 'string') body = payload;
    else if (payload !== undefined) {
      body = JSON.stringify(payload);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${origin}${options.url as string}`, { method: options.method ?? 'GET', headers, body });
    const text = await response.text();
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: text,
      json: () => JSON.parse(text),
    };
  };
}
