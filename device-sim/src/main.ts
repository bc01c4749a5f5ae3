import { createLogger, createPgPool, loadConfigOrExit, registerShutdown } from '../../core/src/index.js';
import { parseSimArgs } from './cli.js';
import { SimConfigSchema } from './config.js';
import { chooseDevices } from './device-ids.js';
import { connectPublisher } from './publisher.js';
import { runSimulation, type SimulationResult } from './simulation.js';
import { formatStatusLine, startStatusLine } from './status-line.js';

const cli = parseSimArgs(process.argv.slice(2));
const config = loadConfigOrExit(SimConfigSchema, 'device-sim');
const logger = createLogger({ service: 'device-sim', level: config.LOG_LEVEL });

async function orExit<T>(what: string, p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    logger.fatal({ err }, what);
    process.stderr.write(`device-sim: ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

const dbUrl = config.DATABASE_URL;
const devices = await orExit(
  'cannot choose devices from the registry',
  chooseDevices(cli, dbUrl ? { connect: () => createPgPool(dbUrl, 1) } : null),
);
if (devices.from === 'registry' && devices.ids.length < cli.watches) {
  logger.warn({ requested: cli.watches, enrolled: devices.ids.length }, 'fewer enrolled devices than --watches');
}

const publisher = await orExit(
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
logger.info(
  {
    devices: devices.ids.length,
    from: devices.from,
    first: devices.ids[0],
    start: new Date(cli.startMs).toISOString(),
    end: cli.endMs === null ? null : new Date(cli.endMs).toISOString(),
    intervalMs: cli.intervalMs,
    speed: cli.speed,
    seed: cli.seed,
  },
  'simulation starting',
);

if (cli.endMs === null && cli.speed <= 1 && cli.startMs < Date.now() - cli.intervalMs) {
  logger.warn('at --speed 1 a start in the past is never caught up with; try --speed 60');
}

let simMs: number | null = null;
const snapshot = () => ({
  simMs,
  watches: devices.ids.length,
  counts: publisher.counts(),
  connected: publisher.connected(),
});
const status = startStatusLine(process.stdout, snapshot);
const stop = new AbortController();
const run = runSimulation(
  {
    deviceIds: devices.ids,
    intervalMs: cli.intervalMs,
    speed: cli.speed,
    startMs: cli.startMs,
    endMs: cli.endMs,
    seed: cli.seed,
    topicRoot: config.MQTT_TOPIC_ROOT,
  },
  { sink: publisher, signal: stop.signal, drainTimeoutMs: 10_000, onInterval: (ms) => (simMs = ms) },
);

let clean = false;
function report(result: SimulationResult): void {
  status.stop();
  clean = result.drained && result.counts.failed === 0;
  logger[clean ? 'info' : 'error'](
    { ...result.counts, completed: result.completed, reached: new Date(result.reachedMs).toISOString() },
    clean ? 'simulation finished' : 'simulation finished with unacknowledged or failed messages',
  );
  process.stdout.write(`final: ${formatStatusLine(snapshot(), null)}\n`);
}

const shutdown = registerShutdown(logger, [
  {
    name: 'simulation',
    close: async () => {
      stop.abort(new Error('stopping'));
      report(await run);
    },
  },
  { name: 'mqtt', close: () => publisher.close() },
  {
    name: 'exit status',
    // on a signal close-with-grace exits 0 after the closers: an unclean end must not look like success
    close: () => {
      if (!clean) process.exit(1);
    },
  },
]);

await run.catch(() => {}); // the simulation closer reports a failure
await shutdown();
process.exit(0);
