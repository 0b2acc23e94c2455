import { AppError } from '../errors/index.js';

/**
 * The blob store port: uploaded originals and every version's output CSV, content-addressed by SHA-256. Events
 * carry only hashes (DESIGN.md §4), so a blob is immutable once written and storing the same bytes twice is free.
 * Implementations (local disk, Supabase Storage) pass the same contract suite (test/storage/blob-contract.ts).
 */
export interface StoredBlob {
  /** 'sha256/<hex>': the storage key. */
  key: string;
  /** 'sha256:<hex>': the form events record. */
  hash: string;
  size: number;
}

export interface BlobStore {
  readonly kind: 'local' | 'supabase';
  /** Content-addressed: the same bytes are stored once. Atomic: a reader never sees a partly written blob. */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** Throws `BlobNotFoundError` for an unknown key and `InvalidBlobKeyError` for a malformed one. */
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  /** Keys starting with `prefix` (all when absent), sorted. */
  list(prefix?: string): Promise<string[]>;
  /** Idempotent: removing a missing blob is not an error. */
  remove(key: string): Promise<void>;
  /** Health: throws when storage is unusable (cannot write, bucket missing, credentials rejected). */
  check(): Promise<void>;
}

/** No blob under this key. */
export class BlobNotFoundError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`blob ${key} not found`);
    this.name = 'BlobNotFoundError';
    this.key = key;
  }
}

/** Not a key of the form 'sha256/<64 lowercase hex>'; refused before it can reach a path or URL. */
export class InvalidBlobKeyError extends Error {
  readonly key: unknown;
  constructor(key: unknown) {
    super(`invalid blob key ${JSON.stringify(key)}: expected 'sha256/' followed by 64 lowercase hex digits`);
    this.name = 'InvalidBlobKeyError';
    this.key = key;
  }
}

/** Storage refused an operation for a reason a retry will not fix (credentials, missing bucket, size limit). */
export class BlobStoreError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'BlobStoreError';
  }
}

/**
 * Storage could not be reached or kept failing (5xx, timeouts) after the retries. The API answers 503
 * SERVICE_UNAVAILABLE; the message, with the upstream reason, goes to the log only.
 */
export class BlobStoreUnavailableError extends AppError {
  readonly reason: string;
  constructor(reason: string, cause?: unknown) {
    super('SERVICE_UNAVAILABLE', 'File storage is temporarily unavailable; try again shortly', { cause });
    this.name = 'BlobStoreUnavailableError';
    this.reason = reason;
  }
}
