import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigError,
  deviceTopic,
  deviceTopicFilter,
  envBoolean,
  parseConfig,
  parseDeviceTopic,
  parseDurationMs,
  redisFragment,
  sharedSubscription,
} from '../../core/src/index.js';

describe('MQTT topics', () => {
  it('builds and parses a device readings topic symmetrically', () => {
    const t = deviceTopic('mimamori', 'mmr-w-0007');
    expect(t).toBe('mimamori/v1/devices/mmr-w-0007/readings');
    expect(parseDeviceTopic(t)).toEqual({ root: 'mimamori', deviceId: 'mmr-w-0007', kind: 'readings' });
  });
  it('refuses device ids that would change the topic structure', () => {
    expect(() => deviceTopic('mimamori', 'a/b')).toThrow();
    expect(() => deviceTopic('mimamori', '+')).toThrow();
    expect(parseDeviceTopic('mimamori/v1/devices/a/b/readings')).toBeNull();
    expect(parseDeviceTopic('mimamori/v2/devices/a/readings')).toBeNull();
  });
  it('forms a shared subscription over all devices', () => {
    expect(sharedSubscription('ingest', deviceTopicFilter('mimamori'))).toBe('$share/ingest/mimamori/v1/devices/+/readings');
  });
});

describe('configuration', () => {
  const schema = z.object({ ...redisFragment, FLAG: envBoolean.default(false), N: z.coerce.number().int() });

  it('lists every bad variable at once', () => {
    try {
      parseConfig(schema, { REDIS_URL: 'not a url', QUEUE_PREFIX: 'nohashtag', FLAG: 'maybe' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const keys = (err as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(keys.sort()).toEqual(['FLAG', 'N', 'QUEUE_PREFIX', 'REDIS_URL']);
    }
  });
  it('reads "false" as false, unlike z.coerce.boolean', () => {
    expect(parseConfig(schema, { FLAG: 'false', N: '1' }).FLAG).toBe(false);
    expect(parseConfig(schema, { FLAG: 'true', N: '1' }).FLAG).toBe(true);
  });
  it('parses durations with units', () => {
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('30s')).toBe(30_000);
    expect(parseDurationMs('2h')).toBe(7_200_000);
    expect(parseDurationMs('15')).toBe(15);
    expect(() => parseDurationMs('1 week')).toThrow();
  });
});
