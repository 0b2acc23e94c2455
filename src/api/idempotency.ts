import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors/index.js';
import { actorOf } from './request-context.js';

const TTL_HOURS = 24;
const WAIT_MS = 30_000;
const KEPT_HEADERS = ['content-type', 'location', 'etag', 'content-disposition'];

interface Claim {
  scope: string;
  key: string;
  /** True once this request owns the row and must store its response. */
  owned: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: Claim;
  }
}

/** The stored first response of a request, sent again for a repeat (thrown to stop the handler). */
export class ReplayedResponse extends Error {
  constructor(readonly status: number, readonly headers: Record<string, string>, readonly body: Buffer) {
    super('replayed');
  }
}

export const hashOf = (...parts: (string | Uint8Array)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
};

/**
 * Claims the key for this request, or answers a repeat: the same request gets the first response (waiting while
 * the first is still running), a different one 422 IDEMPOTENCY_KEY_REUSED. Multipart routes call this once they
 * have read the fields and file (the same fields and bytes are the same request, whatever the boundary).
 */
export async function claimIdempotencyKey(db: Kysely<DB>, request: FastifyRequest, requestHash: string): Promise<void> {
  const claim = request.idempotency;
  if (!claim || claim.owned) return;
  await db.deleteFrom('http_idempotency').where('scope', '=', claim.scope).where('idempotency_key', '=', claim.key).where(sql<boolean>`created_at < now() - make_interval(hours => ${TTL_HOURS})`).execute();
  const inserted = await db
    .insertInto('http_idempotency')
    .values({ scope: claim.scope, idempotency_key: claim.key, request_hash: requestHash, state: 'pending' })
    .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing())
    .returning('scope')
    .executeTakeFirst();
  if (inserted) {
    claim.owned = true;
    return;
  }
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const row = await db.selectFrom('http_idempotency').selectAll().where('scope', '=', claim.scope).where('idempotency_key', '=', claim.key).executeTakeFirst();
    if (!row) return claimIdempotencyKey(db, request, requestHash);
    if (row.request_hash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.', {
        suggestion: 'Use a new key for a new request.',
        details: { idempotency_key: claim.key },
      });
    }
    if (row.state === 'done') {
      throw new ReplayedResponse(row.status_code ?? 200, (row.headers ?? {}) as Record<string, string>, Buffer.from(row.body_base64 ?? '', 'base64'));
    }
    if (Date.now() > deadline) {
      throw new AppError('VERSION_CONFLICT', 'A request with this Idempotency-Key is still running; retry shortly.', { details: { idempotency_key: claim.key } });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Idempotency-Key on POST, PATCH and DELETE (API.md §1): scope = caller + method + path. */
export function registerIdempotency(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('preHandler', async (request) => {
    if (!['POST', 'PATCH', 'DELETE'].includes(request.method)) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = String(header);
    if (key.length < 1 || key.length > 255) {
      throw new AppError('VALIDATION_ERROR', 'Idempotency-Key must be 1 to 255 characters', {
        details: { errors: [{ location: 'header', path: 'idempotency-key', message: 'Must be 1..255 characters' }] },
      });
    }
    request.idempotency = { scope: `${actorOf(request)} ${request.method} ${request.url.split('?')[0]}`, key, owned: false };
    if (!request.isMultipart()) {
      await claimIdempotencyKey(db, request, hashOf(request.url, JSON.stringify(request.body ?? null)));
    }
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = request.idempotency;
    if (!claim?.owned) return payload;
    const where = db.deleteFrom('http_idempotency').where('scope', '=', claim.scope).where('idempotency_key', '=', claim.key);
    // 5xx answers are not kept, so a retry runs again.
    if (reply.statusCode >= 500 || (payload !== null && payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      await where.execute();
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const body = payload === null || payload === undefined ? Buffer.alloc(0) : Buffer.isBuffer(payload) ? payload : Buffer.from(payload as string);
    await db
      .updateTable('http_idempotency')
      .set({ state: 'done', status_code: reply.statusCode, headers: JSON.stringify(headers), body_base64: body.toString('base64') })
      .where('scope', '=', claim.scope)
      .where('idempotency_key', '=', claim.key)
      .execute();
    return payload;
  });
}
