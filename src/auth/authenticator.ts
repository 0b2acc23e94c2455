import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/index.js';

/** With auth off, one local user owns everything (API.md §2). */
export const LOCAL_USER = '00000000-0000-0000-0000-000000000000';

export interface AuthUser {
  /** The token's `sub`: the user that owns what it creates; the actor on its events. */
  id: string;
  email: string | null;
  /** The verified claims (display name and avatar for /auth/me); empty for the local user. */
  claims: JWTPayload;
}

export interface Authenticator {
  /** True when SUPABASE_JWT_SECRET or AUTH_JWKS_URL is configured. */
  readonly enabled: boolean;
  /** The token's user, or 401 UNAUTHORIZED (API.md §2). With auth off, the local user whatever is sent. */
  authenticate(token: string | undefined): Promise<AuthUser>;
}

export const LOCAL: AuthUser = Object.freeze({ id: LOCAL_USER, email: null, claims: {} });

const AUDIENCE = 'authenticated';
const LEEWAY_S = 30;
const JWKS_CACHE_MS = 60 * 60 * 1000;
const MAX_TOKEN_CHARS = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ASYMMETRIC = ['RS256', 'ES256'];

export function unauthorized(detail: string): AppError {
  return new AppError('UNAUTHORIZED', detail, { suggestion: 'Send a valid Supabase access token as "Authorization: Bearer <jwt>".' });
}

const invalid = (reason: string) => unauthorized(`Invalid token: ${reason}`);

/** A reason a client can act on for each way jose refuses a token; jose's text never reaches the client as such. */
function refusal(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) return unauthorized('Token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return invalid(`audience must include "${AUDIENCE}"`);
    if (error.claim === 'exp') return invalid('expiry (exp) is required');
    if (error.claim === 'nbf') return invalid('token is not valid yet');
    return invalid(`claim ${error.claim} is invalid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('signature verification failed');
  if (error instanceof errors.JOSEAlgNotAllowed) return invalid('algorithm not allowed');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return invalid('unknown signing key (kid)');
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isNetworkError(error)) {
    // The keys cannot be fetched: the token may be fine, so this is the service's problem, not the caller's.
    return new AppError('SERVICE_UNAVAILABLE', 'Token keys are temporarily unavailable; try again shortly', { cause: error });
  }
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid || error instanceof errors.JOSENotSupported) return invalid('malformed token');
  return invalid('could not be verified');
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError || (error as { code?: string } | undefined)?.code === 'ECONNREFUSED';
}

/**
 * Verifies Supabase access tokens with jose (API.md §2): HS256 with SUPABASE_JWT_SECRET, RS256/ES256 with the key the
 * header's `kid` names in AUTH_JWKS_URL (cached an hour; an unknown kid triggers one refetch, then is refused). The
 * algorithm picks the key source and nothing else: an HS256 token is never checked against a public key, an RS256
 * one never against the secret, and `alg: none` never passes.
 */
export function createAuthenticator(config: Pick<Config, 'SUPABASE_JWT_SECRET' | 'AUTH_JWKS_URL'>): Authenticator {
  const secret = config.SUPABASE_JWT_SECRET ? new TextEncoder().encode(config.SUPABASE_JWT_SECRET) : undefined;
  const jwks: JWTVerifyGetKey | undefined = config.AUTH_JWKS_URL
    ? createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { cacheMaxAge: JWKS_CACHE_MS, cooldownDuration: 30_000, timeoutDuration: 5000 })
    : undefined;
  const enabled = Boolean(secret || jwks);

  async function verify(token: string): Promise<JWTPayload> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw invalid('malformed token');
    }
    const options = { audience: AUDIENCE, clockTolerance: LEEWAY_S, requiredClaims: ['exp'] };
    try {
      if (alg === 'HS256' && secret) return (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
      if (alg && ASYMMETRIC.includes(alg) && jwks) return (await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC })).payload;
    } catch (error) {
      throw refusal(error);
    }
    throw invalid(`algorithm ${alg === undefined ? '(none given)' : JSON.stringify(alg).slice(0, 20)} is not accepted`);
  }

  return {
    enabled,
    async authenticate(token) {
      if (!enabled) return LOCAL;
      if (token === undefined || token === '') throw unauthorized('Not authenticated');
      if (token.length > MAX_TOKEN_CHARS) throw invalid('malformed token');
      const claims = await verify(token);
      if (typeof claims.sub !== 'string' || claims.sub === '') throw invalid('missing user ID');
      if (!UUID.test(claims.sub)) throw invalid('user ID must be a UUID');
      return { id: claims.sub.toLowerCase(), email: typeof claims.email === 'string' ? claims.email : null, claims };
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header; anything else counts as no token. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
