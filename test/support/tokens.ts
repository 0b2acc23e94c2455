import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

/** The HS256 secret tests configure as SUPABASE_JWT_SECRET. */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters!!';

export interface TokenOptions {
  sub?: string | null;
  aud?: string | string[] | null;
  /** Seconds from now; negative for an expired token; null for no exp. */
  expiresIn?: number | null;
  secret?: string;
  claims?: JWTPayload;
}

/** A Supabase-style access token signed with HS256 (what the Supabase dashboard's JWT secret signs). */
export async function hs256Token(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { role: 'authenticated', ...options.claims };
  if (options.sub !== null) payload.sub = options.sub ?? randomUUID();
  if (options.aud !== null) payload.aud = options.aud ?? 'authenticated';
  if (options.expiresIn !== null) payload.exp = now + (options.expiresIn ?? 3600);
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(now).sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

/** A token with `alg: none` and no signature: must never be accepted. */
export function unsignedToken(payload: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

/** A user with an id and a ready token. */
export async function testUser(secret = TEST_JWT_SECRET): Promise<{ id: string; token: string; headers: { authorization: string } }> {
  const id = randomUUID();
  const token = await hs256Token({ sub: id, secret, claims: { email: `${id.slice(0, 8)}@example.com` } });
  return { id, token, headers: { authorization: `Bearer ${token}` } };
}

export interface JwksServer {
  url: string;
  /** Requests the JWKS endpoint has answered. */
  fetches(): number;
  sign(alg: 'RS256' | 'ES256', options?: TokenOptions & { kid?: string }): Promise<string>;
  /** The public key, PEM (for the algorithm-confusion test). */
  publicPem(alg: 'RS256' | 'ES256'): Promise<string>;
  close(): Promise<void>;
}

/** A real HTTP server publishing a JWKS with one RS256 and one ES256 key, the way Supabase's auth server does. */
export async function startJwksServer(): Promise<JwksServer> {
  const keys = {
    RS256: { kid: `rs-${randomUUID()}`, ...(await generateKeyPair('RS256', { extractable: true })) },
    ES256: { kid: `es-${randomUUID()}`, ...(await generateKeyPair('ES256', { extractable: true })) },
  };
  const jwks: { keys: JWK[] } = { keys: [] };
  for (const [alg, key] of Object.entries(keys)) jwks.keys.push({ ...(await exportJWK(key.publicKey)), kid: key.kid, alg, use: 'sig' });
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/auth/v1/.well-known/jwks.json`,
    fetches: () => fetches,
    async sign(alg, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = { sub: options.sub ?? randomUUID(), aud: options.aud ?? 'authenticated', ...options.claims };
      if (options.expiresIn !== null) payload.exp = now + (options.expiresIn ?? 3600);
      return new SignJWT(payload).setProtectedHeader({ alg, kid: options.kid ?? keys[alg].kid, typ: 'JWT' }).setIssuedAt(now).sign(keys[alg].privateKey);
    },
    async publicPem(alg) {
      const { exportSPKI } = await import('jose');
      return exportSPKI(keys[alg].publicKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
