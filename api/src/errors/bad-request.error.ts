import { ApiError } from './api-error.js';

/** 400 for a request that is well-formed but cannot be carried out as asked. */
export class BadRequestError extends ApiError {
  readonly statusCode = 400;

  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BadRequestError';
  }
}
