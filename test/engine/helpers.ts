import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { AppError } from '../../src/errors/index.js';
import { columnValues, readCsv, toRecords, type DataTable, type ReadCsvOptions } from '../../src/engine/index.js';

export const SAMPLES = '/work/shared/samples';

export function fixture(name: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url)));
}

export function sample(name: string): Uint8Array {
  return readFileSync(`${SAMPLES}/${name}.csv`);
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function read(text: string | Uint8Array, options?: ReadCsvOptions) {
  return readCsv(typeof text === 'string' ? utf8(text) : text, options);
}

export function types(dt: DataTable): Record<string, string> {
  return Object.fromEntries(dt.schema.map((c) => [c.name, c.type]));
}

export function column(dt: DataTable, name: string): unknown[] {
  return [...columnValues(dt, name)];
}

export function rows(dt: DataTable): Record<string, unknown>[] {
  return toRecords(dt);
}

/** Runs `fn`, expecting an AppError with `code`; returns it for further checks. */
export function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}
