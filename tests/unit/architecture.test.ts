import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROCESSES = ['ingest', 'workers', 'api', 'device-sim', 'dashboards'];

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e === 'build' || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(sourceFiles(p));
    else if (/\.(ts|tsx|mts)$/.test(e)) out.push(p);
  }
  return out;
}

/** Relative imports of a file, resolved to paths within the repository. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
  return specs.map((m) => relative(root, resolve(dirname(file), (m[1] ?? m[2])!)));
}

describe('process boundaries', () => {
  it('lets each process import only core, never another process', () => {
    const violations: string[] = [];
    for (const proc of PROCESSES) {
      for (const f of sourceFiles(join(root, proc))) {
        for (const target of relativeImports(f)) {
          const top = target.split('/')[0]!;
          if (top !== proc && top !== 'core' && top !== 'node_modules') violations.push(`${relative(root, f)} -> ${target}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps core free of imports from processes, scripts and tests', () => {
    const violations = sourceFiles(join(root, 'core')).flatMap((f) =>
      relativeImports(f)
        .filter((t) => t.split('/')[0] !== 'core')
        .map((t) => `${relative(root, f)} -> ${t}`),
    );
    expect(violations).toEqual([]);
  });

  it('has no circular imports inside core', () => {
    const files = sourceFiles(join(root, 'core'));
    const graph = new Map(files.map((f) => [relative(root, f), relativeImports(f).map((t) => t.replace(/\.js$/, '.ts'))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (n: string, path: string[]) => {
      if (state.get(n) === 'done') return;
      if (state.get(n) === 'visiting') return void cycles.push([...path, n].join(' -> '));
      state.set(n, 'visiting');
      for (const m of graph.get(n) ?? []) visit(m, [...path, n]);
      state.set(n, 'done');
    };
    for (const n of graph.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });
});
