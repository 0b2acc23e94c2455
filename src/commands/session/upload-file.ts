import { randomUUID } from 'node:crypto';
import { summarizeProfile, type DataTable, type IngestReport, type Profile, type ReadCsvOptions } from '../../engine/index.js';
import { ingestFile } from './ingest-file.js';
import type { Service } from '../../service/service.js';
import { SERVICE_VERSION } from '../../service/version.js';
import type { CommandContext } from '../handle-command.js';
import { executeSessionCommand } from './execute.js';

export interface UploadInput {
  sessionId: string;
  actor: string;
  filename: string;
  bytes: Uint8Array;
  options: ReadCsvOptions;
}

export interface UploadOutcome {
  nodeId: string;
  table: DataTable;
  profile: Profile;
  ingest: IngestReport & { content_hash: string };
  storageKey: string;
  previousRootNodeId: string | null;
}

/**
 * Parses and profiles the file, stores the original bytes and the canonical CSV by content hash, then records the
 * upload as a new root node. Everything that can reject the file runs before anything is written.
 */
export async function uploadFile(service: Service, input: UploadInput, context: CommandContext): Promise<UploadOutcome> {
  const { table, profile, ingest: fullIngest, original, stored } = await ingestFile(service, input.filename, input.bytes, input.options);
  const nodeId = randomUUID();
  const result = await executeSessionCommand(
    service,
    {
      type: 'UploadFile',
      actor: input.actor,
      sessionId: input.sessionId,
      file: {
        nodeId,
        messageId: randomUUID(),
        filename: input.filename,
        sizeBytes: input.bytes.byteLength,
        originalHash: original.hash,
        originalKey: original.key,
        contentHash: stored.hash,
        storageKey: stored.key,
        rowCount: profile.row_count,
        columns: table.schema.map((c) => ({ name: c.name, type: c.type })),
        profile: profile as unknown as Record<string, unknown>,
        ingest: fullIngest as unknown as Record<string, unknown>,
        engineVersion: SERVICE_VERSION,
        readOptions: input.options,
      },
    },
    context,
  );
  const uploaded = result.events.find((e) => e.type === 'FileUploaded');
  return {
    nodeId,
    table,
    profile,
    ingest: fullIngest,
    storageKey: stored.key,
    previousRootNodeId: uploaded?.type === 'FileUploaded' ? uploaded.data.previous_root_node_id : null,
  };
}

export { summarizeProfile };
export { checkExtension } from './ingest-file.js';
