import { z } from 'zod';

export const uuid = z.uuid();
/** Engine outputs (profiles, ingest reports) are produced by our own code; the log only requires plain JSON. */
export const jsonObject = z.record(z.string(), z.unknown());
export const columnSchema = z.object({ name: z.string(), type: z.string() });

/** The reading options an upload was read with (API.md §7.1), every one written out ('auto' where not chosen). */
export const readOptionsSchema = z.object({
  delimiter: z.enum(['auto', ',', ';', '\t', '|']),
  encoding: z.enum(['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
  header_row: z.union([z.literal('auto'), z.number().int().min(0)]),
  bad_lines: z.enum(['report', 'error']),
});

export type RecordedReadOptions = z.infer<typeof readOptionsSchema>;

/**
 * The reader's own decisions from an ingest report, as explicit options: given back to the reader with the same
 * bytes they select the same encoding, delimiter and header, so the same table comes out. Files that were read
 * without recorded options (FileUploaded v1, attached tables) are replayed with these.
 */
export function readOptionsFromIngest(ingest: Record<string, unknown>): RecordedReadOptions {
  return {
    delimiter: (ingest.delimiter ?? 'auto') as RecordedReadOptions['delimiter'],
    encoding: (ingest.encoding ?? 'auto') as RecordedReadOptions['encoding'],
    header_row: typeof ingest.header_row === 'number' ? ingest.header_row : 'auto',
    // A file read under 'error' had no bad lines, so 'report' reads it identically.
    bad_lines: 'report',
  };
}

/** Reading options as given (any left out) → as recorded (each written out with its default). */
export function recordedReadOptions(options: Partial<RecordedReadOptions>): RecordedReadOptions {
  return {
    delimiter: options.delimiter ?? 'auto',
    encoding: options.encoding ?? 'auto',
    header_row: options.header_row ?? 'auto',
    bad_lines: options.bad_lines ?? 'report',
  };
}
