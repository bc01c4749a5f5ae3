// Per-role two-factor requirement (PUT /v1/security/roles/:role): one switch per role.
import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { api, get } from '../../lib/api-client.js';
import { roleLabel } from './account-forms.js';
import type { Items } from './schemas.js';
import { say } from './say.js';
import { explainServerError } from './server-errors.js';
import { useResource } from './use-resource.js';

type RoleSecurity = { role: string; totpRequired: boolean };

export function RoleSecurity() {
  const roles = useResource(() => get<Items<RoleSecurity>>('/v1/security/roles'));
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (r: RoleSecurity) => {
    setError(null);
    try {
      await api('PUT', `/v1/security/roles/${r.role}`, { body: { totpRequired: !r.totpRequired } });
      setMessage(t(r.totpRequired ? 'admin.security.off' : 'admin.security.on', { role: roleLabel(r.role) }));
      await roles.reload();
    } catch (err) {
      setError(say(explainServerError(err).form!));
    }
  };
  return (
    <section class="card" aria-labelledby="sec-title">
      <h2 id="sec-title">{t('admin.security.title')}</h2>
      <p class="ad-help">{t('admin.security.about')}</p>
      <div role="alert">{error && <p class="error">{error}</p>}</div>
      <p role="status" class="ad-notice">
        {message ?? ''}
      </p>
      {roles.error && <p class="error">{say(roles.error)}</p>}
      <ul class="ad-switches">
        {(roles.data?.items ?? []).map((r) => (
          <li key={r.role} class="ad-check">
            <input type="checkbox" id={`sec-${r.role}`} checked={r.totpRequired} onChange={() => void toggle(r)} />
            <label for={`sec-${r.role}`}>{t('admin.security.require', { role: roleLabel(r.role) })}</label>
          </li>
        ))}
      </ul>
    </section>
  );
}
