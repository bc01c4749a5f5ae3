// Routes of the administration section.
import type { AppRoute } from '../../lib/route-types.js';
import { AccountsPage } from './accounts-page.js';
import { AdminHome } from './admin-frame.js';
import { DevicesPage } from './devices-page.js';
import { EnrolmentsPage } from './enrolments-page.js';
import { FacilitiesPage } from './facilities-page.js';
import { PersonDetailPage } from './person-detail-page.js';
import { PersonsPage } from './persons-page.js';

export const adminRoutes: AppRoute[] = [
  { path: '/admin', roles: ['admin'], title: 'admin.title', nav: { label: 'nav.admin', order: 60 }, view: () => <AdminHome /> },
  { path: '/admin/facilities', roles: ['admin'], title: 'admin.facilities.title', view: () => <FacilitiesPage /> },
  { path: '/admin/persons', roles: ['admin'], title: 'admin.persons.title', view: () => <PersonsPage /> },
  { path: '/admin/persons/:id', roles: ['admin'], title: 'admin.person.title', view: (p) => <PersonDetailPage id={p.id!} /> },
  { path: '/admin/devices', roles: ['admin'], title: 'admin.devices.title', view: () => <DevicesPage /> },
  { path: '/admin/enrolments', roles: ['admin'], title: 'admin.enrolments.title', view: () => <EnrolmentsPage /> },
  { path: '/admin/accounts', roles: ['admin'], title: 'admin.accounts.title', view: () => <AccountsPage /> },
];
