import { t } from '../i18n/i18n.js';
import { ApiError } from '../lib/api-client.js';

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function ErrorNote({ error, retry }: { error: unknown; retry?: () => void }) {
  const detail = error instanceof ApiError ? `${error.status || ''} ${error.message}`.trim() : '';
  return (
    <div class="error" role="alert">
      <p>
        {t('app.error')}
        {detail && ` (${detail})`}
      </p>
      {retry && (
        <button type="button" class="secondary" onClick={retry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
