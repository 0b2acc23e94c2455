import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '../commands/handle-command.js';
import { AppError } from '../errors/index.js';
import type { Service } from '../service/service.js';

/** With auth off, one local user owns everything (API.md §2). */
export const LOCAL_USER = '00000000-0000-0000-0000-000000000000';

export function actorOf(_request: FastifyRequest): string {
  return LOCAL_USER;
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
