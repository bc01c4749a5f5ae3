import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { createInfluxClient, createLogger, createPgPool, parseConfig, projectPath } from '../../../core/src/index.js';
import { buildApp } from '../app.js';
import { apiConfigSchema } from '../config.js';

/** Where the committed OpenAPI document lives (a unit test fails when it is stale). */
export const OPENAPI_FILE = pathToFileURL(projectPath('api', 'openapi.json'));

/**
 * The OpenAPI document of the api as served at /docs/json, rendered without touching any store:
 * the clients are created but never connect.
 */
export async function renderOpenApiDocument(): Promise<string> {
  const redis = new Redis({ lazyConnect: true });
  const pool = createPgPool('postgres://render@127.0.0.1:1/none', 1);
  const app = await buildApp({
    config: parseConfig(apiConfigSchema, { DATABASE_URL: 'postgres://render@127.0.0.1:1/none' }),
    cookieSecret: 'x'.repeat(32),
    logger: createLogger({ service: 'api', level: 'silent' }),
    pool,
    redis,
    influx: createInfluxClient({ url: 'http://127.0.0.1:1', database: 'none' }),
  });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await pool.end();
    redis.disconnect();
  }
}
