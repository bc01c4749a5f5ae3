import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineAcks } from '../../ingest/src/ack-pipeline.js';
import { testEnv, uniqueId } from '../helpers/env.js';

// Real Mosquitto: the connection must read on while PUBACKs wait, and a PUBACK must never go out
// before its message (and every earlier one of the connection) was acknowledged by us.
describe('pipelined PUBACKs', () => {
  const env = testEnv();
  const open: MqttClient[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.endAsync(true).catch(() => {})));
  });

  const root = uniqueId('ack');
  const topic = `${root}/v1/devices/d1/readings`;
  const filter = `$share/${root}/${root}/v1/devices/+/readings`;

  function subscriber(clientId: string, limit = 10) {
    const received: { n: number; ack: () => void; dup: boolean }[] = [];
    const client = mqtt.connect(withoutUserInfo(env.MQTT_URL), {
      protocolVersion: 5,
      clientId,
      clean: false,
      properties: { sessionExpiryInterval: 60, receiveMaximum: 10 },
      username: env.INGEST_MQTT_USERNAME,
      password: env.INGEST_MQTT_PASSWORD,
      reconnectPeriod: 0,
      customHandleAcks: (_t, payload, packet, done) => {
        received.push({ n: Number(payload.toString()), ack: acks.hold(packet), dup: (packet as IPublishPacket).dup });
        acks.whenRoom(() => done(0));
      },
    });
    const acks = pipelineAcks(client, limit);
    open.push(client);
    return { client, received, acks };
  }

  async function publish(ns: number[]) {
    const pub = await mqtt.connectAsync(env.MQTT_URL, { protocolVersion: 5, reconnectPeriod: 0 });
    for (const n of ns) await pub.publishAsync(topic, String(n), { qos: 1 });
    await pub.endAsync();
  }

  async function until(what: () => boolean, ms = 5_000) {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('receives the next messages while the first ones wait, and redelivers every one whose PUBACK was held back', async () => {
    const id = uniqueId('sub');
    const s = subscriber(id);
    await new Promise((r) => s.client.once('connect', r));
    await s.client.subscribeAsync(filter, { qos: 1 });
    await publish([1, 2, 3, 4, 5]);
    // all five arrive although none is acknowledged: mqtt.js alone would stop after the first
    await until(() => s.received.length === 5);
    expect(s.received.map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
    expect(s.acks.holding()).toBe(5);

    // 1 and 3 are durable; 3's PUBACK must wait behind 2, which is not
    s.received[0]!.ack();
    s.received[2]!.ack();
    await until(() => s.acks.holding() === 4);
    await new Promise((r) => setTimeout(r, 200)); // let the PUBACK of 1 reach the broker
    s.client.end(true);
    await new Promise<void>((r) => s.client.once('close', () => r()));
    expect(s.acks.holding()).toBe(0);

    const again = subscriber(id);
    await until(() => again.received.length === 4);
    expect(again.received.map((r) => r.n)).toEqual([2, 3, 4, 5]);
    for (const r of again.received) r.ack();
    await until(() => again.acks.holding() === 0);
    await new Promise((r) => setTimeout(r, 200));
    again.client.end(true);
    await new Promise<void>((r) => again.client.once('close', () => r()));

    // everything acknowledged: the resumed session has nothing left to deliver
    const last = subscriber(id);
    await new Promise((r) => last.client.once('connect', r));
    await new Promise((r) => setTimeout(r, 500));
    expect(last.received).toEqual([]);
    await last.client.unsubscribeAsync(filter);
  });

  it('holds at most `limit` unacknowledged messages per connection, however the broker counts', async () => {
    const s = subscriber(uniqueId('sub'), 3);
    await new Promise((r) => s.client.once('connect', r));
    await s.client.subscribeAsync(filter, { qos: 1 });
    await publish([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await until(() => s.received.length === 3);
    for (let round = 1; round <= 3; round++) {
      await new Promise((r) => setTimeout(r, 300));
      expect(s.received.length).toBe(3 * round);
      for (const r of s.received.slice(-3)) r.ack();
      await until(() => s.received.length === Math.min(10, 3 * round + 3));
    }
    expect(s.received.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    s.received.at(-1)!.ack();
    await until(() => s.acks.holding() === 0);
    await s.client.unsubscribeAsync(filter);
  });
});

function withoutUserInfo(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}
