// A secret the server shows once (a watch's MQTT password, an initial account password).
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';

export interface Secret {
  title: string;
  rows: Array<{ label: string; value: string }>;
}

export function SecretBox({ secret, onClose }: { secret: Secret; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => heading.current?.focus(), [secret]);
  return (
    <div class="card ad-secret" role="region" aria-labelledby="secret-title" data-testid="secret">
      <h2 id="secret-title" ref={heading} tabIndex={-1}>
        {secret.title}
      </h2>
      <p class="ad-warning">{t('admin.secret.once')}</p>
      <dl>
        {secret.rows.map((r) => (
          <div key={r.label}>
            <dt>{r.label}</dt>
            <dd>
              <code class="ad-secret-value">{r.value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <div class="row-actions">
        <button
          type="button"
          class="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(secret.rows.map((r) => `${r.label}: ${r.value}`).join('\n')).then(() => setCopied(true));
          }}
        >
          {t('admin.secret.copy')}
        </button>
        <button type="button" onClick={onClose}>
          {t('admin.secret.done')}
        </button>
      </div>
      <p role="status">{copied ? t('admin.secret.copied') : ''}</p>
    </div>
  );
}
