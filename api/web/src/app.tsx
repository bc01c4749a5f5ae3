import { useEffect } from 'preact/hooks';
import { Layout } from './components/layout.js';
import { t } from './i18n/i18n.js';
import { authChecked, me } from './lib/auth.js';
import { currentPath, matchPath, navigate } from './lib/router.js';
import { LoginPage } from './pages/login-page.js';
import { ForbiddenPage, NotFoundPage } from './pages/status-pages.js';
import { HOME, routes } from './routes.js';

/** Picks the page for the path; unknown and not-allowed paths get their own pages. */
export function App() {
  const path = currentPath.value;
  const account = me.value;
  const pathname = path.split('?')[0] ?? '/';

  useEffect(() => {
    if (!authChecked.value) return;
    if (!account && !pathname.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(path)}`, true);
    else if (account && (pathname === '/' || pathname === '/login')) {
      const next = new URLSearchParams(path.split('?')[1] ?? '').get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : HOME[account.role], true);
    }
  }, [authChecked.value, account, path]);

  if (!authChecked.value)
    return (
      <p class="loading" role="status">
        {t('app.loading')}
      </p>
    );
  if (!account) return pathname.startsWith('/login') ? <LoginPage /> : null;

  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    const allowed = route.roles.includes(account.role);
    document.title = `${t(allowed ? route.title : 'forbidden.title')} | ${t('app.name')}`;
    return <Layout>{allowed ? route.view(params) : <ForbiddenPage />}</Layout>;
  }
  if (pathname === '/' || pathname === '/login') return null;
  document.title = `${t('notFound.title')} | ${t('app.name')}`;
  return (
    <Layout>
      <NotFoundPage />
    </Layout>
  );
}
