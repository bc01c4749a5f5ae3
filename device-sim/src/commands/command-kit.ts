import { createPgPool, registerShutdown, type Logger } from '../../../core/src/index.js';
import type { LiveCli, SimCli } from '../cli.js';
import type { SimConfig } from '../config.js';
import { chooseDevices, type DeviceChoice } from '../device-ids.js';
import { observeDeadLetters, type DeadLetterObserver } from '../dead-letter-observer.js';
import { createDryRunSink } from '../dry-run-sink.js';
import type { Emitter } from '../emitter.js';
import { connectPublisher, type ReadingsSink } from '../publisher.js';
import type { SimulationResult } from '../simulation.js';
import { buildSummary, formatSummary, type SimSummary } from '../summary.js';

export interface CommandEnv<C extends SimCli = SimCli> {
  cli: C;
  config: SimConfig;
  logger: Logger;
}

export interface RunIo {
  sink: ReadingsSink;
  signal: AbortSignal;
  connected: () => boolean;
  /** Where status lines and progress go: stderr when stdout carries messages or the JSON summary. */
  info: NodeJS.WriteStream;
}

export interface RunOutcome {
  result: SimulationResult;
  emitter: Emitter | null;
  readings?: number;
  truthFile?: string | null;
}

/** Awaits p or prints what failed and exits 1 (start-up problems). */
export async function orExit<T>(logger: Logger, what: string, p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    logger.fatal({ err }, what);
    process.stderr.write(`device-sim: ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

/** The watches to simulate: --devices, else the registry's enrolled devices, else mmr-w-0001..N. */
export function commandDevices(
  env: CommandEnv<Pick<LiveCli, 'devices' | 'registry' | 'watches'> & SimCli>,
): Promise<DeviceChoice> {
  const dbUrl = env.config.DATABASE_URL;
  return orExit(
    env.logger,
    'cannot choose devices from the registry',
    chooseDevices(env.cli, dbUrl ? { connect: () => createPgPool(dbUrl, 1) } : null),
  );
}

async function openObserver(env: CommandEnv): Promise<DeadLetterObserver | null> {
  const url = env.config.REDIS_URL;
  if (env.cli.dryRun || !url) return null;
  return observeDeadLetters(url, env.config.QUEUE_PREFIX).catch((err: unknown) => {
    env.logger.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'dead-letter store not readable; rejects not observed',
    );
    return null;
  });
}

function printSummary(env: CommandEnv, summary: SimSummary, info: NodeJS.WriteStream): void {
  if (env.cli.json) (env.cli.dryRun ? process.stderr : process.stdout).write(`${JSON.stringify(summary)}\n`);
  else info.write(formatSummary(summary));
}

/**
 * Runs one mode end to end: the sink (MQTT, or JSON lines for --dry-run), the dead-letter
 * observer, SIGTERM/SIGINT handling (generation stops, outstanding PUBACKs are awaited), the
 * summary, and the exit status (0 only when everything was acknowledged). Never returns.
 */
export async function executeRun(
  env: CommandEnv,
  spec: { format: string; devices: number; fromMs: number; settleMs: number; run: (io: RunIo) => Promise<RunOutcome> },
): Promise<never> {
  const { cli, config, logger } = env;
  const info = cli.dryRun || cli.json ? process.stderr : process.stdout;
  const publisher = cli.dryRun
    ? null
    : await orExit(
        logger,
        `cannot connect to the MQTT broker at ${config.MQTT_URL}`,
        connectPublisher({
          url: config.MQTT_URL,
          username: config.MQTT_USERNAME,
          password: config.MQTT_PASSWORD,
          qos: cli.qos,
          maxOutstanding: cli.maxOutstanding,
          logger,
        }),
      );
  const sink = publisher ?? createDryRunSink(process.stdout);
  const observer = await openObserver(env);
  const stop = new AbortController();
  const startedAt = Date.now();
  const run = spec.run({ sink, signal: stop.signal, connected: () => publisher?.connected() ?? true, info });
  let clean = false;
  let finished = false;
  void run.finally(() => (finished = true)).catch(() => {});
  const report = async (outcome: RunOutcome, interrupted: boolean) => {
    // stopped by a signal: wait less for the queue, close-with-grace allows 30 s in all
    const observed = observer ? await observer.after(interrupted ? 10_000 : spec.settleMs) : null;
    const rejected = observed ? { source: config.QUEUE_PREFIX, ...observed } : null;
    const summary = buildSummary({ ...spec, ...outcome, mode: cli.mode, dryRun: cli.dryRun, rejected, startedAt });
    printSummary(env, summary, info);
    clean = outcome.result.drained && outcome.result.counts.failed === 0;
    logger[clean ? 'info' : 'error'](
      summary.messages,
      clean ? 'simulation finished' : 'simulation finished with unacknowledged or failed messages',
    );
  };
  const shutdown = registerShutdown(logger, [
    {
      name: 'simulation',
      close: async () => {
        const interrupted = !finished;
        stop.abort(new Error('stopping'));
        await report(await run, interrupted);
      },
    },
    { name: 'mqtt', close: () => publisher?.close() },
    { name: 'dead-letter observer', close: () => observer?.close() },
    // on a signal close-with-grace exits 0 after the closers: an unclean end must not look like success
    { name: 'exit status', close: () => void (clean || process.exit(1)) },
  ]);
  await run.catch(() => {}); // the simulation closer reports a failure
  await shutdown();
  process.exit(0);
}
