import { t, type MessageKey } from '../i18n/i18n.js';

export function Placeholder({ title }: { title: MessageKey }) {
  return (
    <section>
      <h1>{t(title)}</h1>
      <p>{t('placeholder.body')}</p>
    </section>
  );
}
