// A small history router: paths like /facility/residents/:id, links intercepted, focus moved on change.
import { signal } from '@preact/signals';

export const currentPath = signal(location.pathname + location.search);

export function navigate(to: string, replace = false): void {
  if (to === currentPath.value) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  currentPath.value = to;
}

addEventListener('popstate', () => {
  currentPath.value = location.pathname + location.search;
});

/** Same-origin <a> clicks go through the router (modifier clicks and new tabs stay with the browser). */
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  if (a.pathname.startsWith('/v1/') || a.pathname.startsWith('/docs')) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
});

export type Params = Record<string, string>;

/** Params when `pattern` (e.g. /facility/residents/:id) matches the path's pathname, else null. */
export function matchPath(pattern: string, path: string): Params | null {
  const pathname = path.split('?')[0] ?? '';
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = decodeURIComponent(got[i]!);
    if (w.startsWith(':')) params[w.slice(1)] = g;
    else if (w !== g) return null;
  }
  return params;
}

export function queryParam(name: string): string | null {
  return new URLSearchParams(currentPath.value.split('?')[1] ?? '').get(name);
}
