// Who is signed in (GET /v1/auth/me); null before the first answer settles it as signed out.
import { signal } from '@preact/signals';
import { ApiError, get, post, setUnauthorizedHandler } from './api-client.js';
import { currentPath, navigate } from './router.js';
import type { Me } from './types.js';

export const me = signal<Me | null>(null);
/** false until the first /v1/auth/me answer. */
export const authChecked = signal(false);

export async function loadMe(): Promise<void> {
  try {
    me.value = await get<Me>('/v1/auth/me');
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    me.value = null;
  } finally {
    authChecked.value = true;
  }
}

export function goToLogin(): void {
  me.value = null;
  const here = currentPath.value;
  if (!here.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here)}`, true);
}

setUnauthorizedHandler(goToLogin);

export async function logout(): Promise<void> {
  try {
    await post('/v1/auth/logout');
  } finally {
    me.value = null;
    navigate('/login', true);
  }
}
