import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopic, issueDeviceSecret } from '../../core/src/index.js';
import { buildMessage, heartRateSeries } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('device accounts on the broker', () => {
  let pl: TestPipeline;
  let brokerUrl: string;
  let a: { deviceId: string; secret: string };
  let b: { deviceId: string; secret: string };

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 1 });
    const u = new URL(pl.env.MQTT_URL);
    u.username = '';
    u.password = '';
    brokerUrl = u.toString();
    const cohort = await createFixtureCohort(pl.pool, 2);
    a = { deviceId: cohort.people[0]!.deviceId, secret: (await issueDeviceSecret(pl.pool, cohort.people[0]!.deviceId)).secret };
    b = { deviceId: cohort.people[1]!.deviceId, secret: (await issueDeviceSecret(pl.pool, cohort.people[1]!.deviceId)).secret };
    // the broker learns the accounts of the registry it is pointed at
    const out = await run('node_modules/.bin/tsx', ['scripts/broker-sync.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: pl.env.TEST_DATABASE_URL },
    });
    expect(out.stdout).toMatch(/device\(s\) written; broker .* reloaded/);
    await new Promise((r) => setTimeout(r, 500));
  });
  afterAll(async () => {
    await pl?.close();
  });

  const connect = (username?: string, password?: string) =>
    mqtt.connectAsync(brokerUrl, { protocolVersion: 5, username, password, reconnectPeriod: 0, connectTimeout: 3000 });

  it('lets a device publish under its own topic, and the reading is stored', async () => {
    const c = await connect(a.deviceId, a.secret);
    const t0 = Date.UTC(2026, 0, 5);
    await c.publishAsync(deviceTopic(pl.topicRoot, a.deviceId), JSON.stringify(buildMessage(a.deviceId, heartRateSeries(t0, 3))), {
      qos: 1,
    });
    await c.endAsync();
    const until = Date.now() + 15_000;
    let n = 0;
    while (Date.now() < until && n < 3) {
      await pl.drained();
      const r = await pl.influx.query(`SELECT count("value") FROM "heart_rate" WHERE "device" = '${a.deviceId}'`);
      n = Number(r[0]?.[0]?.values[0]?.[1] ?? 0);
    }
    expect(n).toBe(3);
  });

  it('refuses device A publishing as device B', async () => {
    const c = await connect(a.deviceId, a.secret);
    const spoof = c.publishAsync(deviceTopic(pl.topicRoot, b.deviceId), JSON.stringify(buildMessage(b.deviceId, heartRateSeries(0, 1))), {
      qos: 1,
    });
    await expect(spoof).rejects.toThrow(/Not authorized/);
    await c.endAsync(true);
  });

  it('lets a device read nothing, not even its own topic', async () => {
    const c = await connect(a.deviceId, a.secret);
    const got: string[] = [];
    c.on('message', (t) => got.push(t));
    await c.subscribeAsync(`${pl.topicRoot}/v1/devices/+/readings`, { qos: 1 });
    const gateway = await mqtt.connectAsync(pl.env.MQTT_URL, { protocolVersion: 5 });
    await gateway.publishAsync(deviceTopic(pl.topicRoot, b.deviceId), 'x', { qos: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(got).toEqual([]);
    await gateway.endAsync();
    await c.endAsync(true);
  });

  it('refuses unknown clients, anonymous ones and wrong secrets', async () => {
    await expect(connect()).rejects.toThrow(/Not authorized|refused/i);
    await expect(connect('nobody', 'nothing')).rejects.toThrow(/Not authorized|refused/i);
    await expect(connect(a.deviceId, b.secret)).rejects.toThrow(/Not authorized|refused/i);
  });
});
