import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server speaking the part of the Supabase Storage REST API (/storage/v1) the blob store uses: bucket
 * get/create, object upload (POST, with x-upsert), download (GET), exists (HEAD), list (POST /object/list) and remove
 * (DELETE /object/<bucket>). Errors come back the way Storage sends them: a JSON body with `statusCode`, `error` and
 * `message` — object and bucket misses with HTTP 400, as hosted Storage answers, so the adapter's reading of the body
 * is exercised. Failures can be injected for the next requests of a kind.
 */
export type StorageOperation = 'upload' | 'download' | 'exists' | 'list' | 'remove' | 'get-bucket' | 'create-bucket';

export interface InjectedFailure {
  /** Answer with this status and a Storage error body. */
  status?: number;
  /** Instead: never answer (the client's timeout must fire). */
  hang?: boolean;
  /** Instead: destroy the connection without an answer. */
  reset?: boolean;
  /** Upload only: store the object, then fail the response (the client cannot know it landed). */
  afterStore?: boolean;
  /** Instead: answer normally (lets the next requests through ahead of failures queued after them). */
  pass?: boolean;
}

export interface FakeSupabaseStorage {
  /** Base URL to use as SUPABASE_URL. */
  url: string;
  serviceKey: string;
  /** bucket → (object path → bytes). */
  buckets: Map<string, { public: boolean; objects: Map<string, Buffer> }>;
  /** Every request answered, in order. */
  requests: { operation: StorageOperation; path: string; status: number }[];
  /** Fail the next `count` requests of this kind. */
  failNext(operation: StorageOperation, count: number, failure?: InjectedFailure): void;
  /** Drop every failure still queued. */
  clearFailures(): void;
  /** Refuse bucket creation (a key that may not create buckets). */
  forbidBucketCreation(forbid: boolean): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function storageError(res: ServerResponse, httpStatus: number, statusCode: string, error: string, message: string): void {
  sendJson(res, httpStatus, { statusCode, error, message });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function classify(method: string, path: string): { operation: StorageOperation; bucket: string; object: string } | undefined {
  let match: RegExpExecArray | null;
  if ((match = /^\/storage\/v1\/bucket\/([^/]+)$/.exec(path)) && method === 'GET') return { operation: 'get-bucket', bucket: decodeURIComponent(match[1]), object: '' };
  if (path === '/storage/v1/bucket' && method === 'POST') return { operation: 'create-bucket', bucket: '', object: '' };
  if ((match = /^\/storage\/v1\/object\/list\/([^/]+)$/.exec(path)) && method === 'POST') return { operation: 'list', bucket: decodeURIComponent(match[1]), object: '' };
  if ((match = /^\/storage\/v1\/object\/([^/]+)$/.exec(path)) && method === 'DELETE') return { operation: 'remove', bucket: decodeURIComponent(match[1]), object: '' };
  if ((match = /^\/storage\/v1\/object\/([^/]+)\/(.+)$/.exec(path))) {
    const bucket = decodeURIComponent(match[1]);
    const object = decodeURIComponent(match[2]);
    if (method === 'POST' || method === 'PUT') return { operation: 'upload', bucket, object };
    if (method === 'GET') return { operation: 'download', bucket, object };
    if (method === 'HEAD') return { operation: 'exists', bucket, object };
  }
  return undefined;
}

export async function startFakeSupabaseStorage(options: { serviceKey?: string } = {}): Promise<FakeSupabaseStorage> {
  const serviceKey = options.serviceKey ?? `service-key-${randomUUID()}`;
  const buckets: FakeSupabaseStorage['buckets'] = new Map();
  const requests: FakeSupabaseStorage['requests'] = [];
  const failures = new Map<StorageOperation, InjectedFailure[]>();
  let bucketCreationForbidden = false;
  const hanging = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = classify(req.method ?? 'GET', url.pathname);
    const body = await readBody(req);
    // 'close' fires for answered, reset and abandoned requests alike; an unanswered one is recorded with status 0.
    res.on('close', () => route && requests.push({ operation: route.operation, path: url.pathname, status: res.writableFinished ? res.statusCode : 0 }));
    if (!route) return storageError(res, 404, '404', 'not_found', `No route ${req.method} ${url.pathname}`);

    // The client sends the key twice: as apikey and as the bearer token.
    if (req.headers.apikey !== serviceKey || req.headers.authorization !== `Bearer ${serviceKey}`) {
      return storageError(res, 400, '403', 'Unauthorized', 'invalid signature');
    }

    const queued = failures.get(route.operation)?.shift();
    const failure = queued?.pass ? undefined : queued;
    if (failure?.hang) {
      hanging.add(res);
      return;
    }
    if (failure?.reset) {
      req.socket.destroy();
      return;
    }
    if (failure && !failure.afterStore) return storageError(res, failure.status ?? 503, String(failure.status ?? 503), 'Service Unavailable', 'injected failure');

    const bucket = buckets.get(route.bucket);
    const bucketMissing = () => storageError(res, 400, '404', 'Bucket not found', 'Bucket not found');

    switch (route.operation) {
      case 'get-bucket':
        if (!bucket) return bucketMissing();
        return sendJson(res, 200, { id: route.bucket, name: route.bucket, owner: '', public: bucket.public, created_at: new Date().toISOString() });
      case 'create-bucket': {
        const request = JSON.parse(body.toString('utf8')) as { id?: string; name?: string; public?: boolean };
        const id = request.id ?? request.name ?? '';
        if (bucketCreationForbidden) return storageError(res, 400, '403', 'Unauthorized', 'new row violates row-level security policy');
        if (!id) return storageError(res, 400, '400', 'Invalid', 'name is required');
        if (buckets.has(id)) return storageError(res, 400, '409', 'Duplicate', 'The resource already exists');
        buckets.set(id, { public: request.public ?? false, objects: new Map() });
        return sendJson(res, 200, { name: id });
      }
      case 'upload': {
        if (!bucket) return bucketMissing();
        const upsert = req.method === 'PUT' || req.headers['x-upsert'] === 'true';
        if (bucket.objects.has(route.object) && !upsert) return storageError(res, 400, '409', 'Duplicate', 'The resource already exists');
        bucket.objects.set(route.object, body);
        if (failure?.afterStore) return storageError(res, failure.status ?? 503, String(failure.status ?? 503), 'Service Unavailable', 'injected failure after store');
        return sendJson(res, 200, { Id: randomUUID(), Key: `${route.bucket}/${route.object}` });
      }
      case 'download': {
        const bytes = bucket?.objects.get(route.object);
        if (!bucket) return bucketMissing();
        if (!bytes) return storageError(res, 400, '404', 'not_found', 'Object not found');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength });
        return void res.end(bytes);
      }
      case 'exists': {
        const found = bucket?.objects.has(route.object) ?? false;
        res.writeHead(found ? 200 : 400);
        return void res.end();
      }
      case 'list': {
        if (!bucket) return bucketMissing();
        const request = JSON.parse(body.toString('utf8')) as { prefix?: string; limit?: number; offset?: number; search?: string };
        const folder = (request.prefix ?? '').replace(/\/+$/, '');
        const search = (request.search ?? '').toLowerCase();
        const names = new Map<string, boolean>(); // name → is a file
        for (const path of bucket.objects.keys()) {
          const rest = folder === '' ? path : path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
          if (rest === undefined) continue;
          const [name, ...deeper] = rest.split('/');
          if (!name.toLowerCase().startsWith(search)) continue;
          names.set(name, deeper.length === 0 || names.get(name) === true);
        }
        const sorted = [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const offset = request.offset ?? 0;
        const page = sorted.slice(offset, offset + (request.limit ?? 100));
        return sendJson(
          res,
          200,
          page.map(([name, isFile]) =>
            isFile
              ? { name, id: randomUUID(), updated_at: null, created_at: null, last_accessed_at: null, metadata: { size: bucket.objects.get(folder ? `${folder}/${name}` : name)?.byteLength } }
              : { name, id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null },
          ),
        );
      }
      case 'remove': {
        if (!bucket) return bucketMissing();
        const { prefixes = [] } = JSON.parse(body.toString('utf8')) as { prefixes?: string[] };
        const removed = prefixes.filter((p) => bucket.objects.delete(p)).map((name) => ({ name, bucket_id: route.bucket }));
        return sendJson(res, 200, removed);
      }
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) storageError(res, 500, '500', 'Internal', String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    serviceKey,
    buckets,
    requests,
    failNext(operation, count, failure = { status: 503 }) {
      const queue = failures.get(operation) ?? [];
      for (let i = 0; i < count; i++) queue.push(failure);
      failures.set(operation, queue);
    },
    clearFailures() {
      failures.clear();
    },
    forbidBucketCreation(forbid) {
      bucketCreationForbidden = forbid;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
