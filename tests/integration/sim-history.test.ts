import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reading } from '../../core/src/index.js';
import type { Emitter } from '../../device-sim/src/emitter.js';
import { DEFAULT_FAULT_OPTIONS } from '../../device-sim/src/faults/fault-options.js';
import { runHistory, type HistoryOptions } from '../../device-sim/src/history.js';
import {
  connectPublisher,
  type MqttPublisher,
  type PublishCounts,
  type ReadingsSink,
} from '../../device-sim/src/publisher.js';
import { normaliseMessage } from '../../workers/src/normalise/index.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

const START = Date.parse('2026-10-01T00:00:00+09:00');

/** What the workers should store for clean messages: the adapters' readings, one per point identity. */
function expectedPoints(payloads: Buffer[], pseudonymOf: Map<string, string>) {
  const points = new Map<string, Reading>();
  for (const p of payloads) {
    for (const r of normaliseMessage(JSON.parse(p.toString()), { timeZone: 'Asia/Tokyo' }).readings) {
      points.set([r.metric, r.deviceId, r.stage ?? '', r.status ?? '', Date.parse(r.start)].join('|'), r);
    }
  }
  const totals = new Map<string, { count: number; sum: number }>();
  for (const r of points.values()) {
    const k = `${r.metric} ${pseudonymOf.get(r.deviceId)}`;
    const t = totals.get(k) ?? { count: 0, sum: 0 };
    totals.set(k, { count: t.count + 1, sum: t.sum + r.value });
  }
  return totals;
}

function capture(): ReadingsSink & { payloads: Buffer[] } {
  const payloads: Buffer[] = [];
  const counts: PublishCounts = { sent: 0, acked: 0, failed: 0, outstanding: 0 };
  return {
    payloads,
    publish: async (_t, p) => void (payloads.push(p), counts.sent++, counts.acked++),
    drain: async () => true,
    counts: () => ({ ...counts }),
  };
}

async function stored(pl: TestPipeline) {
  const totals = new Map<string, { count: number; sum: number }>();
  const measurements = [
    'heart_rate',
    'step_count',
    'oxygen_saturation',
    'body_temperature',
    'sleep',
    'skin_temperature_deviation',
    'battery_level',
    'device_status',
  ];
  const [results = []] = await pl.influx.query(
    `SELECT count("value"), sum("value") FROM ${measurements.map((m) => `"${m}"`).join(', ')} GROUP BY "person"`,
  );
  for (const s of results) {
    const [, count, sum] = s.values[0] as [number, number, number];
    totals.set(`${s.name} ${s.tags!.person}`, { count, sum });
  }
  return totals;
}

const rounded = (m: Map<string, { count: number; sum: number }>) =>
  Object.fromEntries([...m].sort().map(([k, v]) => [k, { count: v.count, sum: Math.round(v.sum * 100) / 100 }]));

describe('history mode through the real pipeline', () => {
  let pl: TestPipeline;
  let publisher: MqttPublisher;

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 4 });
    publisher = await connectPublisher({
      url: pl.env.MQTT_URL,
      qos: 1,
      maxOutstanding: 200,
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await publisher?.close();
    await pl?.close();
  });

  it('stores exactly the clean data once, in all three formats, although faults duplicate, reorder, hold back, split and garble messages', async () => {
    const cohort = await createFixtureCohort(pl.pool, 3);
    const options: HistoryOptions = {
      deviceIds: cohort.people.map((p) => p.deviceId),
      startMs: START,
      endMs: START + 86_400_000,
      chunkMs: 3_600_000,
      seed: 1,
      topicRoot: pl.topicRoot,
      format: 'mixed',
    };
    const rates = {
      duplicate: 0.1,
      'out-of-order': 0.05,
      offline: 0.03,
      malformed: 0.05,
      oversized: 0.02,
      'wrong-topic': 0.03,
      burst: 0.05,
    };
    const faults = { ...DEFAULT_FAULT_OPTIONS, rates };
    const kinds = [
      'duplicates',
      'reordered',
      'offlinePeriods',
      'backfilled',
      'malformed',
      'oversized',
      'wrongTopic',
      'bursts',
    ] as const;
    // the device ids are new each run: take the first seed under which every fault happens (runs are pure)
    let seed = 1;
    for (; seed < 100; seed++) {
      let probe: Emitter | undefined;
      await runHistory({ ...options, seed, faults }, { sink: capture(), onEmitter: (e) => (probe = e) });
      if (kinds.every((k) => probe!.faultCounts()![k] > 0)) break;
    }
    const clean = capture();
    await runHistory({ ...options, seed }, { sink: clean });
    let emitter: Emitter | undefined;
    const result = await runHistory({ ...options, seed, faults }, { sink: publisher, onEmitter: (e) => (emitter = e) });
    expect(result).toMatchObject({ completed: true, drained: true, counts: { failed: 0, outstanding: 0 } });
    const injected = emitter!.faultCounts()!;
    for (const k of kinds) expect(injected[k], k).toBeGreaterThan(0);
    expect(result.counts.sent).toBeGreaterThan(clean.payloads.length + injected.duplicates);
    await pl.drained();

    const pseudonyms = new Map(cohort.people.map((p) => [p.deviceId, p.pseudonym]));
    const expected = rounded(expectedPoints(clean.payloads, pseudonyms));
    let actual = rounded(await stored(pl));
    for (let i = 0; i < 40 && JSON.stringify(actual) !== JSON.stringify(expected); i++) {
      await new Promise((r) => setTimeout(r, 250));
      actual = rounded(await stored(pl));
    }
    expect(actual).toEqual(expected);
    // every person, and more metrics than any one format carries
    expect(new Set(Object.keys(expected).map((k) => k.split(' ')[1])).size).toBe(3);
    expect(new Set(Object.keys(expected).map((k) => k.split(' ')[0])).size).toBeGreaterThanOrEqual(6);

    // the dead-letter store holds exactly the rejects the simulator expected from what it injected
    expect(await pl.deadLetters.countsByReason()).toEqual(emitter!.expectedRejects());
  });
});
