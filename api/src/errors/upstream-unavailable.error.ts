import { ApiError } from './api-error.js';

/** 503: a store the answer depends on did not answer; the client may retry later. */
export class UpstreamUnavailableError extends ApiError {
  readonly statusCode = 503;
  readonly code = 'upstream_unavailable';

  constructor(
    readonly upstream: string,
    options?: ErrorOptions,
  ) {
    super(`${upstream} is not available, try again later`, options);
    this.name = 'UpstreamUnavailableError';
  }
}
