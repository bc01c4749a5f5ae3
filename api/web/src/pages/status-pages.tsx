import { t } from '../i18n/i18n.js';

export function ForbiddenPage() {
  return (
    <section class="status-page" data-testid="forbidden">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <p>
        <a href="/">{t('home.link')}</a>
      </p>
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section class="status-page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('home.link')}</a>
      </p>
    </section>
  );
}
