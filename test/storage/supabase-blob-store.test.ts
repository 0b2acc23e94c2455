import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobStoreError, BlobStoreUnavailableError } from '../../src/storage/blob-store.js';
import { createSupabaseBlobStore, openSupabaseBlobStore, type SupabaseBlobStoreOptions } from '../../src/storage/supabase-blob-store.js';
import { startFakeSupabaseStorage, type FakeSupabaseStorage } from '../support/fake-supabase-storage.js';
import { blobContract } from './blob-contract.js';

let storage: FakeSupabaseStorage;
beforeAll(async () => {
  storage = await startFakeSupabaseStorage();
});
afterAll(async () => {
  await storage.close();
});

/** Fast retries so the failure tests take milliseconds; each store gets its own bucket. */
function options(overrides: Partial<SupabaseBlobStoreOptions> = {}): SupabaseBlobStoreOptions {
  return {
    url: storage.url,
    serviceKey: storage.serviceKey,
    bucket: `test-${randomUUID()}`,
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 2000,
    ...overrides,
  };
}

const count = (operation: string, bucket: string) => storage.requests.filter((r) => r.operation === operation && r.path.includes(bucket)).length;

blobContract('Supabase Storage (local HTTP server)', async () => {
  const o = options();
  return { store: await openSupabaseBlobStore(o), cleanup: async () => void storage.buckets.delete(o.bucket) };
});

describe('Supabase blob store: bucket at start-up', () => {
  it('creates the bucket, private, when it is missing, and keeps an existing one', async () => {
    const o = options();
    await openSupabaseBlobStore(o);
    expect(storage.buckets.get(o.bucket)?.public).toBe(false);
    const stored = await (await openSupabaseBlobStore(o)).put(new TextEncoder().encode('kept'));
    // A second start-up finds the bucket and leaves its contents alone.
    await openSupabaseBlobStore(o);
    expect(storage.buckets.get(o.bucket)?.objects.has(stored.key)).toBe(true);
  });

  it('many processes starting at once all end with the one bucket', async () => {
    const o = options();
    await Promise.all(Array.from({ length: 5 }, () => openSupabaseBlobStore(o)));
    expect(storage.buckets.has(o.bucket)).toBe(true);
  });

  it('explains a bucket the key may not create', async () => {
    storage.forbidBucketCreation(true);
    try {
      const error = await openSupabaseBlobStore(options()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BlobStoreError);
      expect((error as Error).message).toMatch(/create the private bucket test-.*row-level security/);
    } finally {
      storage.forbidBucketCreation(false);
    }
  });

  it('leaves the bucket alone when creation is switched off, and check reports it missing', async () => {
    const o = options({ createBucket: false });
    const store = await openSupabaseBlobStore(o);
    expect(storage.buckets.has(o.bucket)).toBe(false);
    await expect(store.check()).rejects.toThrow(/Bucket not found/);
    // A missing bucket is a configuration error, not a missing blob.
    await expect(store.get(`sha256/${'0'.repeat(64)}`)).rejects.toBeInstanceOf(BlobStoreError);
  });
});

describe('Supabase blob store: failures', () => {
  it('retries the first two failed uploads (503) and stores the blob once', async () => {
    const o = options();
    const store = await openSupabaseBlobStore(o);
    storage.failNext('upload', 2, { status: 503 });
    const stored = await store.put(new TextEncoder().encode('a,b\n1,2\n'));
    expect(count('upload', o.bucket)).toBe(3);
    expect(new TextDecoder().decode(await store.get(stored.key))).toBe('a,b\n1,2\n');
  });

  it('an upload that landed but whose answer was lost is retried and accepted', async () => {
    const o = options();
    const store = await openSupabaseBlobStore(o);
    storage.failNext('upload', 1, { status: 502, afterStore: true });
    const stored = await store.put(new TextEncoder().encode('landed'));
    expect(count('upload', o.bucket)).toBe(2);
    expect(await store.list()).toEqual([stored.key]);
  });

  it('retries a reset connection and a request that never answers (timeout)', async () => {
    const o = options({ timeoutMs: 150 });
    const store = await openSupabaseBlobStore(o);
    const stored = await store.put(new TextEncoder().encode('x'));
    storage.failNext('download', 1, { reset: true });
    storage.failNext('download', 1, { hang: true });
    expect(new TextDecoder().decode(await store.get(stored.key))).toBe('x');
    expect(count('download', o.bucket)).toBe(3);
  });

  it('gives up after the retries with a 503-mapped BlobStoreUnavailableError that keeps the reason for the log', async () => {
    const o = options();
    const store = await openSupabaseBlobStore(o);
    storage.failNext('upload', 4, { status: 500 });
    const error = await store.put(new TextEncoder().encode('never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobStoreUnavailableError);
    expect((error as BlobStoreUnavailableError).code).toBe('SERVICE_UNAVAILABLE');
    expect((error as BlobStoreUnavailableError).message).not.toMatch(/injected|HTTP/);
    expect((error as BlobStoreUnavailableError).reason).toMatch(/upload sha256\/.* after 4 attempts: HTTP 500/);
    expect(count('upload', o.bucket)).toBe(4);
  });

  it('does not retry a refusal (wrong key) and says why', async () => {
    const o = options();
    await openSupabaseBlobStore(o);
    const store = createSupabaseBlobStore({ ...o, serviceKey: 'not-the-key' });
    const before = storage.requests.length;
    const error = await store.put(new TextEncoder().encode('nope')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobStoreError);
    expect((error as Error).message).toMatch(/refused to upload sha256\/[0-9a-f]{64} \(bucket test-.*\): HTTP 400: invalid signature/);
    expect(storage.requests.length - before).toBe(1);
    await expect(store.check()).rejects.toThrow(/invalid signature/);
  });

  it('an unknown key is BlobNotFoundError, not a retry', async () => {
    const o = options();
    const store = await openSupabaseBlobStore(o);
    await expect(store.get(`sha256/${'1'.repeat(64)}`)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(count('download', o.bucket)).toBe(1);
  });

  it('reports an unreachable server as unavailable', async () => {
    const store = createSupabaseBlobStore(options({ url: 'http://127.0.0.1:9', retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }));
    await expect(store.check()).rejects.toBeInstanceOf(BlobStoreUnavailableError);
  });
});
