import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/errors/index.js';

const API_MD = path.resolve(import.meta.dirname, '../../../shared/API.md');

/** The code → HTTP status table of API.md §3. */
function documentedCodes(): Map<string, number> {
  const text = fs.readFileSync(API_MD, 'utf8');
  const section = text.slice(text.indexOf('## 3. Errors'), text.indexOf('## 4.'));
  const codes = new Map<string, number>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1].startsWith('`')) continue;
    const status = Number.parseInt(cells[2], 10);
    for (const [, code] of cells[1].matchAll(/`([A-Z_]+)`/g)) codes.set(code, status);
  }
  return codes;
}

/** Every code literal the source can emit: AppError('X', …), send(reply, 'X', …) and the Fastify error map. */
function emittedCodes(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      // The engine's plan error codes (STEP_FAILED, COLUMN_NOT_FOUND, …) live inside INVALID_PLAN and
      // TRANSFORMATION_FAILED bodies; they are not HTTP codes.
      if (entry.isDirectory()) {
        if (file !== path.resolve(import.meta.dirname, '../../src/engine')) walk(file);
      }
      else if (file.endsWith('.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        for (const [, code] of text.matchAll(/(?:AppError\(|send\(reply, |code: )'([A-Z][A-Z_]+)'/g)) if (!code.startsWith('FST_')) found.add(code);
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '../../src'));
  return found;
}

describe.runIf(fs.existsSync(API_MD))('error catalogue', () => {
  it('has exactly the codes of API.md §3, with the same HTTP statuses', () => {
    const documented = documentedCodes();
    expect(documented.size).toBeGreaterThan(25);
    expect(Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, e]) => [code, e.status]))).toEqual(Object.fromEntries(documented));
  });

  it('every code the service emits is documented', () => {
    const documented = documentedCodes();
    const emitted = [...emittedCodes()];
    expect(emitted.length).toBeGreaterThan(10);
    expect(emitted.filter((code) => !documented.has(code))).toEqual([]);
  });
});
