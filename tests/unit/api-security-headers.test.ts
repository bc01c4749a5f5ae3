import { createServer, request, type ServerResponse } from 'node:http';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../api/src/security/security-headers.js';

const options = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

/** What helmet's own middleware puts on a real response. */
async function helmetOnAResponse(): Promise<Record<string, unknown>> {
  const server = createServer((req, res: ServerResponse) => {
    helmet(options)(req, res, () => res.end(JSON.stringify(res.getHeaders())));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>));
      })
        .on('error', reject)
        .end();
    });
  } finally {
    server.close();
  }
}

describe('security headers worked out once', () => {
  it('are the headers helmet sets on a response with the same options', async () => {
    expect(securityHeaders(options)).toEqual(await helmetOnAResponse());
  });

  it('keep the CSP without upgrade-insecure-requests and the usual hardening headers', () => {
    const h = securityHeaders(options);
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(Object.isFrozen(h)).toBe(true);
  });

  it('refuses options helmet refuses', () => {
    expect(() => securityHeaders({ referrerPolicy: { policy: 'nonsense' as never } })).toThrow(/Referrer-Policy/);
  });
});
