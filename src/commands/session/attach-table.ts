import { randomUUID } from 'node:crypto';
import type { ReadCsvOptions } from '../../engine/index.js';
import type { Service } from '../../service/service.js';
import type { CommandContext } from '../handle-command.js';
import { executeSessionCommand } from './execute.js';
import { ingestFile, type IngestedFile } from './ingest-file.js';

export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** A table name from a filename: `Q3 export (final).csv` → `Q3_export_final`. */
export function tableNameFromFilename(filename: string): string {
  const base = filename.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (base === '') return 'table';
  return (/^[A-Za-z_]/.test(base) ? base : `t_${base}`).slice(0, 63);
}

export interface AttachInput {
  sessionId: string;
  actor: string;
  filename: string;
  name?: string;
  bytes: Uint8Array;
  options: ReadCsvOptions;
}

/** Reads the file like an upload and records it as a table steps can reference (API.md §7.2). */
export async function attachTable(service: Service, input: AttachInput, context: CommandContext): Promise<IngestedFile & { tableId: string; name: string }> {
  const ingested = await ingestFile(service, input.filename, input.bytes, input.options);
  const tableId = randomUUID();
  const name = input.name ?? tableNameFromFilename(input.filename);
  await executeSessionCommand(
    service,
    {
      type: 'AttachTable',
      actor: input.actor,
      sessionId: input.sessionId,
      tableId,
      name,
      file: {
        filename: input.filename,
        sizeBytes: input.bytes.byteLength,
        originalHash: ingested.original.hash,
        originalKey: ingested.original.key,
        contentHash: ingested.stored.hash,
        storageKey: ingested.stored.key,
        rowCount: ingested.profile.row_count,
        columns: ingested.table.schema.map((c) => ({ name: c.name, type: c.type })),
        profile: ingested.profile as unknown as Record<string, unknown>,
        ingest: ingested.ingest as unknown as Record<string, unknown>,
      },
    },
    context,
  );
  return { ...ingested, tableId, name };
}
