import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectPath } from '../../../core/src/index.js';

/** Where `npm run build:web` puts the web UI. */
export const DEFAULT_WEB_DIR = projectPath('api', 'web', 'dist');

/** Paths the single-page app never answers: the API, its documentation, the probes and /metrics (own port). */
const NOT_THE_APP = /^\/(v1|docs|healthz|readyz|metrics)(\/|$|\?)/;
const ASSET = /\/[^/]+\.[A-Za-z0-9]+$/;

const NOT_BUILT =
  'The Mimamori web UI has not been built yet. Run `npm run build:web` (or `npm run demo`), then reload.\n' +
  'Mimamori の画面がまだビルドされていません。`npm run build:web` を実行してから再読み込みしてください。\n';

/**
 * Serves the built web UI at / with a fallback to index.html for the app's own paths (history
 * routing). Hashed assets are cached for good; index.html never, so a new build shows at once.
 * When the build is missing, the app's paths answer 503 with what to do instead.
 */
export async function registerWebUi(app: FastifyInstance, dir: string = DEFAULT_WEB_DIR): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  const built = () => existsSync(join(dir, 'index.html'));

  const sendIndex = (reply: FastifyReply) => {
    if (!built()) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };

  app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (NOT_THE_APP.test(path)) return reply.callNotFound();
    if (!ASSET.test(path)) return sendIndex(reply);
    const immutable = path.startsWith('/assets/');
    return reply.sendFile(path.slice(1), { cacheControl: true, immutable, maxAge: immutable ? '365d' : 0 });
  });
}
