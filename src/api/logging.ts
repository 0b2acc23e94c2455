import { LogController, type FastifyServerOptions, type RawRequestDefaultExpression } from 'fastify';

/** Query parameters whose values are credentials (the WebSocket takes its token as ?token=). */
const SECRET_QUERY = /([?&](?:token|access_token|apikey|api_key|key)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

function correlationOf(raw: RawRequestDefaultExpression, requestId: unknown): unknown {
  const header = raw.headers['x-correlation-id'];
  return typeof header === 'string' && header.length > 0 && header.length <= 128 ? header : requestId;
}

/**
 * Structured pino logs: every line of a request carries `request_id` and `correlation_id` (the caller's
 * X-Correlation-Id, else the request id), request lines show method and path with credentials cut out, and
 * headers (Authorization, cookies) are never logged. Bodies and file contents never are: nothing logs them.
 */
export function loggingOptions(level: string): Pick<FastifyServerOptions, 'logger' | 'logController' | 'childLoggerFactory'> {
  return {
    logger: {
      level,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactUrl(request.url), remote_address: request.ip }),
        res: (reply: { statusCode: number }) => ({ status: reply.statusCode }),
      },
    },
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    childLoggerFactory(logger, bindings, options, raw) {
      return logger.child({ ...bindings, correlation_id: correlationOf(raw, bindings.request_id) }, options);
    },
  };
}
