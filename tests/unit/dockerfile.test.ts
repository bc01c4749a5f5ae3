import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLES, type BundleName } from '../../scripts/build.js';

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

  it('bundles the sources of every compose app service in a build stage and runs the bundle', () => {
    const build = stages.find((s) => /^FROM deps AS build$/m.test(s))!;
    expect(build).toMatch(/^RUN npm run build\b/m);
    const copied = [...build.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    const apps = Object.values(compose.services as Record<string, { build?: unknown; command?: string[] }>).filter(
      (s) => s.build,
    );
    expect(apps.length).toBeGreaterThanOrEqual(5);
    for (const s of apps) {
      const [node, maps, bundle] = s.command!;
      expect([node, maps]).toEqual(['node', '--enable-source-maps']);
      const name = /^dist\/(.+)\.mjs$/.exec(bundle!)?.[1] as BundleName;
      const entry = BUNDLES[name];
      expect(entry, bundle).toBeDefined();
      expect(
        copied.some((c) => entry.startsWith(`${c}/`)),
        entry,
      ).toBe(true);
    }
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/api\.mjs"\]$/m);
    expect(runtime).toMatch(/^COPY --from=prod-deps \/app\/node_modules \.\/node_modules$/m);
    // what the bundles read beside themselves: the project root marker and the migrations
    expect(runtime).toMatch(/^COPY package\.json\b/m);
    expect(runtime).toMatch(/^COPY db \.\/db$/m);
  });
});
