import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/config/config.js';

const FILE = path.resolve(import.meta.dirname, '../../.env.example');

describe('.env.example', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  // Set (KEY=value) and documented-but-unset (# KEY=...) variables.
  const listed = [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);

  it('lists every configuration variable, and nothing else', () => {
    expect([...new Set(listed)].sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('is a valid configuration whose values are the defaults', () => {
    const values = Object.fromEntries([...text.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(loadConfig(values)).toEqual(loadConfig({}));
  });
});
