// npm start: ingest, workers and api as child processes of one command (one-machine deployments).
// Each can also run alone (npm run start:ingest | start:workers | start:api).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const services = ['workers', 'ingest', 'api'] as const;

const children = new Map<string, ChildProcess>();
let stopping = false;

for (const name of services) {
  const child = spawn(tsx, [`${name}/src/main.ts`], { cwd: root, stdio: 'inherit', env: process.env });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      process.stderr.write(`start: ${name} exited (${signal ?? code}); stopping the others\n`);
      process.exitCode = 1;
      stop('SIGTERM');
    }
    if (children.size === 0) process.exit();
  });
}

// ingest first (stop taking messages), then api, then workers (finish active jobs)
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  const order = ['ingest', 'api', 'workers'];
  void (async () => {
    for (const name of order) {
      const child = children.get(name);
      if (!child) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 35_000))]);
    }
  })();
}

process.on('SIGINT', () => stop('SIGTERM'));
process.on('SIGTERM', () => stop('SIGTERM'));
