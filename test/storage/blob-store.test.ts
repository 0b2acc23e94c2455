import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobKeyOf, hashOf, hashOfKey, isBlobKey } from '../../src/storage/blob-key.js';
import { createLocalBlobStore } from '../../src/storage/local-blob-store.js';
import { blobContract } from './blob-contract.js';

async function tempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'modulardata-blobs-'));
}

blobContract('local disk', async () => {
  const root = await tempRoot();
  return { store: createLocalBlobStore({ root }), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describe('local blob store layout', () => {
  it('stores under <root>/sha256/<first two hex>/<hex> and leaves no temporary files behind', async () => {
    const root = await tempRoot();
    try {
      const store = createLocalBlobStore({ root: join(root, 'nested', 'blobs') });
      const stored = await store.put(new TextEncoder().encode('a,b\n1,2\n'));
      const hex = stored.key.slice('sha256/'.length);
      expect(await readdir(join(root, 'nested', 'blobs', 'sha256', hex.slice(0, 2)))).toEqual([hex]);
      expect(await readdir(join(root, 'nested', 'blobs', 'tmp'))).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('ignores stray files that are not blobs when listing', async () => {
    const root = await tempRoot();
    try {
      const store = createLocalBlobStore({ root });
      const stored = await store.put(new TextEncoder().encode('x'));
      const hex = stored.key.slice('sha256/'.length);
      await writeFile(join(root, 'sha256', hex.slice(0, 2), '.DS_Store'), '');
      await writeFile(join(root, 'sha256', 'README'), '');
      expect(await store.list()).toEqual([stored.key]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it.skipIf(process.getuid?.() === 0)('check throws when the root cannot be written', async () => {
    const root = await tempRoot();
    try {
      await chmod(root, 0o500);
      await expect(createLocalBlobStore({ root }).check()).rejects.toThrow(/unusable/);
    } finally {
      await chmod(root, 0o700);
      await rm(root, { recursive: true, force: true });
    }
  });

  it('check throws when the root is a file', async () => {
    const root = await tempRoot();
    try {
      await writeFile(join(root, 'file'), '');
      await expect(createLocalBlobStore({ root: join(root, 'file') }).check()).rejects.toThrow(/unusable/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('blob keys', () => {
  it('converts between hash and key and validates both', () => {
    const hash = hashOf(new TextEncoder().encode('abc'));
    expect(hash).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(blobKeyOf(hash)).toBe('sha256/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashOfKey(blobKeyOf(hash))).toBe(hash);
    expect(isBlobKey(blobKeyOf(hash))).toBe(true);
    expect(() => blobKeyOf('sha256:../x')).toThrow();
    expect(() => blobKeyOf(hash.toUpperCase())).toThrow();
  });
});
