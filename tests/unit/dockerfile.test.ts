import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const dockerfile = read('Dockerfile');
const stages = dockerfile.split(/^(?=FROM )/m).filter((s) => s.startsWith('FROM '));
const runtime = stages.at(-1)!;
const compose = parse(read('docker-compose.yml'), { merge: true });

describe('Dockerfile', () => {
  it('is multi-stage and runs on node:20-bookworm-slim as the non-root user node', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(runtime).toMatch(/^FROM node:20-bookworm-slim AS runtime$/m);
    expect(runtime).toMatch(/^USER node$/m);
    // nothing after USER switches back to root
    expect(runtime.slice(runtime.indexOf('USER node'))).not.toMatch(/^USER (root|0)\b/m);
  });

  it('copies only paths that exist, and no secrets or local data', () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)) {
      for (const src of m[1]!.split(' ')) expect(existsSync(new URL(`../../${src}`, import.meta.url)), src).toBe(true);
    }
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['.env', '.data', 'node_modules', 'deploy/mosquitto/passwd']) expect(ignored).toContain(p);
  });

  it('builds the web UI in its own stage and ships its output', () => {
    expect(dockerfile).toMatch(/npm run build:web/);
    expect(runtime).toMatch(/^COPY --from=web \/app\/api\/web\/dist \.\/api\/web\/dist$/m);
  });

  it('puts the entry point of every compose app service into the runtime image', () => {
    const copied = [...runtime.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    const apps = Object.values(compose.services as Record<string, { build?: unknown; command?: string[] }>).filter(
      (s) => s.build,
    );
    expect(apps.length).toBeGreaterThanOrEqual(5);
    for (const s of apps) {
      const entry = s.command![1]!;
      expect(
        copied.some((c) => entry.startsWith(`${c}/`)),
        entry,
      ).toBe(true);
    }
    expect(runtime).toMatch(/^COPY --from=prod-deps \/app\/node_modules \.\/node_modules$/m);
  });
});
