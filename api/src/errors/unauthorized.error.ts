import { ApiError } from './api-error.js';

/** 401 with a Bearer challenge (RFC 6750): no credentials, or credentials that do not match. */
export class UnauthorizedError extends ApiError {
  readonly statusCode = 401;
  readonly code = 'unauthorized';

  constructor(reason: 'missing' | 'invalid', options?: ErrorOptions) {
    super(
      reason === 'missing'
        ? 'sign in (session cookie) or send "Authorization: Bearer <token>"'
        : 'the session or bearer token is not valid',
      options,
    );
    this.name = 'UnauthorizedError';
    this.headers['www-authenticate'] =
      reason === 'missing' ? 'Bearer realm="mimamori"' : 'Bearer realm="mimamori", error="invalid_token"';
  }
}
