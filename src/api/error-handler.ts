import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, statusOf, type ErrorCode } from '../errors/index.js';
import { errorBody } from './error-body.js';
import { ReplayedResponse } from './idempotency.js';
import { publicFailure } from '../errors/public-failure.js';

type Location = 'body' | 'query' | 'path' | 'header' | 'multipart';
const LOCATIONS: Record<string, Location> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

function send(reply: FastifyReply, code: ErrorCode, detail: string, extra: Parameters<typeof errorBody>[2] = {}) {
  return reply.status(statusOf(code)).type('application/json; charset=utf-8').send(errorBody(code, detail, extra));
}

/** Fastify's own errors for things a client sent, mapped to catalogue codes; anything else is a 500. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; detail: string; location?: Location }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'FILE_TOO_LARGE', detail: 'Request body is larger than 1 MiB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'VALIDATION_ERROR', detail: 'Unsupported Content-Type', location: 'header' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_ERROR', detail: 'Invalid Content-Length', location: 'header' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_ERROR', detail: 'Empty JSON body', location: 'body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_ERROR', detail: 'Malformed JSON body', location: 'body' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'VALIDATION_ERROR', detail: 'Expected a multipart/form-data request with a file in field "file"', location: 'multipart' },
  FST_REQ_FILE_TOO_LARGE: { code: 'FILE_TOO_LARGE', detail: 'File is too large' },
  FST_PARTS_LIMIT: { code: 'VALIDATION_ERROR', detail: 'Too many multipart parts', location: 'multipart' },
  FST_FILES_LIMIT: { code: 'VALIDATION_ERROR', detail: 'Send exactly one file in field "file"', location: 'multipart' },
  FST_FIELDS_LIMIT: { code: 'VALIDATION_ERROR', detail: 'Too many multipart fields', location: 'multipart' },
  FST_PROTO_VIOLATION: { code: 'VALIDATION_ERROR', detail: 'Forbidden property name in JSON body', location: 'body' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_ERROR', detail: 'Request validation failed' },
};

/**
 * 503 with Retry-After. The client gets a fixed sentence naming what is down; the upstream reason (Redis, Postgres,
 * Storage text) goes only to the log.
 */
function unavailable(request: FastifyRequest, reply: FastifyReply, error: unknown, detail: string) {
  request.log.warn({ err: error, reason: (error as { reason?: string }).reason }, 'dependency unavailable');
  reply.header('Retry-After', '5');
  return send(reply, 'SERVICE_UNAVAILABLE', detail, { suggestion: 'Retry in a few seconds.' });
}

/** What @fastify/busboy throws for a truncated or malformed multipart body (it sets no status code). */
const MULTIPART_ERRORS = /^(Unexpected end of multipart data|Malformed part header|Multipart: Boundary not found|Part terminated early.*)$/;

/**
 * `__proto__` or `constructor.prototype` keys (also spelled with \u escapes): refused like Fastify's own parser
 * does, so no handler ever sees an object that could pollute a prototype when merged.
 */
export function hasForbiddenKey(text: string): boolean {
  if (!/proto|\\u/.test(text)) return false;
  let found = false;
  JSON.parse(text, function (key, value) {
    if (key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)) found = true;
    return value;
  });
  return found;
}

/** Errors the router raises before any hook runs (a path parameter over 100 characters, a malformed URL). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('X-Request-Id', request.id);
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const message = tooLong ? 'A path parameter is too long' : 'Malformed URL';
  return send(reply, 'VALIDATION_ERROR', message, { details: { errors: [{ location: 'path', path: '', message }] } });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ReplayedResponse) {
      return reply.status(error.status).headers({ ...error.headers, 'idempotency-replayed': 'true' }).send(error.body);
    }
    const failure = publicFailure(error);
    if (failure.code === 'SERVICE_UNAVAILABLE') return unavailable(request, reply, error, failure.detail);
    if (error instanceof AppError) {
      return send(reply, error.code, error.message, { suggestion: error.suggestion, details: error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
      const errors = error.validation.map((issue) => ({
        location,
        path: issue.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: issue.message ?? 'Invalid value',
      }));
      const first = errors[0];
      const where = first?.path ? `${location} ${first.path}` : location;
      return send(reply, 'VALIDATION_ERROR', `Invalid ${where}: ${first?.message ?? 'invalid value'}`, { details: { errors } });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) {
      const details = known.location ? { errors: [{ location: known.location, path: '', message: known.detail }] } : undefined;
      return send(reply, known.code, known.detail, { details });
    }
    if (error.statusCode === undefined && MULTIPART_ERRORS.test(error.message)) {
      return send(reply, 'VALIDATION_ERROR', 'Malformed multipart body', { details: { errors: [{ location: 'multipart', path: '', message: error.message }] } });
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, 'VALIDATION_ERROR', 'The request could not be processed', {
        details: { errors: [{ location: 'body', path: '', message: 'Malformed request' }] },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 'INTERNAL_ERROR', 'An unexpected error occurred', { details: { request_id: request.id } });
  });
}

/** 404 for unknown routes, 405 for a known path with the wrong method. */
export function registerNotFound(app: FastifyInstance, routes: { method: string; pattern: RegExp }[]): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // OPTIONS is the CORS preflight route on every path ('*'): it says nothing about which paths exist.
    const methods = routes.filter((r) => r.method !== 'OPTIONS' && r.pattern.test(path)).map((r) => r.method);
    if (methods.length > 0) {
      reply.header('Allow', [...new Set(methods)].join(', '));
      return send(reply, 'METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed on ${path}`);
    }
    return send(reply, 'NOT_FOUND', `Not found: ${request.method} ${path}`, { suggestion: 'See /docs for the API.' });
  });
}

/** Turns a route URL such as /api/v1/sessions/:id into a matcher for concrete paths. */
export function routePattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}
