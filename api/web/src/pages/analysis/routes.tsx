// Routes of the programme-analysis section (replace the placeholder with the real pages).
import { Placeholder } from '../../components/placeholder.js';
import type { AppRoute } from '../../lib/route-types.js';

export const analysisRoutes: AppRoute[] = [
  {
    path: '/analysis',
    roles: ['program_staff'],
    title: 'analysis.title',
    nav: { label: 'nav.analysis', order: 50 },
    view: () => <Placeholder title="analysis.title" />,
  },
];
