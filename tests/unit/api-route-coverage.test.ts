import { describe, expect, it } from 'vitest';
import { renderOpenApiDocument } from '../../api/src/openapi/openapi-document.js';
import { OTHER_COVERED_ROUTES, PERSON_ROUTES, ROLE_ROUTES } from '../helpers/role-routes.js';

describe('access matrices', () => {
  it('cover every /v1 route of the api (add a new route to tests/helpers/role-routes.ts)', async () => {
    const doc = JSON.parse(await renderOpenApiDocument());
    const all = Object.entries(doc.paths as Record<string, object>)
      .filter(([p]) => p.startsWith('/v1/'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = new Set([
      ...PERSON_ROUTES,
      ...OTHER_COVERED_ROUTES,
      ...ROLE_ROUTES.map((r) => `${r.method} ${r.path.replace(/:\w+/g, '{id}')}`),
    ]);
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((r) => !covered.has(r)).sort()).toEqual([]);
  });
});
