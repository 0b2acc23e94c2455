import { z } from 'zod';

/** Shared request schemas; a malformed id in a path is a 422 VALIDATION_ERROR (API.md §1). */
export const uuidParam = z.uuid({ message: 'must be a UUID' });
export const sessionParams = z.object({ id: uuidParam });
export const nodeParams = z.object({ id: uuidParam, nid: uuidParam });

export const booleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const intQuery = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const metadataSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= 16 * 1024, { message: 'metadata must be at most 16 KiB of JSON' });

/** An instant in a query: RFC 3339 date-time with an offset, or a date (midnight UTC). */
export const instantQuery = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { message: 'must be an RFC 3339 date-time (2026-01-31T12:00:00Z) or a date (2026-01-31)' })
  .transform((v) => new Date(v));
