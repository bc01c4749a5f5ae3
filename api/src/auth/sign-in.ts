import {
  acceptTotpStep,
  clearLoginFailures,
  createSession,
  findAccountByEmail,
  lockedForMs,
  recordLoginFailure,
  verifyPassword,
  type AccountSecrets,
  type LockoutPolicy,
  type PgPool,
} from '../../../core/src/index.js';
import { SignInFailedError } from '../errors/sign-in-failed.error.js';
import { TooManyRequestsError } from '../errors/too-many-requests.error.js';
import { checkTotp } from './totp.js';

export interface SignInOptions {
  pool: PgPool;
  lockout: LockoutPolicy;
  sessionTtlMs: number;
}

export interface SignInInput {
  email: string;
  password: string;
  totpCode?: string | undefined;
}

async function refuseWhileLocked(pool: PgPool, email: string): Promise<void> {
  const ms = await lockedForMs(pool, email);
  if (ms > 0) throw new TooManyRequestsError('account_locked', 'too many failed sign-ins: try again later', ms);
}

/**
 * Checks the password (and the one-time code when the account has two-factor sign-in) under
 * the per-e-mail lock-out; every failure counts, whether or not the e-mail has an account.
 * Throws SignInFailedError with the account it concerned (if any) in `cause`.
 */
export async function confirmCredentials(
  o: Pick<SignInOptions, 'pool' | 'lockout'>,
  input: SignInInput,
): Promise<AccountSecrets> {
  await refuseWhileLocked(o.pool, input.email);
  const found = await findAccountByEmail(o.pool, input.email);
  const account = found && !found.disabled ? found : null;
  const fail = async (code: 'invalid_credentials' | 'invalid_totp') => {
    await recordLoginFailure(o.pool, input.email, o.lockout);
    return new SignInFailedError(code, { cause: account });
  };
  const ok = await verifyPassword(input.password, account?.passwordHash ?? null);
  if (!ok || !account) throw await fail('invalid_credentials');
  if (account.totpEnabled) {
    if (!input.totpCode) throw new SignInFailedError('totp_required', { cause: account });
    const step = await checkTotp(account.totpSecret!, input.totpCode, account.totpLastStep);
    if (step === null) throw await fail('invalid_totp');
    await acceptTotpStep(o.pool, account.id, step);
  }
  await clearLoginFailures(o.pool, input.email);
  return account;
}

/** Signs in: credentials, then a new server-side session. */
export async function signIn(o: SignInOptions, input: SignInInput, clientAddress: string) {
  const account = await confirmCredentials(o, input);
  const session = await createSession(o.pool, account.id, o.sessionTtlMs, clientAddress);
  return { account, session };
}
