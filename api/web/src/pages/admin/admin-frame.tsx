// Frame of every administration page: the section's own menu, the heading, a live region for outcomes.
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { currentPath } from '../../lib/router.js';
import './admin.css';

export const SECTIONS: Array<{ path: string; label: MessageKey; about: MessageKey }> = [
  { path: '/admin/facilities', label: 'admin.facilities.title', about: 'admin.facilities.about' },
  { path: '/admin/persons', label: 'admin.persons.title', about: 'admin.persons.about' },
  { path: '/admin/devices', label: 'admin.devices.title', about: 'admin.devices.about' },
  { path: '/admin/enrolments', label: 'admin.enrolments.title', about: 'admin.enrolments.about' },
  { path: '/admin/accounts', label: 'admin.accounts.title', about: 'admin.accounts.about' },
];

export function AdminFrame({ title, intro, children }: { title: string; intro?: string; children: ComponentChildren }) {
  const path = currentPath.value.split('?')[0] ?? '';
  return (
    <section class="ad-page">
      <nav aria-label={t('admin.menu')} class="ad-menu">
        <ul>
          <li>
            <a href="/admin" aria-current={path === '/admin' ? 'page' : undefined}>
              {t('admin.home')}
            </a>
          </li>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <a href={s.path} aria-current={path === s.path ? 'page' : path.startsWith(`${s.path}/`) ? 'true' : undefined}>
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {intro && <p>{intro}</p>}
      {children}
    </section>
  );
}

/** A one-line outcome ("施設を登録しました") read out by screen readers. */
export function Notice({ text }: { text: string | null }) {
  return (
    <p role="status" class="ad-notice">
      {text ?? ''}
    </p>
  );
}

export function AdminHome() {
  return (
    <AdminFrame title={t('admin.title')} intro={t('admin.intro')}>
      <ul class="ad-home">
        {SECTIONS.map((s) => (
          <li key={s.path} class="card">
            <h2>
              <a href={s.path}>{t(s.label)}</a>
            </h2>
            <p>{t(s.about)}</p>
          </li>
        ))}
      </ul>
      <p class="muted">{t('admin.consentsHint')}</p>
    </AdminFrame>
  );
}
