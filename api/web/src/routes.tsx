// Every page of the app: who may open it and whether the navigation links it. Sections add theirs.
import type { AppRoute } from './lib/route-types.js';
import type { Role } from './lib/types.js';
import { adminRoutes } from './pages/admin/routes.js';
import { analysisRoutes } from './pages/analysis/routes.js';
import { AlertsPage } from './pages/alerts-page.js';
import { ContestPage } from './pages/contest-page.js';
import { MyDataPage } from './pages/my-data-page.js';
import { ResidentPage } from './pages/resident-page.js';
import { RosterPage } from './pages/roster-page.js';

export const ALL_ROLES: readonly Role[] = ['self', 'family', 'care_staff', 'program_staff', 'admin'];

export const routes: AppRoute[] = [
  {
    path: '/me',
    roles: ['self', 'family'],
    title: 'me.title',
    nav: { label: 'nav.me', order: 10 },
    view: () => <MyDataPage />,
  },
  {
    path: '/facility/roster',
    roles: ['care_staff'],
    title: 'roster.title',
    nav: { label: 'nav.roster', order: 20 },
    view: () => <RosterPage />,
  },
  {
    path: '/facility/alerts',
    roles: ['care_staff'],
    title: 'alerts.title',
    nav: { label: 'nav.alerts', order: 30 },
    view: () => <AlertsPage />,
  },
  {
    path: '/facility/residents/:id',
    roles: ['care_staff'],
    title: 'roster.title',
    view: (p) => <ResidentPage id={p.id!} />,
  },
  {
    path: '/contest',
    roles: ALL_ROLES,
    title: 'contest.title',
    nav: { label: 'nav.contest', order: 40 },
    view: () => <ContestPage />,
  },
  ...analysisRoutes,
  ...adminRoutes,
];

/** Where "/" and a fresh sign-in lead. */
export const HOME: Record<Role, string> = {
  self: '/me',
  family: '/me',
  care_staff: '/facility/roster',
  program_staff: '/analysis',
  admin: '/admin',
};
