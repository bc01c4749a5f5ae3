import { createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testEnv, uniqueId } from '../helpers/env.js';
import { startProcess, waitForLog } from '../helpers/processes.js';

/** One request on its own connection (no keep-alive reuse): status, or the socket error code. */
const call = (url: string) =>
  new Promise<number | string>((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    req.end();
  });

describe('the api process', () => {
  it('answers the requests in flight when stopped with SIGTERM, then exits 0', async () => {
    const env = testEnv();
    // an InfluxDB that answers its ping after a second keeps /readyz requests in flight
    const slowInflux = createHttpServer((_req, res) => setTimeout(() => res.writeHead(204).end(), 1000));
    await new Promise<void>((r) => slowInflux.listen(0, '127.0.0.1', r));
    const probe = createHttpServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));

    const api = startProcess('api', {
      REDIS_URL: env.REDIS_URL,
      INFLUX_URL: `http://127.0.0.1:${(slowInflux.address() as AddressInfo).port}`,
      INFLUX_DB: uniqueId('apiproc'),
      DATABASE_URL: env.TEST_DATABASE_URL,
      API_PORT: String(port),
      OPERATOR_TOKEN: 'x'.repeat(40),
    });
    await waitForLog(api, /Server listening/);
    const base = `http://127.0.0.1:${port}`;
    expect(await call(`${base}/healthz`)).toBe(200);

    const inFlight = Array.from({ length: 10 }, () => call(`${base}/readyz`));
    await waitForLog(api, /("url":"\/readyz"[\s\S]*){10}/, 10_000);
    api.child.kill('SIGTERM');
    expect(await Promise.all(inFlight)).toEqual(Array(10).fill(200));
    expect(await api.exited).toBe(0);
    expect(await call(`${base}/healthz`)).toBe('ECONNREFUSED');
    await new Promise((r) => slowInflux.close(r));
  });
});
