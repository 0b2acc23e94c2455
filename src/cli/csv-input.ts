/**
 * Local CSV files for the `apply` and `profile` commands: reading options, bytes from a path (or `-` for stdin) and
 * the engine's reader, with every problem a user can fix (a missing file, a bad option, a CSV the reader refuses)
 * turned into an {@link InputError}, which the commands report with exit code 2.
 */
import fs from 'node:fs';
import { AppError } from '../errors/index.js';
import type { ReadCsvOptions, ReadCsvResult } from '../engine/index.js';

/** A problem with the files or options the user gave (exit code 2). */
export class InputError extends Error {
  override name = 'InputError';
}

/** Options shared by the commands that read a CSV; values as the reader takes them (API.md §7.1). */
export const READ_OPTIONS = {
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  'header-row': { type: 'string' },
  'bad-lines': { type: 'string' },
} as const;

export const READ_OPTIONS_HELP = `  --delimiter D      auto (default), ',', ';', 'tab' or '|'
  --encoding E       auto (default), utf-8, utf-16le, utf-16be or windows-1252
  --header-row N     auto (default), or the 0-based index of the header among the first 10 records
  --bad-lines MODE   report (default: pad short lines, skip long ones, list them) or error`;

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new InputError(`--${option} must be one of ${allowed.join(', ')} (got '${String(value)}').`);
  return value as T;
}

export function readOptions(values: Record<string, unknown>): ReadCsvOptions {
  const delimiter = values.delimiter === 'tab' ? '\t' : values.delimiter;
  const header = values['header-row'];
  if (header !== undefined && header !== 'auto' && !/^\d+$/.test(String(header))) {
    throw new InputError(`--header-row must be 'auto' or a whole number (got '${String(header)}').`);
  }
  return {
    delimiter: oneOf('delimiter', delimiter, ['auto', ',', ';', '\t', '|']),
    encoding: oneOf('encoding', values.encoding, ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
    header_row: header === undefined || header === 'auto' ? undefined : Number(header),
    bad_lines: oneOf('bad-lines', values['bad-lines'], ['report', 'error']),
  };
}

/** The whole file (`-` reads standard input). */
export function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new InputError(`Cannot read ${file}: ${why}.`);
  }
}

/** Reads one CSV file through the engine's reader; a refused file becomes an InputError naming the file and lines. */
export async function readTable(file: string, bytes: Uint8Array, options: ReadCsvOptions): Promise<ReadCsvResult> {
  // Imported here: the engine is only loaded by the commands that read a file, not by every command's --help.
  const { readCsv } = await import('../engine/index.js');
  try {
    return readCsv(bytes, options);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const lines = [`${file}: ${error.message}`];
    const listed = (error.details?.errors ?? []) as { line: number; column?: number; message: string }[];
    for (const e of listed) lines.push(`  line ${e.line}${e.column ? `, field ${e.column}` : ''}: ${e.message}`);
    const total = error.details?.total_errors;
    if (typeof total === 'number' && total > listed.length) lines.push(`  … and ${total - listed.length} more`);
    if (error.suggestion) lines.push(error.suggestion);
    throw new InputError(lines.join('\n'));
  }
}

/** What the reader repaired or skipped, one line each, for stderr. */
export function ingestNotes(file: string, ingest: ReadCsvResult['ingest']): string[] {
  const notes: string[] = [];
  if (ingest.skipped_lines.length > 0) notes.push(`${file}: skipped ${ingest.skipped_lines.length} line(s) above the header`);
  for (const r of ingest.renamed_headers) notes.push(`${file}: header ${r.position} '${r.original}' renamed to '${r.name}'`);
  if (ingest.bad_line_count > 0) {
    const shown = ingest.bad_lines.slice(0, 5).map((b) => `line ${b.line} ${b.action} (${b.fields} of ${b.expected} fields)`);
    notes.push(`${file}: ${ingest.bad_line_count} ragged line(s): ${shown.join('; ')}${ingest.bad_line_count > shown.length ? '; …' : ''}`);
  }
  return notes;
}

/** Prints an error for the user and returns the exit code: 2 for input problems, 1 for anything else. */
export function reportFailure(error: unknown): number {
  if (error instanceof InputError) {
    console.error(error.message);
    return 2;
  }
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
}
