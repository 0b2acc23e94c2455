import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AsOf, AsOfPoint } from '../audit/time-travel.js';
import { instantQuery } from './schemas.js';

/** `as_of` (API.md §13): a global log position (integer) or an RFC 3339 instant. */
export const asOfQuery = z.object({
  as_of: z
    .union([z.string().regex(/^\d{1,15}$/).transform((v): AsOf => ({ position: Number(v) })), instantQuery.transform((time): AsOf => ({ time }))], {
      message: 'as_of must be an event position (integer) or an RFC 3339 date-time',
    })
    .optional(),
});

/**
 * Marks an answer read at a past point: objects get `as_of: {position, recorded_at}`; every answer (bare arrays and
 * CSV downloads included) gets the same in `X-As-Of-Position` and `X-As-Of-Recorded-At`.
 */
export function markAsOf<T>(reply: FastifyReply, point: AsOfPoint | null, body: T): T {
  if (!point) return body;
  reply.header('X-As-Of-Position', String(point.position)).header('X-As-Of-Recorded-At', point.recorded_at.toISOString());
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
    return { ...body, as_of: { position: point.position, recorded_at: point.recorded_at } };
  }
  return body;
}
