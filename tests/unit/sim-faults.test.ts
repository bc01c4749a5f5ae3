import { describe, expect, it } from 'vitest';
import { CanonicalMessageSchema, type ReadingInput } from '../../core/src/index.js';
import { inspectMessage } from '../../ingest/src/message-intake.js';
import { defaultDeviceIds } from '../../device-sim/src/device-ids.js';
import type { Emitter } from '../../device-sim/src/emitter.js';
import { DEFAULT_FAULT_OPTIONS, type FaultKind } from '../../device-sim/src/faults/fault-options.js';
import type { SimFormat } from '../../device-sim/src/formats/index.js';
import { runHistory } from '../../device-sim/src/history.js';
import type { PublishCounts, ReadingsSink } from '../../device-sim/src/publisher.js';
import { normaliseMessage } from '../../workers/src/normalise/index.js';

const DAY0 = Date.parse('2026-11-29T00:00:00+09:00');
const MAX_BYTES = 1_048_576;

interface Sent {
  topic: string;
  payload: Buffer;
}

function recordingSink() {
  const sent: Sent[] = [];
  const counts: PublishCounts = { sent: 0, acked: 0, failed: 0, outstanding: 0 };
  const sink: ReadingsSink = {
    async publish(topic, payload) {
      sent.push({ topic, payload });
      counts.sent++;
      counts.acked++;
    },
    drain: async () => true,
    counts: () => ({ ...counts }),
  };
  return { sink, sent };
}

async function run(
  rates: Partial<Record<FaultKind, number>>,
  opts: { devices?: number; format?: SimFormat; seed?: number } = {},
) {
  const { sink, sent } = recordingSink();
  let emitter: Emitter | undefined;
  const faults = Object.keys(rates).length ? { ...DEFAULT_FAULT_OPTIONS, oversizedBytes: 1_100_000, rates } : null;
  await runHistory(
    {
      deviceIds: defaultDeviceIds(opts.devices ?? 6),
      startMs: DAY0,
      endMs: DAY0 + 86_400_000,
      chunkMs: 15 * 60_000,
      seed: opts.seed ?? 1,
      topicRoot: 'faults',
      format: opts.format ?? 'canonical',
      faults,
    },
    { sink, onEmitter: (e) => (emitter = e) },
  );
  return { sent, counts: emitter!.faultCounts(), expected: emitter!.expectedRejects() };
}

const text = (s: Sent) => `${s.topic} ${s.payload.toString()}`;
const multiset = (xs: Sent[]) => xs.map(text).sort();
/** What ingest and the workers make of one message: a dead-letter reason, or 'ok'. */
function verdict(s: Sent): string {
  const r = inspectMessage(s.topic, s.payload, MAX_BYTES, 1);
  if (!r.ok) return r.reject.reason;
  return normaliseMessage(r.received.message, { timeZone: 'Asia/Tokyo' }).rejected.length ? 'schema' : 'ok';
}
const within = (actual: number, expected: number, tolerance: number) => {
  expect(actual).toBeGreaterThanOrEqual(expected - tolerance);
  expect(actual).toBeLessThanOrEqual(expected + tolerance);
};

