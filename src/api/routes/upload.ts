import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkExtension, summarizeProfile, uploadFile } from '../../commands/session/upload-file.js';
import { toRecords, type ReadCsvOptions } from '../../engine/index.js';
import { AppError } from '../../errors/index.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import type { NodeDataLoader } from '../../queries/node-data.js';
import { claimIdempotencyKey, hashOf } from '../idempotency.js';
import { actorOf, commandContext } from '../request-context.js';
import { sessionParams } from '../schemas.js';

/** Reading options (API.md §7.1), as form fields or query parameters of the same name. */
export const readingOptions = z.object({
  delimiter: z.enum(['auto', ',', ';', '\t', '|', 'tab', '\\t']).optional().transform((v) => (v === 'tab' || v === '\\t' ? '\t' : v)),
  encoding: z.enum(['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
  header_row: z
    .union([z.literal('auto'), z.coerce.number().int().min(0).max(9)])
    .optional(),
  bad_lines: z.enum(['report', 'error']).optional(),
});

export interface ReceivedFile {
  filename: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

/**
 * Reads the one file of a multipart request (field `file`) and its text fields. Checks run in the documented order:
 * extension before size, so a wrong file type is refused before its bytes are read.
 */
export async function receiveFile(request: { parts: () => AsyncIterableIterator<any> }, maxMb: number, required = true): Promise<ReceivedFile | undefined> {
  const fields: Record<string, string> = {};
  let received: ReceivedFile | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const file = part as MultipartFile;
      if (file.fieldname !== 'file' || received) {
        file.file.resume();
        throw new AppError('VALIDATION_ERROR', 'Send exactly one file, in the multipart field "file"', {
          details: { errors: [{ location: 'multipart', path: file.fieldname, message: 'Unexpected file field' }] },
        });
      }
      const filename = file.filename || 'data.csv';
      try {
        checkExtension(filename);
      } catch (error) {
        file.file.resume();
        throw error;
      }
      try {
        received = { filename, bytes: await file.toBuffer(), fields };
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('FILE_TOO_LARGE', `File is larger than the ${maxMb} MB limit`, {
            suggestion: 'Split the file or raise MAX_UPLOAD_MB.',
            details: { max_mb: maxMb, size_mb: null },
          });
        }
        throw error;
      }
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!received && required) {
    throw new AppError('VALIDATION_ERROR', 'No file uploaded: send it in the multipart field "file"', {
      details: { errors: [{ location: 'multipart', path: 'file', message: 'Required' }] },
    });
  }
  return received;
}

/** The same fields and file bytes are the same request, whatever multipart boundary the client chose. */
export function multipartHash(url: string, file: ReceivedFile): string {
  const fields = Object.keys(file.fields).sort().map((k) => [k, file.fields[k]]);
  return hashOf(url, JSON.stringify(fields), file.filename, file.bytes);
}

export function parseReadingOptions(query: Record<string, unknown>, fields: Record<string, string>): ReadCsvOptions {
  const parsed = readingOptions.safeParse({ ...query, ...fields });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_ERROR', `Invalid reading option ${issue.path.join('.')}: ${issue.message}`, {
      details: { errors: parsed.error.issues.map((i) => ({ location: 'multipart', path: i.path.join('.'), message: i.message })) },
    });
  }
  return parsed.data as ReadCsvOptions;
}

export function uploadRoutes(service: Service, nodeData: NodeDataLoader): FastifyPluginAsyncZod {
  const maxMb = service.config.MAX_UPLOAD_MB;
  return async (app) => {
    app.post(
      '/sessions/:id/upload',
      {
        schema: {
          tags: ['upload'],
          summary: 'Upload a CSV file (multipart field "file"); it becomes a new root version',
          params: sessionParams,
          querystring: readingOptions.partial().passthrough(),
          consumes: ['multipart/form-data'],
        },
      },
      async (request) => {
        const { id } = request.params;
        const actor = actorOf(request);
        const session = await findSession(service.database.db, id, actor);
        if (session.status === 'archived') {
          throw new AppError('SESSION_ARCHIVED', `Session ${id} is archived; it can be read but not changed.`, { details: { session_id: id } });
        }
        if (!request.isMultipart()) {
          throw new AppError('VALIDATION_ERROR', 'Expected a multipart/form-data request with the file in field "file"', {
            details: { errors: [{ location: 'multipart', path: 'file', message: 'Required' }] },
          });
        }
        const file = (await receiveFile(request, maxMb))!;
        await claimIdempotencyKey(service.database.db, request, multipartHash(request.url, file));
        const options = parseReadingOptions(request.query as Record<string, unknown>, file.fields);
        const outcome = await uploadFile(service, { sessionId: id, actor, filename: file.filename, bytes: file.bytes, options }, commandContext(service, request));
        nodeData.remember(outcome.storageKey, outcome.table);
        return {
          session_id: id,
          node_id: outcome.nodeId,
          filename: file.filename,
          storage_path: outcome.storageKey,
          profile: summarizeProfile(outcome.profile),
          preview: toRecords(outcome.table, { limit: 5 }),
          ingest: outcome.ingest,
          previous_root_node_id: outcome.previousRootNodeId,
        };
      },
    );
  };
}
