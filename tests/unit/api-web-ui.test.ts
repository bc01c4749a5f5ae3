import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../api/src/errors/error-handler.js';
import { registerWebUi } from '../../api/src/web/web-ui.js';

async function appFor(dir: string) {
  const app = Fastify();
  registerErrorHandler(app);
  app.get('/v1/known', async () => ({ ok: true }));
  await registerWebUi(app, dir);
  return app;
}

describe('web UI serving', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mimamori-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>みまもり</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves index.html at / and at the app paths (history routing), never cached', async () => {
    const app = await appFor(dir);
    for (const url of ['/', '/login', '/facility/residents/8f0c6f7e-4c1e-4d6c-9a55-0d5a1c6f4b11', '/me?person=x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('みまもり');
    }
  });

  it('serves hashed assets for good and answers 404 for missing files', async () => {
    const app = await appFor(dir);
    const js = await app.inject({ url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect(js.body).toBe('console.log(1)');
    const missing = await app.inject({ url: '/assets/nope-1.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('never answers API, documentation or probe paths with the app', async () => {
    const app = await appFor(dir);
    expect((await app.inject({ url: '/v1/known' })).json()).toEqual({ ok: true });
    for (const url of ['/v1/unknown', '/v1', '/docs/nothing', '/healthz', '/readyz']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('not_found');
    }
  });

  it('does not leave the build directory', async () => {
    const app = await appFor(join(dir, 'assets'));
    const res = await app.inject({ url: '/..%2Findex.html' });
    expect(res.body).not.toContain('みまもり');
  });

  it('answers 503 with what to do when the web UI is not built', async () => {
    const app = await appFor(join(dir, 'missing'));
    for (const url of ['/', '/facility/roster']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.body).toContain('npm run build:web');
    }
  });
});