// generating weeks of data: slow on a busy machine
describe('fault injection', { timeout: 60_000 }, () => {
  it('injects nothing without a rate, and the same faults for the same seed', async () => {
    const clean = await run({});
    expect(clean.counts).toBeNull();
    const a = await run({ duplicate: 0.2, 'out-of-order': 0.1, malformed: 0.05 });
    const b = await run({ duplicate: 0.2, 'out-of-order': 0.1, malformed: 0.05 });
    expect(b.sent.map(text)).toEqual(a.sent.map(text));
    expect((await run({ duplicate: 0.2 }, { seed: 2 })).counts).not.toEqual((await run({ duplicate: 0.2 })).counts);
  });

  it('duplicate: publishes about rate x messages twice, right after themselves, nothing else changed', async () => {
    const clean = await run({});
    const { sent, counts } = await run({ duplicate: 0.1 });
    const repeats = sent.filter((s, i) => i > 0 && text(s) === text(sent[i - 1]!)).length;
    expect(repeats).toBe(counts!.duplicates);
    within(counts!.duplicates, 0.1 * clean.sent.length, 0.05 * clean.sent.length);
    expect(sent.filter((s, i) => i === 0 || text(s) !== text(sent[i - 1]!)).map(text)).toEqual(clean.sent.map(text));
  });

  it('out-of-order: sends each held message right after the next one, and every message once', async () => {
    const clean = await run({});
    const { sent, counts } = await run({ 'out-of-order': 0.05 });
    expect(multiset(sent)).toEqual(multiset(clean.sent));
    const sentAt = (s: Sent) => `${s.topic} ${CanonicalMessageSchema.parse(JSON.parse(s.payload.toString())).sentAt}`;
    const order = new Map(clean.sent.map((s, i) => [text(s), i]));
    const swapped = sent.filter(
      (s, i) => i > 0 && order.get(text(s))! < order.get(text(sent[i - 1]!))! && s.topic === sent[i - 1]!.topic,
    );
    expect(swapped.length).toBe(counts!.reordered);
    within(counts!.reordered, 0.05 * clean.sent.length, 0.04 * clean.sent.length);
    expect(swapped.every((s) => sentAt(s) < sentAt(sent[sent.indexOf(s) - 1]!))).toBe(true);
  });

  it('offline: holds a device’s messages while it is away and backfills them in order on reconnect', async () => {
    const clean = await run({});
    const { sent, counts } = await run({ offline: 0.02 });
    expect(multiset(sent)).toEqual(multiset(clean.sent));
    expect(counts!.offlinePeriods).toBeGreaterThan(0);
    expect(counts!.backfilled).toBeGreaterThan(counts!.offlinePeriods);
    // per device, the order of its own messages is kept; across devices, backfilled ones come late
    for (const topic of new Set(clean.sent.map((s) => s.topic))) {
      expect(sent.filter((s) => s.topic === topic).map(text)).toEqual(
        clean.sent.filter((s) => s.topic === topic).map(text),
      );
    }
    const late = sent.filter((s, i) => clean.sent.findIndex((c) => text(c) === text(s)) < i - 6).length;
    expect(late).toBeGreaterThanOrEqual(counts!.backfilled * 0.8);
  });

  it('clock-skew: shifts every instant of the skewed watches by one constant between 1 and 30 minutes', async () => {
    const clean = await run({}, { devices: 40 });
    const { sent, counts } = await run({ 'clock-skew': 0.25 }, { devices: 40 });
    within(counts!.skewedDevices, 10, 6);
    const readings = (xs: Sent[], topic: string) =>
      xs
        .filter((s) => s.topic === topic)
        .flatMap((s) => CanonicalMessageSchema.parse(JSON.parse(s.payload.toString())).readings as ReadingInput[]);
    let skewed = 0;
    for (const topic of new Set(clean.sent.map((s) => s.topic))) {
      const before = readings(clean.sent, topic);
      const after = readings(sent, topic);
      expect(after.map((r) => [r.metric, r.value])).toEqual(before.map((r) => [r.metric, r.value]));
      const shifts = new Set(after.map((r, i) => Date.parse(r.start) - Date.parse(before[i]!.start)));
      expect(shifts.size).toBe(1);
      const shift = Math.abs([...shifts][0]!);
      if (shift) skewed++;
      expect(shift === 0 || (shift >= 60_000 && shift <= 30 * 60_000)).toBe(true);
      expect(after.every((r) => r.start.endsWith('+09:00'))).toBe(true);
    }
    expect(skewed).toBe(counts!.skewedDevices);
  });

  it.each(['canonical', 'fitbit-intraday', 'garmin-epoch'] as const)(
    'malformed, oversized, wrong-topic (%s): extra messages that ingest or workers reject for the reason the simulator expects',
    async (format) => {
      const clean = await run({}, { format });
      const { sent, counts, expected } = await run(
        { malformed: 0.05, oversized: 0.02, 'wrong-topic': 0.03 },
        { format },
      );
      const verdicts = new Map<string, number>();
      const good: Sent[] = [];
      for (const s of sent) {
        const v = verdict(s);
        verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
        if (v === 'ok') good.push(s);
      }
      expect(multiset(good)).toEqual(multiset(clean.sent));
      const { ok: _ok, ...rejects } = Object.fromEntries(verdicts);
      expect(rejects).toEqual(expected);
      expect(counts!.malformed).toBe((expected!.malformed_json ?? 0) + (expected!.schema ?? 0));
      expect(counts!.oversized).toBe(expected!.oversized);
      expect(counts!.wrongTopic).toBe(expected!.topic_mismatch);
      within(counts!.malformed, 0.05 * clean.sent.length, 0.04 * clean.sent.length);
      expect(Object.keys(rejects).sort()).toEqual(['malformed_json', 'oversized', 'schema', 'topic_mismatch']);
      expect(new Set(sent.filter((s) => verdict(s) !== 'ok').map(text)).size).toBe(sent.length - good.length);
    },
  );

  it.each(['canonical', 'garmin-epoch'] as const)(
    'burst (%s): sends a round as several small messages holding the same readings',
    async (format) => {
      const clean = await run({}, { format });
      const { sent, counts } = await run({ burst: 0.1 }, { format });
      expect(sent.length).toBe(clean.sent.length + counts!.burstExtraMessages);
      within(counts!.bursts, 0.1 * clean.sent.length, 0.05 * clean.sent.length);
      const all = (xs: Sent[]) =>
        xs
          .flatMap((s) => normaliseMessage(JSON.parse(s.payload.toString()), { timeZone: 'Asia/Tokyo' }).readings)
          .map((r) => `${r.deviceId} ${r.metric} ${r.start} ${r.stage ?? r.status ?? ''} ${r.value}`)
          .sort();
      expect(all(sent)).toEqual(all(clean.sent));
    },
  );
});
