import { z } from 'zod';

export const uuid = z.uuid();
/** Engine outputs (profiles, ingest reports) are produced by our own code; the log only requires plain JSON. */
export const jsonObject = z.record(z.string(), z.unknown());
export const columnSchema = z.object({ name: z.string(), type: z.string() });
