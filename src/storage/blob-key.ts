import { createHash } from 'node:crypto';
import { InvalidBlobKeyError } from './blob-store.js';

/**
 * Keys and hashes of content-addressed blobs. A key is the only thing a caller hands a store, and stores turn it
 * into a path or URL, so it is validated against one strict pattern: nothing else (no '..', '/', '%', uppercase)
 * can get through.
 */
const KEY = /^sha256\/[0-9a-f]{64}$/;
const HASH = /^sha256:[0-9a-f]{64}$/;

/** 'sha256:<hex>' of the bytes. */
export function hashOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** 'sha256:<hex>' → 'sha256/<hex>'. */
export function blobKeyOf(hash: string): string {
  if (typeof hash !== 'string' || !HASH.test(hash)) {
    throw new Error(`invalid blob hash ${JSON.stringify(hash)}: expected 'sha256:' followed by 64 lowercase hex digits`);
  }
  return `sha256/${hash.slice('sha256:'.length)}`;
}

/** 'sha256/<hex>' → 'sha256:<hex>'. */
export function hashOfKey(key: string): string {
  assertBlobKey(key);
  return `sha256:${key.slice('sha256/'.length)}`;
}

export function isBlobKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key);
}

export function assertBlobKey(key: unknown): asserts key is string {
  if (!isBlobKey(key)) throw new InvalidBlobKeyError(key);
}
