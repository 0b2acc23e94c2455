import type { BlobStore } from '../storage/index.js';
import { readCanonicalCsv, type DataTable } from '../engine/index.js';

/**
 * Loads a version's table from its canonical CSV blob. Node data never changes (content-addressed), so parsed
 * tables are kept in a small LRU keyed by blob key: a preview after an upload does not parse the file again.
 */
export function createNodeDataLoader(blobs: BlobStore, capacity = 8) {
  const cache = new Map<string, Promise<DataTable>>();
  return {
    load(storageKey: string): Promise<DataTable> {
      let entry = cache.get(storageKey);
      if (entry) {
        cache.delete(storageKey);
      } else {
        entry = blobs.get(storageKey).then((bytes) => readCanonicalCsv(bytes));
        entry.catch(() => cache.delete(storageKey));
      }
      cache.set(storageKey, entry);
      while (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return entry;
    },
    /** The upload just parsed this table: keep it instead of parsing the blob again. */
    remember(storageKey: string, table: DataTable): void {
      cache.set(storageKey, Promise.resolve(table));
      while (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    },
  };
}

export type NodeDataLoader = ReturnType<typeof createNodeDataLoader>;
