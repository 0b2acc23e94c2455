export * from './blob-store.js';
export { assertBlobKey, blobKeyOf, hashOf, hashOfKey, isBlobKey } from './blob-key.js';
export { createLocalBlobStore, type LocalBlobStoreOptions } from './local-blob-store.js';
export { createSupabaseBlobStore, openSupabaseBlobStore, type SupabaseBlobStoreOptions } from './supabase-blob-store.js';
