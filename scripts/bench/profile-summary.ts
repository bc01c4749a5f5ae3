// npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]: self time by function and by
// package/file, to read the V8 CPU profiles that `npm run bench -- --cpu-prof` writes. Positions in a
// bundle (dist/*.mjs) are mapped back to the TypeScript sources through the bundle's source map.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
const maps = new Map<string, SourceMap | null>();
/** The source file and 0-based line of a frame: through the source map of a bundle, else as V8 saw it. */
function original({ url, lineNumber, columnNumber }: Node['callFrame']): { url: string; line: number } {
  if (!url.startsWith('file://') || !url.endsWith('.mjs')) return { url, line: lineNumber };
  if (!maps.has(url)) {
    const file = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : null);
  }
  const entry = maps.get(url)?.findEntry(lineNumber, columnNumber);
  if (!entry || !('originalSource' in entry)) return { url, line: lineNumber };
  return { url: new URL(entry.originalSource, url).href, line: entry.originalLine };
}
for (const n of prof.nodes) {
  const us = self.get(n.id) ?? 0;
  const frame = original(n.callFrame);
  const url = frame.url.replace(/^file:\/\/\/work\/main\//, '').replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${url}:${frame.line + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  byFile.set(url || '(native)', (byFile.get(url || '(native)') ?? 0) + us);
}
const top = Number(topArg ?? 25);
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (total ${(total / 1e6).toFixed(2)} s)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
};
show('by file or package', byFile);
show('by function', byFn);
