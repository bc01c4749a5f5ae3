import mqtt, { type MqttClient } from 'mqtt';
import {
  createInfluxClient,
  createPgPool,
  createRedis,
  deviceTopic,
  type InfluxClient,
  type ReadingInput,
  type ReadingsMessage,
} from '../../core/src/index.js';
import { uniqueId } from '../helpers/env.js';
import { buildMessage } from '../helpers/mqtt-publisher.js';
import { startProcess, waitForLog, type RunningProcess } from '../helpers/processes.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';
import { faultStackSettings } from './fault-stack.js';

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Known readings: per device, heart rate and steps every minute with values derived from (device, minute). */
export function planMessages(people: FixturePerson[], minutes: number, perMessage: number, t0: number) {
  const messages: ReadingsMessage[] = [];
  const expected = new Map<string, { count: number; sum: number }>();
  people.forEach((p, d) => {
    for (let m0 = 0; m0 < minutes; m0 += perMessage) {
      const readings: ReadingInput[] = [];
      for (let m = m0; m < Math.min(minutes, m0 + perMessage); m++) {
        const at = t0 + m * 60_000;
        const hr = 55 + ((d * 7 + m) % 70);
        const steps = (d + m) % 3 === 0 ? 0 : (d * 13 + m * 7) % 120;
        readings.push({ metric: 'heart_rate', start: new Date(at).toISOString(), value: hr, unit: '/min' });
        readings.push({
          metric: 'step_count',
          start: new Date(at).toISOString(),
          end: new Date(at + 60_000).toISOString(),
          value: steps,
          unit: '{steps}',
        });
        add(expected, `heart_rate/${p.pseudonym}`, hr);
        add(expected, `step_count/${p.pseudonym}`, steps);
      }
      messages.push(buildMessage(p.deviceId, readings));
    }
  });
  return { messages, expected };
}

function add(map: Map<string, { count: number; sum: number }>, key: string, v: number) {
  const e = map.get(key) ?? { count: 0, sum: 0 };
  e.count++;
  e.sum += v;
  map.set(key, e);
}

/** A watch-like publisher: QoS 1, and a publish that fails or times out is sent again until acknowledged. */
export async function createWatchPublisher(url: string, connections = 2) {
  const clients: MqttClient[] = await Promise.all(
    Array.from({ length: connections }, () =>
      mqtt.connectAsync(url, { protocolVersion: 5, reconnectPeriod: 250, connectTimeout: 2000 }),
    ),
  );
  let next = 0;
  let retries = 0;
  async function send(topic: string, payload: string): Promise<void> {
    for (;;) {
      const c = clients[next++ % clients.length]!;
      try {
        await Promise.race([
          c.publishAsync(topic, payload, { qos: 1 }),
          delay(5000).then(() => Promise.reject(new Error('no PUBACK in 5 s'))),
        ]);
        return;
      } catch {
        retries++;
        await delay(250);
      }
    }
  }
  /** Publishes in order at about `perSecond` messages per second. */
  async function publishPaced(root: string, messages: ReadingsMessage[], perSecond: number): Promise<void> {
    const pending: Promise<void>[] = [];
    const started = Date.now();
    for (let i = 0; i < messages.length; i++) {
      const due = started + (i * 1000) / perSecond;
      if (due > Date.now()) await delay(due - Date.now());
      const m = messages[i]!;
      pending.push(send(deviceTopic(root, m.deviceId), JSON.stringify(m)));
    }
    await Promise.all(pending);
  }
  return {
    send,
    publishPaced,
    retries: () => retries,
    close: () => Promise.all(clients.map((c) => c.endAsync(true))),
  };
}

/** Ingest and workers as real processes on the fault stack, with their own topic root, queue and database. */
export async function startFaultCase(devices: number, extraEnv: Record<string, string> = {}) {
  const s = faultStackSettings();
  const id = uniqueId('f');
  const pool = createPgPool(s.TEST_DATABASE_URL, 2);
  const cohort = await createFixtureCohort(pool, devices);
  const influx = createInfluxClient({ url: s.INFLUX_URL, database: id });
  await influx.createDatabase();
  const env: Record<string, string> = {
    REDIS_URL: s.REDIS_URL,
    QUEUE_PREFIX: `{${id}}`,
    MQTT_URL: s.MQTT_URL,
    MQTT_TOPIC_ROOT: id,
    INFLUX_URL: s.INFLUX_URL,
    INFLUX_DB: id,
    DATABASE_URL: s.TEST_DATABASE_URL,
    INGEST_INSTANCE_ID: id,
    INGEST_CONNECTIONS: '3',
    INGEST_HTTP_PORT: '0',
    INGEST_MQTT_USERNAME: s.INGEST_MQTT_USERNAME,
    INGEST_MQTT_PASSWORD: s.INGEST_MQTT_PASSWORD,
    WORKER_RETRY_MAX_DELAY: '3s',
    WORKER_LOCK_DURATION: '5s',
    ENROLMENT_CACHE_TTL: '1s',
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  const procs: Record<'ingest' | 'workers', RunningProcess> = {
    ingest: startProcess('ingest', env),
    workers: startProcess('workers', env),
  };
  await waitForLog(procs.workers, /workers running/);
  await waitForLog(procs.ingest, /ingest running/);
  const publisher = await createWatchPublisher(s.MQTT_URL);

  return {
    id,
    root: id,
    cohort,
    influx,
    publisher,
    procs,
    async restart(name: 'ingest' | 'workers', signal: NodeJS.Signals = 'SIGKILL', downMs = 1000) {
      await procs[name].stop(signal);
      await delay(downMs);
      procs[name] = startProcess(name, env);
      await waitForLog(procs[name], name === 'ingest' ? /ingest running/ : /workers running/, 60_000);
    },
    async close() {
      await publisher.close();
      await Promise.all([procs.ingest.stop('SIGTERM'), procs.workers.stop('SIGTERM')]);
      await influx.dropDatabase(id).catch(() => {});
      const redis = createRedis(s.REDIS_URL, 'worker');
      const keys = await redis.keys(`{${id}}:*`).catch(() => [] as string[]);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await pool.end();
    },
  };
}

export type FaultCase = Awaited<ReturnType<typeof startFaultCase>>;

/** Count and sum of values by metric and person, as stored. */
export async function storedTotals(influx: InfluxClient): Promise<Map<string, { count: number; sum: number }>> {
  const out = new Map<string, { count: number; sum: number }>();
  const [series = []] = await influx.query(
    'SELECT count("value"), sum("value") FROM "heart_rate", "step_count" GROUP BY "person"',
  );
  for (const s of series) {
    const [, count, sum] = s.values[0] as [number, number, number];
    out.set(`${s.name}/${s.tags!.person}`, { count, sum });
  }
  return out;
}

/** Waits until what is stored equals what was sent (or the time is up) and returns the last totals. */
export async function waitForTotals(
  influx: InfluxClient,
  expected: Map<string, { count: number; sum: number }>,
  timeoutMs = 180_000,
) {
  const until = Date.now() + timeoutMs;
  const want = JSON.stringify([...expected].sort());
  let got = new Map<string, { count: number; sum: number }>();
  while (Date.now() < until) {
    got = await storedTotals(influx).catch(() => got);
    if (JSON.stringify([...got].sort()) === want) break;
    await delay(500);
  }
  return Object.fromEntries([...got].sort());
}
