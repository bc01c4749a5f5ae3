import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { testEnv } from './env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Settings for ingest, workers and api processes on the local stack, isolated by `id` (queue
 * prefix, topic root, InfluxDB database, ingest instance); `extra` adds or overrides.
 */
export function isolatedProcessEnv(
  env: ReturnType<typeof testEnv>,
  id: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    REDIS_URL: env.REDIS_URL,
    QUEUE_PREFIX: `{${id}}`,
    MQTT_URL: env.MQTT_URL,
    MQTT_TOPIC_ROOT: id,
    INFLUX_URL: env.INFLUX_URL,
    INFLUX_DB: id,
    DATABASE_URL: env.TEST_DATABASE_URL,
    INGEST_INSTANCE_ID: id,
    INGEST_MQTT_USERNAME: env.INGEST_MQTT_USERNAME ?? '',
    INGEST_MQTT_PASSWORD: env.INGEST_MQTT_PASSWORD ?? '',
    ...extra,
  };
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Free metrics ports unless a test sets them: several processes of a kind run side by side. */
const METRICS_PORTS = { INGEST_METRICS_PORT: '0', WORKERS_METRICS_PORT: '0', API_METRICS_PORT: '0' };

/** Starts `<service>/src/main.ts` as a real process with the given environment (no .data/stack.env). */
export function startProcess(service: string, env: Record<string, string>): RunningProcess {
  // node itself with tsx's loader, not the tsx wrapper: the wrapper runs the program in a child
  // process, so SIGKILL/SIGSTOP sent to it would leave the real service running
  return startNode(['--import', 'tsx', `${service}/src/main.ts`], env);
}

/** Starts the bundle dist/<name>.mjs as production runs it (`npm run build` makes it). */
export function startBundle(name: string, env: Record<string, string>, args: string[] = []): RunningProcess {
  return startNode(['--enable-source-maps', `dist/${name}.mjs`, ...args], env);
}

function startNode(args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', MIMAMORI_ENV_FILE: '/nonexistent', LOG_LEVEL: 'info', ...METRICS_PORTS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  return {
    child,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until the process logs a line matching `pattern`. */
export async function waitForLog(p: RunningProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pattern.test(p.output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${p.output().slice(-2000)}`);
    if (p.child.exitCode !== null) throw new Error(`process exited (${p.child.exitCode}):\n${p.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
