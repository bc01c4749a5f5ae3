import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';

export interface MetricsServerOptions {
  /** A registry, or what collects one (the api's primary process sums its processes' metrics). */
  registry: Pick<Registry, 'metrics' | 'contentType'>;
  host: string;
  /** 0 picks a free port (tests, several replicas on one host); the chosen one is logged. */
  port: number;
  logger: Logger;
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * GET /metrics in the Prometheus text format on a port of its own: never on a public port, so
 * operational data needs no authentication scheme and cannot leak to the internet-facing app.
 */
export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        .end('method not allowed\n');
      return;
    }
    opts.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': opts.registry.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        opts.logger.error({ err }, 'metrics collection failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics collection failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `cannot serve metrics on ${opts.host}:${opts.port} (${err.code ?? err.message}); set the *_METRICS_PORT (0: any free port)`,
          { cause: err },
        ),
      ),
    );
    server.listen(opts.port, opts.host, () => {
      server.removeAllListeners('error');
      server.on('error', (err) => opts.logger.error({ err }, 'metrics server error'));
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  opts.logger.info({ host: opts.host, port }, 'metrics listening on /metrics');
  let closed: Promise<void> | undefined;
  return {
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // a scraper's keep-alive connection must not hold the process open at shutdown
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
