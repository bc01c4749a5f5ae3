import { ApiError } from './api-error.js';

export class NotFoundError extends ApiError {
  readonly statusCode = 404;
  readonly code = 'not_found';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}
