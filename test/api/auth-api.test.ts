import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../src/auth/index.js';
import { createPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-service.js';
import { hs256Token, startJwksServer, TEST_JWT_SECRET, unsignedToken, type JwksServer } from '../support/tokens.js';

/** One PGlite database for the whole file (each describe gets its own service on it): starting one is slow. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createPgliteTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

function useApp(env: () => Record<string, string>) {
  const ctx = { api: undefined as unknown as TestApp, get t() { return database; } };
  beforeAll(async () => {
    ctx.api = await createTestApp(database, env());
  });
  afterAll(async () => {
    await ctx.api.close();
  });
  return ctx;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const now = () => Math.floor(Date.now() / 1000);

describe('auth with SUPABASE_JWT_SECRET (HS256)', () => {
  const ctx = useApp(() => ({ SUPABASE_JWT_SECRET: TEST_JWT_SECRET }));
  const get = (url: string, headers: Record<string, string> = {}) => ctx.api.app.inject({ method: 'GET', url, headers });

  it('root, health and docs need no token', async () => {
    for (const url of ['/', '/api/v1/health', '/api/v1/health/live', '/docs/json']) {
      expect((await get(url)).statusCode, url).toBe(200);
    }
  });

  it('no token → 401 Not authenticated with WWW-Authenticate: Bearer', async () => {
    const res = await get('/api/v1/sessions');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: 'Not authenticated', code: 'UNAUTHORIZED', suggestion: expect.any(String) });
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it.each([
    ['expired', () => hs256Token({ expiresIn: -120 }), 'Token has expired'],
    ['wrong audience', () => hs256Token({ aud: 'anon' }), 'Invalid token: audience must include "authenticated"'],
    ['no audience', () => hs256Token({ aud: null }), 'Invalid token: audience must include "authenticated"'],
    ['wrong signature', () => hs256Token({ secret: 'another-secret-of-at-least-thirty-two-chars' }), 'Invalid token: signature verification failed'],
    ['alg none', async () => unsignedToken({ sub: randomUUID(), aud: 'authenticated', exp: now() + 3600 }), 'Invalid token: algorithm "none" is not accepted'],
    ['malformed', async () => 'not-a-jwt', 'Invalid token: malformed token'],
    ['three garbage parts', async () => 'a.b.c', 'Invalid token: malformed token'],
    ['truncated signature', async () => (await hs256Token()).slice(0, -5), 'Invalid token: signature verification failed'],
    ['no exp', () => hs256Token({ expiresIn: null }), 'Invalid token: expiry (exp) is required'],
    ['no sub', () => hs256Token({ sub: null }), 'Invalid token: missing user ID'],
    ['sub not a UUID', () => hs256Token({ sub: 'user-1' }), 'Invalid token: user ID must be a UUID'],
    ['RS256 without a JWKS', async () => (await startJwksServer().then(async (s) => [await s.sign('RS256'), await s.close()]))[0] as string, 'Invalid token: algorithm "RS256" is not accepted'],
    ['huge', async () => 'a'.repeat(100_000), 'Invalid token: malformed token'],
  ])('%s → 401', async (_name, make, detail) => {
    const res = await get('/api/v1/sessions', bearer(await make()));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED', detail });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('a header that is not Bearer → 401', async () => {
    const res = await get('/api/v1/sessions', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/^Invalid token: expected/);
  });

  it('a valid token: the sub owns what it creates and is the actor on its events; /auth/me and /auth/verify', async () => {
    const sub = randomUUID();
    const token = await hs256Token({ sub, claims: { email: 'ada@example.com', user_metadata: { full_name: 'Ada Lovelace', avatar_url: 'https://x/a.png' } } });
    const created = await ctx.api.app.inject({ method: 'POST', url: '/api/v1/sessions', headers: bearer(token), payload: { name: 'mine' } });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().session_id;
    const events = (await get(`/api/v1/sessions/${id}/events`, bearer(token))).json();
    expect(events.events[0].metadata.actor).toBe(sub);
    const row = await ctx.t.database.db.selectFrom('sessions').select('owner_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.owner_id).toBe(sub);
    const me = (await get('/api/v1/auth/me', bearer(token))).json();
    expect(me).toMatchObject({ id: sub, email: 'ada@example.com', display_name: 'Ada Lovelace', avatar_url: 'https://x/a.png' });
    expect((await get('/api/v1/auth/verify', bearer(token))).json()).toEqual({ valid: true, user_id: sub, email: 'ada@example.com', auth_enabled: true });
  });

  it('accepts a token expired within the 30 s leeway', async () => {
    expect((await get('/api/v1/sessions', bearer(await hs256Token({ expiresIn: -10 })))).statusCode).toBe(200);
  });

  it('an unknown route still needs a token', async () => {
    expect((await get('/api/v1/nowhere')).statusCode).toBe(401);
  });
});

describe('auth with AUTH_JWKS_URL (RS256/ES256) and the secret', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
  });
  afterAll(async () => {
    await jwks.close();
  });
  const ctx = useApp(() => ({ AUTH_JWKS_URL: jwks.url, SUPABASE_JWT_SECRET: TEST_JWT_SECRET }));
  const sessions = (token: string) => ctx.api.app.inject({ method: 'GET', url: '/api/v1/sessions', headers: bearer(token) });

  it('accepts RS256 and ES256 tokens by kid, fetching the key set once', async () => {
    const before = jwks.fetches();
    for (let i = 0; i < 3; i++) {
      expect((await sessions(await jwks.sign('RS256'))).statusCode).toBe(200);
      expect((await sessions(await jwks.sign('ES256'))).statusCode).toBe(200);
    }
    expect(jwks.fetches() - before).toBeLessThanOrEqual(1);
  });

  it('refuses an unknown kid, an expired or wrong-audience asymmetric token', async () => {
    expect((await sessions(await jwks.sign('RS256', { kid: 'unknown-kid' }))).json().detail).toBe('Invalid token: unknown signing key (kid)');
    expect((await sessions(await jwks.sign('ES256', { expiresIn: -120 }))).json().detail).toBe('Token has expired');
    expect((await sessions(await jwks.sign('RS256', { aud: 'anon' }))).statusCode).toBe(401);
  });

  it('no algorithm confusion: an HS256 token signed with the public key is refused', async () => {
    const pem = await jwks.publicPem('RS256');
    const forged = await new SignJWT({ sub: randomUUID(), aud: 'authenticated', exp: now() + 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(pem));
    const res = await sessions(forged);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Invalid token: signature verification failed');
  });

  it('the HS256 secret still works beside the JWKS', async () => {
    expect((await sessions(await hs256Token())).statusCode).toBe(200);
  });
});

describe('auth off', () => {
  const ctx = useApp(() => ({}));
  it('ignores any header; the local user owns everything', async () => {
    const res = await ctx.api.app.inject({ method: 'POST', url: '/api/v1/sessions', headers: { authorization: 'Bearer garbage' } });
    expect(res.statusCode).toBe(200);
    const row = await ctx.t.database.db.selectFrom('sessions').select('owner_id').where('id', '=', res.json().session_id).executeTakeFirstOrThrow();
    expect(row.owner_id).toBe(LOCAL_USER);
    const me = (await ctx.api.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(me).toMatchObject({ id: LOCAL_USER, display_name: 'Local user' });
    expect((await ctx.api.app.inject({ method: 'GET', url: '/api/v1/auth/verify' })).json().auth_enabled).toBe(false);
  });
});
