import type { LiveCli } from '../cli.js';
import type { Emitter } from '../emitter.js';
import { runSimulation } from '../simulation.js';
import { startStatusLine } from '../status-line.js';
import { commandDevices, executeRun, type CommandEnv } from './command-kit.js';

/** `sim` / `sim live`: watches in real or accelerated time. */
export async function runLiveCommand(env: CommandEnv<LiveCli>): Promise<never> {
  const { cli, config, logger } = env;
  const devices = await commandDevices(env);
  if (devices.from === 'registry' && devices.ids.length < cli.watches) {
    logger.warn({ requested: cli.watches, enrolled: devices.ids.length }, 'fewer enrolled devices than --watches');
  }
  if (cli.endMs === null && cli.speed <= 1 && cli.startMs < Date.now() - cli.intervalMs) {
    logger.warn('at --speed 1 a start in the past is never caught up with; try --speed 60');
  }
  logger.info(
    {
      devices: devices.ids.length,
      from: devices.from,
      start: new Date(cli.startMs).toISOString(),
      speed: cli.speed,
      format: cli.format,
    },
    'simulation starting',
  );
  return executeRun(env, {
    format: cli.format,
    devices: devices.ids.length,
    fromMs: cli.startMs,
    settleMs: 30_000,
    run: async ({ sink, signal, connected, info }) => {
      let simMs: number | null = null;
      let emitter: Emitter | null = null;
      const status = startStatusLine(info, () => ({
        simMs,
        watches: devices.ids.length,
        counts: sink.counts(),
        connected: connected(),
      }));
      try {
        const result = await runSimulation(
          { ...cli, deviceIds: devices.ids, topicRoot: config.MQTT_TOPIC_ROOT, careLevels: devices.careLevels },
          { sink, signal, drainTimeoutMs: 10_000, onInterval: (ms) => (simMs = ms), onEmitter: (e) => (emitter = e) },
        );
        return { result, emitter };
      } finally {
        status.stop();
      }
    },
  });
}
