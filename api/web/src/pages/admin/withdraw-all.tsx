// Withdraw every consent and revoke every grant at once; optionally erase the person's readings.
import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { post } from '../../lib/api-client.js';
import { say } from './say.js';
import { explainServerError } from './server-errors.js';

export function WithdrawAll({ personId, name, onDone }: { personId: string; name: string; onDone: (text: string) => void }) {
  const [erase, setErase] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (!confirm(t(erase ? 'admin.withdrawAll.confirmErase' : 'admin.withdrawAll.confirm', { name }))) return;
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ withdrawn: unknown[]; grantsRevoked: number; erased: boolean }>(`/v1/persons/${personId}/consents/withdraw-all`, { erase });
      onDone(t(r.erased ? 'admin.withdrawAll.doneErased' : 'admin.withdrawAll.done', { consents: r.withdrawn.length, grants: r.grantsRevoked }));
    } catch (err) {
      setError(say(explainServerError(err).form!));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card ad-danger" aria-labelledby="wa-title">
      <h2 id="wa-title">{t('admin.withdrawAll.title')}</h2>
      <p class="ad-help">{t('admin.withdrawAll.about')}</p>
      <div class="ad-check">
        <input type="checkbox" id="wa-erase" checked={erase} onChange={(e) => setErase(e.currentTarget.checked)} aria-describedby="wa-erase-help" />
        <label for="wa-erase">{t('admin.withdrawAll.erase')}</label>
        <p id="wa-erase-help" class="ad-help">
          {t('admin.withdrawAll.eraseHelp')}
        </p>
      </div>
      <div role="alert">{error && <p class="error">{error}</p>}</div>
      <button type="button" class="ad-danger-button" disabled={busy} onClick={() => void run()}>
        {t('admin.withdrawAll.submit')}
      </button>
    </section>
  );
}
