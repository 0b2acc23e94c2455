import { createClient } from '@supabase/supabase-js';
import { assertBlobKey, blobKeyOf, hashOf } from './blob-key.js';
import { BlobNotFoundError, BlobStoreError, BlobStoreUnavailableError, type BlobStore, type StoredBlob } from './blob-store.js';
import { describeStorageError, isDuplicate, isMissingBucket, isMissingObject, isRetryable } from './supabase-errors.js';
import { withRetries, type RetryPolicy } from './with-retries.js';

export interface SupabaseBlobStoreOptions {
  /** The project URL (https://<ref>.supabase.co); the Storage API lives under /storage/v1. */
  url: string;
  /** The service-role key: the bucket is private, so only the server reads and writes it. */
  serviceKey: string;
  /** Private bucket holding every blob (STORAGE_BUCKET, default csv-files). */
  bucket: string;
  /** Create the bucket at start-up when it is missing (needs a key allowed to create buckets). Default true. */
  createBucket?: boolean;
  /** Per-request time limit; a request that takes longer is aborted and retried. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

const HEX64 = /^[0-9a-f]{64}$/;
const FOLDER = 'sha256';
const PAGE = 1000;

/**
 * Never used: the client builds a Realtime client eagerly and Node 20 has no global WebSocket. Storage needs none,
 * so the transport refuses instead of pulling in a WebSocket library for nothing.
 */
class NoRealtimeTransport {
  constructor() {
    throw new Error('Supabase Realtime is not used by the blob store');
  }
}

/**
 * Blobs in a private Supabase Storage bucket, keyed `sha256/<hex>` like the local store. Uploads never overwrite:
 * the key is the hash of the bytes, so "already exists" means the same bytes are there, which makes every call safe
 * to retry. 5xx, 408, 429, network errors and timeouts are retried with exponential backoff and then reported as
 * `BlobStoreUnavailableError` (503); any other refusal (bad key, missing bucket, size limit) is a `BlobStoreError`
 * that names the operation, the key and Storage's own reason.
 */
export async function openSupabaseBlobStore(options: SupabaseBlobStoreOptions): Promise<BlobStore> {
  const store = createSupabaseBlobStore(options);
  if (options.createBucket !== false) await store.ensureBucket();
  return store;
}

export function createSupabaseBlobStore(options: SupabaseBlobStoreOptions): BlobStore & { ensureBucket(): Promise<void> } {
  const { bucket } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const policy: RetryPolicy = { attempts: 4, baseDelayMs: 200, maxDelayMs: 5000, ...options.retry };

  // Every request gets its own deadline, so a stalled connection becomes a retryable failure instead of a hang.
  const timedFetch: typeof fetch = (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  };
  const client = createClient(options.url, options.serviceKey, {
    accessToken: async () => options.serviceKey,
    global: { fetch: timedFetch },
    realtime: { transport: NoRealtimeTransport as never },
  });
  const objects = () => client.storage.from(bucket);

  /** Runs one Storage call, retrying transient failures; `accept` turns an expected error into a result. */
  async function call<T>(action: string, run: () => PromiseLike<{ data: T | null; error: unknown }>, accept?: (error: unknown) => T | undefined): Promise<T> {
    const once = async (): Promise<T> => {
      const { data, error } = await run();
      if (!error) return data as T;
      const accepted = accept?.(error);
      if (accepted !== undefined) return accepted;
      throw error;
    };
    try {
      return await withRetries(policy, once, isRetryable);
    } catch (error) {
      const reason = describeStorageError(error);
      if (isRetryable(error)) {
        throw new BlobStoreUnavailableError(`Supabase Storage: could not ${action} after ${policy.attempts} attempts: ${reason}`, error);
      }
      throw new BlobStoreError(`Supabase Storage refused to ${action} (bucket ${bucket}): ${reason}`, error);
    }
  }

  const NOT_FOUND = Symbol('not found');

  return {
    kind: 'supabase',

    async ensureBucket() {
      const found = await call('read bucket', () => client.storage.getBucket(bucket), (error) => (isMissingBucket(error) ? null : undefined));
      if (found) return;
      await call(
        `create the private bucket ${bucket} (create it in the Supabase dashboard, or use the service-role key)`,
        () => client.storage.createBucket(bucket, { public: false }),
        // Another process started at the same moment and created it first.
        (error) => (isDuplicate(error) ? { name: bucket } : undefined),
      );
    },

    async put(bytes) {
      const hash = hashOf(bytes);
      const key = blobKeyOf(hash);
      const stored: StoredBlob = { key, hash, size: bytes.byteLength };
      await call(
        `upload ${key}`,
        () => objects().upload(key, bytes, { upsert: false, contentType: 'application/octet-stream' }),
        // Content-addressed: an object under this key holds these bytes (also when our earlier attempt landed).
        (error) => (isDuplicate(error) ? { path: key, id: '', fullPath: key } : undefined),
      );
      return stored;
    },

    async get(key) {
      assertBlobKey(key);
      const blob = await call<Blob | typeof NOT_FOUND>(`download ${key}`, () => objects().download(key), (error) => (isMissingObject(error) ? NOT_FOUND : undefined));
      if (blob === NOT_FOUND) throw new BlobNotFoundError(key);
      return new Uint8Array(await blob.arrayBuffer());
    },

    async has(key) {
      assertBlobKey(key);
      // exists() answers false (with the HEAD's 400/404 as `error`) for a missing object, and throws otherwise.
      return call(`check ${key}`, async () => {
        const { data, error } = await objects().exists(key);
        return data === false ? { data: false, error: null } : { data, error };
      });
    },

    async list(prefix = '') {
      // Every key lives in the one folder 'sha256'; Storage's `search` matches the start of a name in a folder.
      let search: string;
      if (`${FOLDER}/`.startsWith(prefix)) search = '';
      else if (prefix.startsWith(`${FOLDER}/`)) search = prefix.slice(FOLDER.length + 1);
      else return [];
      if (!/^[0-9a-f]*$/.test(search)) return [];
      const keys: string[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await call(`list ${FOLDER}/${search}`, () =>
          objects().list(FOLDER, { limit: PAGE, offset, search, sortBy: { column: 'name', order: 'asc' } }),
        );
        for (const item of page ?? []) {
          const key = `${FOLDER}/${item.name}`;
          if (HEX64.test(item.name) && key.startsWith(prefix)) keys.push(key);
        }
        if ((page?.length ?? 0) < PAGE) break;
      }
      return keys.sort();
    },

    async remove(key) {
      assertBlobKey(key);
      // Removing a missing object answers an empty list, so this is idempotent as the contract asks.
      await call(`remove ${key}`, () => objects().remove([key]));
    },

    async check() {
      // Listing needs the bucket to exist and the key to be accepted: the two things that break in production.
      await call(`list the bucket ${bucket}`, () => objects().list(FOLDER, { limit: 1 }));
    },
  };
}
