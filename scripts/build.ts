// npm run build [-- --force]: bundles every process and operational script that production runs
// into dist/<name>.mjs (esbuild: ESM for Node 20, packages stay in node_modules, source maps).
// Run a bundle with `node --enable-source-maps dist/<name>.mjs`. Skipped when dist/ is newer than
// every file that went into it.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(root, 'dist');
const META = join(DIST, 'build-meta.json');

/** Bundle name -> entry point. The Dockerfile and docker-compose.yml run dist/<name>.mjs. */
export const BUNDLES = {
  ingest: 'ingest/src/main.ts',
  workers: 'workers/src/main.ts',
  api: 'api/src/main.ts',
  'device-sim': 'device-sim/src/main.ts',
  migrate: 'scripts/migrate.ts',
  'admin-create': 'scripts/admin-create.ts',
  dlq: 'scripts/dlq.ts',
  'broker-sync': 'scripts/broker-sync.ts',
} as const;
export type BundleName = keyof typeof BUNDLES;

/** Files that change every bundle besides its own inputs. */
const ALWAYS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.ts'];

interface BuildMeta {
  entries: Record<string, string>;
  /** When esbuild began reading the sources (ms since epoch). */
  startedAt: number;
  inputs: string[];
}

/** Absolute path of a bundle. */
export const bundlePath = (name: BundleName): string => join(DIST, `${name}.mjs`);

/** The reason to rebuild, or null when every bundle is newer than all its inputs. */
export function staleReason(): string | null {
  let meta: BuildMeta;
  try {
    meta = JSON.parse(readFileSync(META, 'utf8')) as BuildMeta;
  } catch {
    return 'no previous build';
  }
  if (JSON.stringify(meta.entries) !== JSON.stringify(BUNDLES)) return 'the entry points changed';
  for (const name of Object.keys(BUNDLES) as BundleName[]) {
    if (!exists(bundlePath(name))) return `${basename(bundlePath(name))} is missing`;
  }
  for (const file of [...ALWAYS, ...meta.inputs]) {
    const mtime = mtimeOf(join(root, file));
    if (mtime === null) return `${file} is gone`;
    if (mtime > meta.startedAt) return `${file} changed`;
  }
  return null;
}

/** Builds the bundles unless they are up to date; returns what it did. */
export async function buildBundles(opts: { force?: boolean } = {}): Promise<string> {
  const reason = opts.force ? '--force' : staleReason();
  if (!reason) return 'bundles are up to date (dist/)';
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(BUNDLES)),
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    // written below, each file by rename: a process starting meanwhile never reads half a bundle
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(DIST, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  const meta: BuildMeta = { entries: { ...BUNDLES }, startedAt, inputs };
  writeAtomically(META, Buffer.from(`${JSON.stringify(meta, null, 2)}\n`));
  return `built ${Object.keys(BUNDLES).length} bundles into dist/ in ${Date.now() - startedAt} ms (${reason})`;
}

function writeAtomically(path: string, contents: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

function mtimeOf(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

const exists = (path: string) => mtimeOf(path) !== null;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  process.stdout.write(`[build] ${await buildBundles({ force })}\n`);
}
