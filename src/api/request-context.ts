import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '../commands/handle-command.js';
import { unauthorized } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import type { Service } from '../service/service.js';

export { LOCAL_USER } from '../auth/index.js';

/** The caller's user id: owner of what it creates, actor on its events. Set by the auth hook (src/api/auth-hook.ts). */
export function actorOf(request: FastifyRequest): string {
  // Only public routes lack a user, and none of them reads or writes owned data; refusing is the safe answer.
  if (!request.user) throw unauthorized('Not authenticated');
  return request.user.id;
}

/** If-Match: "<version>" → the version the caller expects; a malformed header is a validation error. */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(String(header));
  if (!match) {
    throw new AppError('VALIDATION_ERROR', 'If-Match must be the session version in quotes, e.g. "3"', {
      details: { errors: [{ location: 'header', path: 'if-match', message: 'Expected "<version>"' }] },
    });
  }
  return Number(match[1]);
}

/** "now", the actor and the request's ids, fixed when the command is accepted and recorded on its events. */
export function commandContext(service: Service, request: FastifyRequest, options: { ifMatch?: boolean } = {}): CommandContext {
  const correlation = request.headers['x-correlation-id'];
  return {
    now: service.now(),
    metadata: {
      actor: actorOf(request),
      request_id: request.id,
      correlation_id: typeof correlation === 'string' && correlation.length <= 128 ? correlation : request.id,
      causation_id: null,
    },
    expectedVersion: options.ifMatch ? ifMatchVersion(request) : undefined,
  };
}
