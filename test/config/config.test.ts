import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startCli } from '../support/processes.js';

describe('configuration', () => {
  it('defaults to the embedded service on port 8000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8000, MAX_UPLOAD_MB: 50, STORAGE_BUCKET: 'csv-files', ENVIRONMENT: 'development' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe(path.resolve('.modulardata'));
  });

  it('treats empty variables as unset and parses lists', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' 9000 ', CORS_ORIGINS: 'https://a.io, https://b.io' })).toMatchObject({ PORT: 9000, CORS_ORIGINS: ['https://a.io', 'https://b.io'] });
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL /],
    [{ REDIS_URL: 'not a url' }, /^Invalid configuration: REDIS_URL /],
    [{ MAX_UPLOAD_MB: '0' }, /^Invalid configuration: MAX_UPLOAD_MB /],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
    [{ SUPABASE_URL: 'https://x.supabase.co' }, /^Invalid configuration: SUPABASE_SERVICE_KEY /],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it('a bad value fails `modulardata serve` at start-up with one line naming the variable', async () => {
    const server = startCli(['serve'], { PORT: 'abc' });
    const code = await new Promise((resolve) => server.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(server.output().trim().split('\n')).toEqual(['Invalid configuration: PORT must be a whole number']);
  });
});
