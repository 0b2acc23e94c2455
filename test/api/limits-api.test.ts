import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { createTestApp, multipart, type TestApp } from '../support/test-service.js';
import { TEST_JWT_SECRET, testUser } from '../support/tokens.js';

/** One PGlite database for the whole file (each describe gets its own service on it): starting one is slow. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createPgliteTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

function useApp(env: Record<string, string>) {
  const ctx = { api: undefined as unknown as TestApp, get t() { return database; } };
  beforeAll(async () => {
    ctx.api = await createTestApp(database, env);
  });
  afterAll(async () => {
    await ctx.api.close();
  });
  return ctx;
}

describe('rate limits with auth on', () => {
  const ctx = useApp({ SUPABASE_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MIN: '5', RATE_LIMIT_HEAVY_PER_MIN: '2' });

  it('limits each user to RATE_LIMIT_PER_MIN, answering 429 RATE_LIMITED with Retry-After; other users and health are unaffected', async () => {
    const a = await testUser();
    const b = await testUser();
    for (let i = 0; i < 5; i++) {
      const res = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/sessions', headers: a.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('5');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(4 - i));
    }
    const over = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/sessions', headers: a.headers });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'RATE_LIMITED', detail: expect.stringMatching(/at most 5 requests per minute/) });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ctx.api.app.inject({ method: 'GET', url: '/api/v1/sessions', headers: b.headers })).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) {
      expect((await ctx.api.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
      expect((await ctx.api.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    }
  });

  it('heavy commands (upload) have their own lower limit, enforced before the body is read', async () => {
    const user = await testUser();
    const id = (await ctx.api.app.inject({ method: 'POST', url: '/api/v1/sessions', headers: user.headers })).json().session_id;
    const upload = () => {
      const form = multipart('a.csv', 'x,y\n1,2\n');
      return ctx.api.app.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: { ...form.headers, ...user.headers } });
    };
    expect((await upload()).statusCode).toBe(200);
    expect((await upload()).statusCode).toBe(200);
    const over = await upload();
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'RATE_LIMITED', detail: expect.stringMatching(/at most 2 requests per minute/) });
    expect(over.headers['retry-after']).toBeDefined();
  });
});

describe('no rate limits with auth off', () => {
  const ctx = useApp({ RATE_LIMIT_PER_MIN: '3' });
  it('a local single-user service is not limited', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/sessions' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('security headers and CORS in production', () => {
  const ctx = useApp({ ENVIRONMENT: 'production', CORS_ORIGINS: 'https://app.example.com, https://admin.example.com', SUPABASE_JWT_SECRET: TEST_JWT_SECRET });

  it('sends helmet headers', async () => {
    const res = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('allows only CORS_ORIGINS, answers preflights without a token, and puts CORS headers on a 401', async () => {
    const allowed = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/health', headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(allowed.headers['access-control-expose-headers'])).toMatch(/x-request-id/);
    const other = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/health', headers: { origin: 'https://evil.example.net' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await ctx.api.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/sessions',
      headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://admin.example.com');
    const unauthorized = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/sessions', headers: { origin: 'https://app.example.com' } });
    expect(unauthorized.statusCode).toBe(401);
    expect(unauthorized.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });
});

describe('CORS outside production', () => {
  const ctx = useApp({});
  it('allows any origin', async () => {
    const res = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/health', headers: { origin: 'http://localhost:5173' } });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });
});

describe('row, column and cell caps', () => {
  const ctx = useApp({ MAX_ROWS: '3', MAX_COLUMNS: '4', MAX_CELLS: '10' });
  const upload = async (content: string) => {
    const id = (await ctx.api.app.inject({ method: 'POST', url: '/api/v1/sessions' })).json().session_id;
    const form = multipart('caps.csv', content);
    return { id, res: await ctx.api.app.inject({ method: 'POST', url: `/api/v1/sessions/${id}/upload`, payload: form.payload, headers: form.headers }) };
  };

  it('refuses a file over MAX_ROWS, MAX_COLUMNS or MAX_CELLS with 413 and a sentence naming the limit; stores nothing', async () => {
    const rows = await upload('a\n1\n2\n3\n4\n');
    expect(rows.res.statusCode).toBe(413);
    expect(rows.res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', detail: "'caps.csv' has 4 rows; at most 3 are allowed (MAX_ROWS).", details: { rows: 4, max_rows: 3 } });
    const columns = await upload('a,b,c,d,e\n1,2,3,4,5\n');
    expect(columns.res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', detail: "'caps.csv' has 5 columns; at most 4 are allowed (MAX_COLUMNS)." });
    const cells = await upload('a,b,c,d\n1,2,3,4\n5,6,7,8\n9,10,11,12\n');
    expect(cells.res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', detail: "'caps.csv' has 12 cells; at most 10 are allowed (MAX_CELLS)." });
    expect((await ctx.api.app.inject({ method: 'GET', url: `/api/v1/sessions/${rows.id}` })).json().current_node_id).toBeNull();
    expect((await upload('a,b\n1,2\n3,4\n')).res.statusCode).toBe(200);
  });
});
