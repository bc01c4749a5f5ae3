import { ApiError } from './api-error.js';

/** 403: the caller is known but may not do this; `code` says why (no_consent, not_granted, ...). */
export class ForbiddenError extends ApiError {
  readonly statusCode = 403;

  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ForbiddenError';
  }
}
