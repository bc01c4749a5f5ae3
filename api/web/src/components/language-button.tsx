import { lang, setLang, t } from '../i18n/i18n.js';

/** Switches between Japanese and English; its label is in the other language (lang marks it). */
export function LanguageButton() {
  const other = lang.value === 'ja' ? 'en' : 'ja';
  return (
    <button type="button" class="link-button" lang={other} onClick={() => setLang(other)}>
      {t('nav.language')}
    </button>
  );
}
