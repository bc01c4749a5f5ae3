import { ApiError } from './api-error.js';

/** 409: the change contradicts the registry's state (duplicate e-mail, overlapping enrolment). */
export class ConflictError extends ApiError {
  readonly statusCode = 409;

  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ConflictError';
  }
}
