import mqtt, { type MqttClient } from 'mqtt';
import {
  MESSAGE_SCHEMA_ID,
  ReadingsMessageSchema,
  deviceTopic,
  type ReadingInput,
  type ReadingsMessage,
} from '../../core/src/index.js';

export function buildMessage(deviceId: string, readings: ReadingInput[], sentAt = Date.now()): ReadingsMessage {
  return ReadingsMessageSchema.parse({
    schema: MESSAGE_SCHEMA_ID,
    deviceId,
    sentAt: new Date(sentAt).toISOString(),
    source: { vendor: 'mimamori-sim', format: 'canonical' },
    readings,
  });
}

/** Heart-rate samples one minute apart with a known value pattern. */
export function heartRateSeries(startMs: number, count: number, valueAt = (i: number) => 60 + (i % 40)): ReadingInput[] {
  return Array.from({ length: count }, (_, i) => ({
    metric: 'heart_rate' as const,
    start: new Date(startMs + i * 60_000).toISOString(),
    value: valueAt(i),
    unit: '/min',
  }));
}

export interface TestPublisher {
  publish(topic: string, payload: string | Buffer): Promise<void>;
  publishMessage(topicRoot: string, m: ReadingsMessage): Promise<void>;
  close(): Promise<void>;
}

/** A few MQTT 5 connections publishing QoS 1 round-robin; publish resolves on PUBACK. */
export async function createTestPublisher(url: string, connections = 4): Promise<TestPublisher> {
  const clients: MqttClient[] = await Promise.all(
    Array.from({ length: connections }, () => mqtt.connectAsync(url, { protocolVersion: 5, clean: true, reconnectPeriod: 500 })),
  );
  let next = 0;
  const publish = async (topic: string, payload: string | Buffer) => {
    const c = clients[next++ % clients.length]!;
    await c.publishAsync(topic, payload, { qos: 1 });
  };
  return {
    publish,
    publishMessage: (root, m) => publish(deviceTopic(root, m.deviceId), JSON.stringify(m)),
    close: async () => {
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}
