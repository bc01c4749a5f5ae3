// Routes of the programme-analysis section.
import type { AppRoute } from '../../lib/route-types.js';
import { AnalysisPage } from './analysis-page.js';

export const analysisRoutes: AppRoute[] = [
  {
    path: '/analysis',
    roles: ['program_staff'],
    title: 'analysis.title',
    nav: { label: 'nav.analysis', order: 50 },
    view: () => <AnalysisPage />,
  },
];
