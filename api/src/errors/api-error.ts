/**
 * Base of the errors the API turns into a response: each subclass fixes the HTTP status and the
 * machine-readable code of the uniform body `{ error: { code, message, requestId } }`.
 */
export abstract class ApiError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  /** Extra response headers (e.g. WWW-Authenticate). */
  readonly headers: Record<string, string> = {};
}
