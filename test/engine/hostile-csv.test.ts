import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/engine/index.js';
import { AppError } from '../../src/errors/index.js';
import { HOSTILE_CASES } from '../fixtures/hostile/corpus.js';

describe('hostile CSV corpus: a typed error or a documented repaired parse, never a crash or a hang', () => {
  it('has at least 30 cases', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', (_name, hostile) => {
    const input = hostile.bytes();
    const started = performance.now();
    let outcome: { error: string } | { rows: number; columns: number };
    try {
      const { table } = readCsv(input);
      outcome = { rows: table.table.numRows(), columns: table.schema.length };
    } catch (error) {
      // Only typed errors with a sentence and details a client can show; never a raw exception.
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message.length).toBeGreaterThan(5);
      outcome = { error: (error as AppError).code };
    }
    expect(performance.now() - started).toBeLessThan(15_000);
    if ('error' in hostile.expect) expect(outcome).toEqual({ error: hostile.expect.error });
    else expect(outcome).toEqual({ rows: hostile.expect.rows, columns: hostile.expect.columns });
  });
});
