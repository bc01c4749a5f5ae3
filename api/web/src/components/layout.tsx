import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { logout, me } from '../lib/auth.js';
import { currentPath } from '../lib/router.js';
import { routes } from '../routes.js';
import { LanguageButton } from './language-button.js';

/** Header with the role's navigation, language switch and sign-out; focus goes to the page on navigation. */
export function Layout({ children }: { children: ComponentChildren }) {
  const account = me.value!;
  const path = currentPath.value.split('?')[0] ?? '/';
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // screen readers hear the new page; the first render keeps the browser's own focus
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
  const links = routes
    .filter((r) => r.nav && r.roles.includes(account.role))
    .sort((a, b) => a.nav!.order - b.nav!.order);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t('app.skip')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="app-name">{t('app.name')}</span>
          <span class="who">{t('nav.signedInAs', { name: account.displayName, role: t(`role.${account.role}`) })}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {links.map((r) => {
              const active = path === r.path || path.startsWith(`${r.path}/`);
              return (
                <li key={r.path}>
                  <a href={r.path} aria-current={active ? 'page' : undefined}>
                    {t(r.nav!.label)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div class="tools">
          <LanguageButton />
          <button type="button" class="link-button" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
