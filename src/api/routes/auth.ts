import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuthUser } from '../../auth/index.js';
import { unauthorized } from '../../auth/index.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const isoSeconds = (value: unknown): string | null => (typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString() : null);

/** The caller as API.md §5 shows it; everything comes from the token (there is no user table). */
function profileOf(user: AuthUser, authEnabled: boolean) {
  const meta = (user.claims.user_metadata ?? {}) as Record<string, unknown>;
  return {
    id: user.id,
    email: user.email,
    display_name: authEnabled ? text(meta.full_name) ?? text(meta.name) : 'Local user',
    avatar_url: text(meta.avatar_url),
    created_at: isoSeconds(user.claims.iat),
    updated_at: isoSeconds(user.claims.iat),
  };
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const caller = (user: AuthUser | undefined) => {
    if (!user) throw unauthorized('Not authenticated');
    return user;
  };

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The caller, from the token' } }, async (request) => profileOf(caller(request.user), app.authEnabled));

  app.get('/auth/verify', { schema: { tags: ['auth'], summary: 'Check the token' } }, async (request) => {
    const user = caller(request.user);
    return { valid: true, user_id: user.id, email: user.email, auth_enabled: app.authEnabled };
  });
};
