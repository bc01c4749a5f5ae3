import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from 'fastify-type-provider-zod';
import { InfluxError } from '../../../core/src/index.js';
import type { ErrorBody } from '../schemas/error.schema.js';
import { ApiError } from './api-error.js';

type Issue = { path: string; message: string };

interface Mapped {
  status: number;
  code: string;
  message: string;
  issues?: Issue[];
  headers?: Record<string, string>;
}

const CLIENT_ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Maps an error to status, code and a message safe to show; unknown errors reveal nothing. */
export function mapError(err: unknown): Mapped {
  if (err instanceof ApiError) {
    return { status: err.statusCode, code: err.code, message: err.message, headers: err.headers };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'request';
    const issues = err.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    return {
      status: 400,
      code: 'invalid_request',
      message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
    };
  }
  if (err instanceof InfluxError && err.retryable) {
    return { status: 503, code: 'upstream_unavailable', message: 'influxdb is not available, try again later' };
  }
  const pg = pgConstraintError(err);
  if (pg) return pg;
  if (err instanceof ResponseSerializationError) {
    return { status: 500, code: 'internal', message: 'internal error' };
  }
  // Fastify's own client errors (bad JSON, wrong content type, body too large) carry safe messages.
  const status = (err as FastifyError)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: CLIENT_ERROR_CODES[status] ?? 'client_error', message: (err as Error).message };
  }
  return { status: 500, code: 'internal', message: 'internal error' };
}

/** Constraint violations of PostgreSQL as client errors, without naming tables or values. */
function pgConstraintError(err: unknown): Mapped | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !(err instanceof Error) || !('severity' in err)) return null;
  if (code === '23505') return { status: 409, code: 'conflict', message: 'already exists' };
  if (code === '23P01') return { status: 409, code: 'overlap', message: 'overlaps an existing period' };
  if (code === '23503')
    return { status: 400, code: 'invalid_reference', message: 'a referenced record does not exist' };
  if (code === '23514' || code === '22P02' || code === '22007' || code === '22008') {
    return { status: 400, code: 'invalid_request', message: 'a value is out of range or malformed' };
  }
  return null;
}

export function errorBody(code: string, message: string, requestId: string, issues?: Issue[]): ErrorBody {
  return { error: { code, message, requestId, ...(issues ? { issues } : {}) } };
}

/** The API's one error handler and its 404 for unknown routes. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const m = mapError(err);
    if (m.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: m.code, status: m.status, message: m.message }, 'request rejected');
    if (m.headers) void reply.headers(m.headers);
    return reply.code(m.status).send(errorBody(m.code, m.message, req.id, m.issues));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    return reply.code(404).send(errorBody('not_found', `no route ${req.method} ${path}`, req.id));
  });
}
