import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RedisConnection } from '../../core/src/index.js';
import { buildBundles, bundlePath, type BundleName } from '../build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface PipelineProcess {
  name: string;
  service: 'ingest' | 'workers';
  child: ChildProcess;
  output: () => string;
}

/** Peak and current resident set of a live process, from /proc (Linux), in MB. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a live process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/**
 * Node arguments that run a process as production does (Dockerfile): its bundle in dist/, built
 * first unless up to date, not the TypeScript through tsx (whose loader thread costs ~30 MB).
 */
export async function productionArgs(name: BundleName): Promise<string[]> {
  await buildBundles();
  return ['--enable-source-maps', bundlePath(name)];
}

/**
 * Starts the real ingest and workers processes from their bundles, as separate Node processes (the
 * PID is the process itself, so /proc gives its memory), and waits for their heartbeats.
 */
export async function startPipeline(opts: {
  ingest: number;
  workers: number;
  env: Record<string, string>;
  redis: RedisConnection;
  prefix: string;
  cpuProfDir?: string;
}): Promise<PipelineProcess[]> {
  const procs: PipelineProcess[] = [];
  const entry = { ingest: await productionArgs('ingest'), workers: await productionArgs('workers') };
  const start = (service: 'ingest' | 'workers', k: number) => {
    const args: string[] = [];
    if (opts.cpuProfDir) {
      // one directory per process: V8 writes one profile per thread
      const dir = `${opts.cpuProfDir}/${service}-${k}-${Date.now()}`;
      mkdirSync(dir, { recursive: true });
      args.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
    }
    const child = spawn(process.execPath, [...args, ...entry[service]], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        INGEST_INSTANCE_ID: `bench-${k}`,
        INGEST_HTTP_ENABLED: 'false',
        ALERTS_ENABLED: 'false',
        // free ports: several replicas, and the development processes, each serve their own /metrics
        INGEST_METRICS_PORT: '0',
        WORKERS_METRICS_PORT: '0',
        ...opts.env,
      },
    });
    let out = '';
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    procs.push({ name: `${service}-${k}`, service, child, output: () => out });
  };
  for (let k = 1; k <= opts.workers; k++) start('workers', k);
  for (let k = 1; k <= opts.ingest; k++) start('ingest', k);

  const until = Date.now() + 60_000;
  for (const p of procs) {
    const key = `${opts.prefix}:alive:${p.service}:${p.child.pid}`;
    while (!(await opts.redis.exists(key))) {
      if (p.child.exitCode !== null) throw new Error(`${p.name} exited:\n${p.output()}`);
      if (Date.now() > until) throw new Error(`${p.name} did not start:\n${p.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await new Promise((r) => setTimeout(r, 1000)); // subscribers joined the shared group
  return procs;
}

/** SIGTERM and wait (graceful shutdown writes the CPU profiles). */
export async function stopPipeline(procs: PipelineProcess[]): Promise<void> {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
          const kill = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
          p.child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          p.child.kill('SIGTERM');
        }),
    ),
  );
}
