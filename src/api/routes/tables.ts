import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachTable, TABLE_NAME } from '../../commands/session/attach-table.js';
import { toRecords } from '../../engine/index.js';
import { AppError } from '../../errors/index.js';
import type { NodeDataLoader } from '../../queries/node-data.js';
import { findSession } from '../../queries/sessions.js';
import { findTable, listTables, tableObject } from '../../queries/tables.js';
import type { Service } from '../../service/service.js';
import { actorOf, commandContext } from '../request-context.js';
import { intQuery, sessionParams, uuidParam } from '../schemas.js';
import { claimIdempotencyKey } from '../idempotency.js';
import { multipartHash, parseReadingOptions, readingOptions, receiveFile } from './upload.js';

const tableParams = z.object({ id: uuidParam, table_id: uuidParam });

export function tableRoutes(service: Service, nodeData: NodeDataLoader): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.post(
      '/sessions/:id/tables',
      {
        schema: {
          tags: ['tables'],
          summary: 'Attach a secondary CSV file for joins, unions and lookups (multipart field "file", optional "name")',
          params: sessionParams,
          querystring: readingOptions.extend({ name: z.string().optional() }).partial().passthrough(),
          consumes: ['multipart/form-data'],
        },
      },
      async (request) => {
        const { id } = request.params;
        const actor = actorOf(request);
        const session = await findSession(db, id, actor);
        if (session.status === 'archived') {
          throw new AppError('SESSION_ARCHIVED', `Session ${id} is archived; it can be read but not changed.`, { details: { session_id: id } });
        }
        if (!request.isMultipart()) {
          throw new AppError('VALIDATION_ERROR', 'Expected a multipart/form-data request with the file in field "file"', {
            details: { errors: [{ location: 'multipart', path: 'file', message: 'Required' }] },
          });
        }
        const file = (await receiveFile(request, service.config.MAX_UPLOAD_MB))!;
        await claimIdempotencyKey(service.database.db, request, multipartHash(request.url, file));
        const { name: nameField, ...readingFields } = file.fields;
        const query = request.query as Record<string, unknown>;
        const name = nameField ?? (typeof query.name === 'string' ? query.name : undefined);
        if (name !== undefined && !TABLE_NAME.test(name)) {
          throw new AppError('VALIDATION_ERROR', `Invalid table name '${name}': use letters, digits and _, starting with a letter or _, at most 63 characters.`, {
            details: { errors: [{ location: 'multipart', path: 'name', message: 'Must match ^[A-Za-z_][A-Za-z0-9_]{0,62}$' }] },
          });
        }
        const { name: _ignored, ...readingQuery } = query;
        const options = parseReadingOptions(readingQuery, readingFields);
        const attached = await attachTable(service, { sessionId: id, actor, filename: file.filename, name, bytes: file.bytes, options }, commandContext(service, request));
        nodeData.remember(attached.stored.key, attached.table);
        return tableObject(await findTable(db, id, attached.tableId));
      },
    );

    app.get('/sessions/:id/tables', { schema: { tags: ['tables'], summary: 'Tables attached to the session', params: sessionParams } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      const tables = (await listTables(db, session.id)).map(tableObject);
      return { tables, total: tables.length };
    });

    app.get(
      '/sessions/:id/tables/:table_id',
      { schema: { tags: ['tables'], summary: 'One attached table with its profile and first rows', params: tableParams, querystring: z.object({ rows: intQuery(1, 100).default(10) }) } },
      async (request) => {
        const session = await findSession(db, request.params.id, actorOf(request));
        const row = await findTable(db, session.id, request.params.table_id);
        const data = await nodeData.load(row.storage_path);
        return { ...tableObject(row), profile: row.profile_json, preview: toRecords(data, { limit: request.query.rows }) };
      },
    );
  };
}
