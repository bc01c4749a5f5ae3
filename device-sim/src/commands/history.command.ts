import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryCli } from '../cli.js';
import type { Emitter } from '../emitter.js';
import { runHistory } from '../history.js';
import { startProgress } from '../progress.js';
import { commandDevices, executeRun, type CommandEnv } from './command-kit.js';

/** `sim history`: D days of N watches as fast as the pipeline takes them; scenarios write their truth. */
export async function runHistoryCommand(env: CommandEnv<HistoryCli>): Promise<never> {
  const { cli, config, logger } = env;
  const devices = await commandDevices(env);
  logger.info(
    {
      devices: devices.ids.length,
      from: devices.from,
      start: new Date(cli.startMs).toISOString(),
      days: cli.days,
      scenario: cli.scenario?.kind,
    },
    'history starting',
  );
  return executeRun(env, {
    format: cli.format,
    devices: devices.ids.length,
    fromMs: cli.startMs,
    settleMs: 120_000,
    run: async ({ sink, signal, info }) => {
      let emitter: Emitter | null = null;
      const progress = startProgress('history', info);
      try {
        const result = await runHistory(
          { ...cli, deviceIds: devices.ids, topicRoot: config.MQTT_TOPIC_ROOT, careLevels: devices.careLevels },
          { sink, signal, onProgress: (done, total) => progress.update(done, total), onEmitter: (e) => (emitter = e) },
        );
        progress.stop();
        if (result.truth && cli.truthFile) {
          await mkdir(dirname(cli.truthFile), { recursive: true });
          await writeFile(cli.truthFile, `${JSON.stringify(result.truth, null, 2)}\n`);
        }
        return { result, emitter, truthFile: result.truth ? cli.truthFile : null };
      } finally {
        progress.stop();
      }
    },
  });
}
