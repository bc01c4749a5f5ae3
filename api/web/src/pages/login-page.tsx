import { useEffect, useRef, useState } from 'preact/hooks';
import { LanguageButton } from '../components/language-button.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { ApiError, post } from '../lib/api-client.js';
import { loadMe } from '../lib/auth.js';
import type { Me } from '../lib/types.js';

interface LoginResult {
  account: Me;
  totpSetupRequired: boolean;
}

function messageOf(err: unknown): MessageKey {
  if (err instanceof ApiError) {
    if (err.code === 'invalid_totp') return 'login.totpFailed';
    if (err.status === 429) return 'login.locked';
    if (err.status === 401) return 'login.failed';
  }
  return 'app.error';
}

/** E-mail and password, then (when the account has two-factor sign-in) the six-digit code. */
export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${t(step === 'totp' ? 'login.totpTitle' : 'login.title')} | ${t('app.name')}`;
    if (step === 'totp') heading.current?.focus();
  }, [step]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = step === 'totp' ? { email, password, totpCode: code } : { email, password };
      const result = await post<LoginResult>('/v1/auth/login', body);
      if (result.totpSetupRequired) setError('login.totpSetup');
      await loadMe();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') setStep('totp');
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <h1 class="app-title">{t('app.name')}</h1>
      <form onSubmit={submit} class="card" aria-describedby={error ? 'login-error' : undefined}>
        <h2 ref={heading} tabIndex={-1}>
          {t(step === 'totp' ? 'login.totpTitle' : 'login.title')}
        </h2>
        {step === 'password' ? (
          <>
            <label for="email">{t('login.email')}</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <label for="password">{t('login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </>
        ) : (
          <>
            <p id="totp-help">{t('login.totpHelp')}</p>
            <label for="totp">{t('login.totp')}</label>
            <input
              id="totp"
              name="totp"
              inputMode="numeric"
              autocomplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              required
              aria-describedby="totp-help"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value.trim())}
            />
          </>
        )}
        {error && (
          <p id="login-error" class="error" role="alert">
            {t(error)}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t(step === 'totp' ? 'login.totpSubmit' : 'login.submit')}
        </button>
        {step === 'totp' && (
          <button type="button" class="link-button" onClick={() => (setStep('password'), setCode(''), setError(null))}>
            {t('login.back')}
          </button>
        )}
      </form>
      <LanguageSwitch />
    </main>
  );
}

function LanguageSwitch() {
  return (
    <p class="lang-switch">
      <LanguageButton />
    </p>
  );
}
