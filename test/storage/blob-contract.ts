import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobKeyOf, hashOf } from '../../src/storage/blob-key.js';
import { BlobNotFoundError, InvalidBlobKeyError, type BlobStore } from '../../src/storage/blob-store.js';

/**
 * The contract every BlobStore implementation passes (DESIGN.md §9). `makeStore` returns a fresh, empty store and
 * a cleanup; each test gets its own (for Supabase: its own bucket prefix or bucket).
 */
export type MakeBlobStore = () => Promise<{ store: BlobStore; cleanup: () => Promise<void> }>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Keys that must never reach a path or URL. */
export const HOSTILE_KEYS: unknown[] = [
  '../etc/passwd',
  'sha256/../../etc/passwd',
  `sha256/${'a'.repeat(62)}/..`,
  `sha256/../${'a'.repeat(61)}`,
  `sha256/${'A'.repeat(64)}`,
  `sha256/${'a'.repeat(63)}`,
  `sha256/${'a'.repeat(65)}`,
  `sha256:${'a'.repeat(64)}`,
  `/sha256/${'a'.repeat(64)}`,
  `sha256/${'a'.repeat(64)}/`,
  `sha256//${'a'.repeat(63)}`,
  `sha256/${'a'.repeat(64)}\0`,
  `sha256/${'a'.repeat(64)}\n`,
  `sha256%2F${'a'.repeat(64)}`,
  `md5/${'a'.repeat(64)}`,
  '',
  undefined,
  null,
  42,
];

export function blobContract(name: string, makeStore: MakeBlobStore): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('round-trips binary bytes, every byte value included, and names them by their SHA-256', async () => {
      const bytes = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), ...randomBytes(4096)]);
      const stored = await store.put(bytes);
      const hex = sha256(bytes);
      expect(stored).toEqual({ key: `sha256/${hex}`, hash: `sha256:${hex}`, size: bytes.byteLength });
      expect(stored.hash).toBe(hashOf(bytes));
      expect(stored.key).toBe(blobKeyOf(stored.hash));
      const back = await store.get(stored.key);
      expect(back).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    });

    it('stores an empty blob', async () => {
      const stored = await store.put(new Uint8Array());
      expect(stored.size).toBe(0);
      expect((await store.get(stored.key)).byteLength).toBe(0);
    });

    it('stores the same bytes once, under the same key', async () => {
      const bytes = new TextEncoder().encode('id,name\n1,Ada\n');
      const first = await store.put(bytes);
      const second = await store.put(new Uint8Array(bytes));
      expect(second).toEqual(first);
      expect(await store.list()).toEqual([first.key]);
    });

    it('keeps different bytes apart', async () => {
      const a = await store.put(new TextEncoder().encode('a'));
      const b = await store.put(new TextEncoder().encode('b'));
      expect(a.key).not.toBe(b.key);
      expect(new TextDecoder().decode(await store.get(a.key))).toBe('a');
      expect(new TextDecoder().decode(await store.get(b.key))).toBe('b');
    });

    it('has, list (sorted, by prefix) and remove (idempotent)', async () => {
      const stored = await Promise.all(['x', 'y', 'z', 'w'].map((s) => store.put(new TextEncoder().encode(s))));
      const keys = stored.map((s) => s.key).sort();
      expect(await store.list()).toEqual(keys);
      expect(await store.list('sha256/')).toEqual(keys);
      expect(await store.list(keys[0].slice(0, 9))).toEqual(keys.filter((k) => k.startsWith(keys[0].slice(0, 9))));
      expect(await store.list(keys[1])).toEqual([keys[1]]);
      expect(await store.list('sha256/zz')).toEqual([]);
      expect(await store.has(keys[0])).toBe(true);

      await store.remove(keys[0]);
      expect(await store.has(keys[0])).toBe(false);
      await expect(store.get(keys[0])).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.list()).toEqual(keys.slice(1));
      await store.remove(keys[0]);

      // A removed blob can be stored again.
      const again = await store.put(new TextEncoder().encode(['x', 'y', 'z', 'w'][stored.findIndex((s) => s.key === keys[0])]));
      expect(again.key).toBe(keys[0]);
      expect(await store.has(keys[0])).toBe(true);
    });

    it('lists nothing in an empty store', async () => {
      expect(await store.list()).toEqual([]);
    });

    it('throws a typed BlobNotFoundError for an unknown key', async () => {
      const key = `sha256/${'0'.repeat(64)}`;
      const error = await store.get(key).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(BlobNotFoundError);
      expect((error as BlobNotFoundError).key).toBe(key);
      expect(await store.has(key)).toBe(false);
      await expect(store.remove(key)).resolves.toBeUndefined();
    });

    it('refuses malformed and path-traversal keys in get, has and remove', async () => {
      await store.put(new TextEncoder().encode('keep me'));
      for (const key of HOSTILE_KEYS) {
        await expect(store.get(key as string), String(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.has(key as string), String(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.remove(key as string), String(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
      expect(await store.list()).toHaveLength(1);
    });

    it('survives concurrent puts of the same bytes', async () => {
      const bytes = randomBytes(256 * 1024);
      const results = await Promise.all(Array.from({ length: 16 }, () => store.put(new Uint8Array(bytes))));
      expect(new Set(results.map((r) => r.key)).size).toBe(1);
      expect(await store.list()).toEqual([results[0].key]);
      expect(Buffer.from(await store.get(results[0].key)).equals(bytes)).toBe(true);
    });

    it('handles concurrent puts of different bytes', async () => {
      const blobs = Array.from({ length: 20 }, (_, i) => new TextEncoder().encode(`row ${i}\n`));
      const results = await Promise.all(blobs.map((b) => store.put(b)));
      expect(await store.list()).toEqual(results.map((r) => r.key).sort());
    });

    it('check passes on usable storage', async () => {
      await expect(store.check()).resolves.toBeUndefined();
    });
  });
}
