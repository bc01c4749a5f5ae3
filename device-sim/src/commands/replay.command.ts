import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DeviceIdSchema, createPgPool } from '../../../core/src/index.js';
import type { ReplayCli } from '../cli.js';
import { startProgress } from '../progress.js';
import { FITABASE_HOURLY_STEPS, readHourlySteps } from '../replay/fitabase-csv.js';
import { replayDeviceId, replayMessages } from '../replay/replay-messages.js';
import { REPLAY_REGISTRY_DEFAULTS, registerReplayCohort } from '../replay/replay-registry.js';
import { runReplay } from '../replay/run-replay.js';
import { executeRun, orExit, type CommandEnv } from './command-kit.js';

const MappingSchema = z.record(z.string().regex(/^\d+$/), DeviceIdSchema);

/** Fitabase Id -> device: a mapping file, else registered in the registry, else `<prefix>-<Id>` (unregistered). */
async function deviceMapping(env: CommandEnv<ReplayCli>, ids: string[]): Promise<(id: string) => string> {
  const { cli, config, logger } = env;
  const fallback = (id: string) => replayDeviceId(cli.devicePrefix, id);
  if (cli.mapping) {
    const map = MappingSchema.parse(JSON.parse(await readFile(cli.mapping, 'utf8')));
    const missing = ids.filter((id) => !map[id]);
    if (missing.length) throw new Error(`the mapping lacks ${missing.length} Id(s), e.g. ${missing[0]}`);
    return (id) => map[id]!;
  }
  if (cli.registry && config.DATABASE_URL && !cli.dryRun) {
    const pool = createPgPool(config.DATABASE_URL, 1);
    try {
      const map = await registerReplayCohort(pool, ids, {
        ...REPLAY_REGISTRY_DEFAULTS,
        devicePrefix: cli.devicePrefix,
      });
      logger.info({ people: map.size, facility: REPLAY_REGISTRY_DEFAULTS.facilityCode }, 'replay cohort registered');
      return (id) => map.get(id) ?? fallback(id);
    } finally {
      await pool.end();
    }
  }
  if (!cli.dryRun) logger.warn('no registry: replayed devices are unknown to the workers and will be dead-lettered');
  return fallback;
}

/** `sim replay`: the Fitabase hourly steps export, row by row, as Japan-time step intervals. */
export async function runReplayCommand(env: CommandEnv<ReplayCli>): Promise<never> {
  const { cli, config, logger } = env;
  const rows = await orExit(logger, 'cannot read the export', readHourlySteps(cli.file ?? FITABASE_HOURLY_STEPS));
  const ids = [...new Set(rows.map((r) => r.id))];
  const deviceOf = await orExit(logger, 'cannot map the export onto devices', deviceMapping(env, ids));
  const messages = replayMessages(rows, deviceOf);
  logger.info({ rows: rows.length, people: ids.length, messages: messages.length }, 'replay starting');
  return executeRun(env, {
    format: 'canonical',
    devices: ids.length,
    fromMs: Date.parse(messages[0]?.message.readings[0]?.start ?? new Date(0).toISOString()),
    settleMs: 120_000,
    run: async ({ sink, signal, info }) => {
      const progress = startProgress('replay', info);
      try {
        const result = await runReplay(messages, config.MQTT_TOPIC_ROOT, {
          sink,
          signal,
          onProgress: (d, t) => progress.update(d, t),
        });
        return { result, emitter: null, readings: rows.length };
      } finally {
        progress.stop();
      }
    },
  });
}
