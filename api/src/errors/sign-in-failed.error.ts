import { ApiError } from './api-error.js';

const MESSAGES = {
  invalid_credentials: 'e-mail address or password is wrong',
  totp_required: 'this account signs in with a one-time code: send totpCode',
  invalid_totp: 'the one-time code is wrong or was already used',
} as const;

/** 401 of a sign-in (or re-authentication) that did not succeed; never says which part was wrong. */
export class SignInFailedError extends ApiError {
  readonly statusCode = 401;

  constructor(
    readonly code: keyof typeof MESSAGES,
    options?: ErrorOptions,
  ) {
    super(MESSAGES[code], options);
    this.name = 'SignInFailedError';
  }
}
