import { ApiError } from './api-error.js';

/** 429 with Retry-After: too many requests or failed sign-ins; try again later. */
export class TooManyRequestsError extends ApiError {
  readonly statusCode = 429;

  constructor(
    readonly code: string,
    message: string,
    retryAfterMs: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TooManyRequestsError';
    this.headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }
}
