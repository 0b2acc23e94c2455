import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertBlobKey, blobKeyOf, hashOf } from './blob-key.js';
import { BlobNotFoundError, type BlobStore, type StoredBlob } from './blob-store.js';

export interface LocalBlobStoreOptions {
  /** Directory holding the blobs (the embedded default uses ./.modulardata/blobs); created when missing. */
  root: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const FAN = /^[0-9a-f]{2}$/;

/**
 * Blobs on local disk under `<root>/sha256/<first two hex>/<hex>`: the fan-out keeps directories small. Writes go
 * to `<root>/tmp` (same filesystem) and are renamed into place, so a blob is either absent or complete, and two
 * concurrent puts of the same bytes both end with the same complete file.
 */
export function createLocalBlobStore(options: LocalBlobStoreOptions): BlobStore {
  const { root } = options;
  const blobsDir = join(root, 'sha256');
  const tmpDir = join(root, 'tmp');

  // The key is validated before it becomes a path: this is the one place where a key touches the filesystem.
  function pathOf(key: string): string {
    assertBlobKey(key);
    const hex = key.slice('sha256/'.length);
    return join(blobsDir, hex.slice(0, 2), hex);
  }

  async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
    await Promise.all([mkdir(dirname(path), { recursive: true }), mkdir(tmpDir, { recursive: true })]);
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    try {
      const file = await open(tmp, 'wx');
      try {
        await file.writeFile(bytes);
        // Flushed before the rename, so a crash cannot leave a complete-looking name over incomplete bytes.
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  return {
    kind: 'local',

    async put(bytes) {
      const hash = hashOf(bytes);
      const key = blobKeyOf(hash);
      const stored: StoredBlob = { key, hash, size: bytes.byteLength };
      const path = pathOf(key);
      // Same hash and same size: the bytes are already there, written atomically by an earlier put.
      const existing = await stat(path).catch(() => undefined);
      if (existing?.isFile() && existing.size === bytes.byteLength) return stored;
      try {
        await writeAtomically(path, bytes);
      } catch (error) {
        // Where rename cannot replace a file (Windows), a concurrent put of the same bytes may have won; that is fine.
        const now = await stat(path).catch(() => undefined);
        if (!(now?.isFile() && now.size === bytes.byteLength)) throw error;
      }
      return stored;
    },

    async get(key) {
      try {
        const buffer = await readFile(pathOf(key));
        // A plain Uint8Array, not a Buffer, so every implementation returns the same type.
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        if (isNotFound(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async has(key) {
      const found = await stat(pathOf(key)).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      return found?.isFile() ?? false;
    },

    async list(prefix = '') {
      const keys: string[] = [];
      for (const fan of await readDirOrEmpty(blobsDir)) {
        if (!FAN.test(fan)) continue;
        // Skip fan-out directories the prefix rules out without reading them.
        const fanKey = `sha256/${fan}`;
        if (!fanKey.startsWith(prefix.slice(0, fanKey.length))) continue;
        for (const name of await readDirOrEmpty(join(blobsDir, fan))) {
          const key = `sha256/${name}`;
          if (HEX64.test(name) && name.startsWith(fan) && key.startsWith(prefix)) keys.push(key);
        }
      }
      return keys.sort();
    },

    async remove(key) {
      // Fan-out directories stay: removing one could race a concurrent put between its mkdir and its rename.
      await rm(pathOf(key), { force: true });
    },

    async check() {
      try {
        await mkdir(tmpDir, { recursive: true });
        const probe = join(tmpDir, `check-${randomUUID()}`);
        const file = await open(probe, 'wx');
        await file.close();
        await rm(probe, { force: true });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`blob storage at ${root} is unusable: ${reason}`, { cause: error });
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

async function readDirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}
