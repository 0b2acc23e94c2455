import { profileTable, readCsv, writeCsv, type DataTable, type IngestReport, type Profile, type ReadCsvOptions } from '../../engine/index.js';
import { AppError } from '../../errors/index.js';
import type { Service } from '../../service/service.js';
import type { StoredBlob } from '../../storage/index.js';
import { checkTableCaps } from './table-caps.js';

export const ALLOWED_EXTENSIONS = ['.csv', '.tsv', '.txt'];

export function checkExtension(filename: string): void {
  const lower = filename.toLowerCase();
  if (!ALLOWED_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    throw new AppError('INVALID_FILE_TYPE', `Invalid file type: '${filename}'. Upload a .csv, .tsv or .txt file.`, {
      details: { filename, allowed_types: ALLOWED_EXTENSIONS },
    });
  }
}

export interface IngestedFile {
  table: DataTable;
  profile: Profile;
  ingest: IngestReport & { content_hash: string };
  original: StoredBlob;
  stored: StoredBlob;
}

/**
 * The shared reading path of uploads and attached tables (API.md §7): parse and profile first — anything that
 * rejects the file happens before a write — then store the original bytes and the canonical CSV by content hash.
 */
export async function ingestFile(service: Pick<Service, 'blobs'> & Partial<Pick<Service, 'config'>>, filename: string, bytes: Uint8Array, options: ReadCsvOptions): Promise<IngestedFile> {
  checkExtension(filename);
  const { table, ingest } = readCsv(bytes, options);
  if (service.config) checkTableCaps(table, service.config, filename);
  const profile = profileTable(table, ingest);
  const [original, stored] = await Promise.all([service.blobs.put(bytes), service.blobs.put(writeCsv(table))]);
  return { table, profile, ingest: { ...ingest, content_hash: original.hash }, original, stored };
}
