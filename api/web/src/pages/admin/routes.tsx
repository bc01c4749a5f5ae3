// Routes of the administration section (replace the placeholder with the real pages, e.g. /admin/accounts).
import { Placeholder } from '../../components/placeholder.js';
import type { AppRoute } from '../../lib/route-types.js';

export const adminRoutes: AppRoute[] = [
  {
    path: '/admin',
    roles: ['admin'],
    title: 'admin.title',
    nav: { label: 'nav.admin', order: 60 },
    view: () => <Placeholder title="admin.title" />,
  },
];
