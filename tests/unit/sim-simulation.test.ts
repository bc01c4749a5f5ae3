import { describe, expect, it } from 'vitest';
import { CanonicalMessageSchema, ReadingInputSchema, deviceTopic } from '../../core/src/index.js';
import { runSimulation, type SimulationOptions } from '../../device-sim/src/simulation.js';
import type { PublishCounts, ReadingsSink } from '../../device-sim/src/publisher.js';

const NOW = Date.parse('2026-11-30T12:00:00+09:00');
const MIN = 60_000;

/** A sink that acknowledges at once and records when (by the fake wall clock) each message came. */
function recordingSink(now: () => number) {
  const messages: Array<{ topic: string; body: unknown; at: number }> = [];
  const counts: PublishCounts = { sent: 0, acked: 0, failed: 0, outstanding: 0 };
  const sink: ReadingsSink = {
    async publish(topic, payload) {
      messages.push({ topic, body: JSON.parse(payload.toString()), at: now() });
      counts.sent++;
      counts.acked++;
    },
    drain: async () => true,
    counts: () => ({ ...counts }),
  };
  return { sink, messages };
}

function fakeTime(start = NOW) {
  let now = start;
  return { now: () => now, wait: async (ms: number) => void (now += ms) };
}

const options = (over: Partial<SimulationOptions> = {}): SimulationOptions => ({
  deviceIds: ['mmr-w-0001', 'mmr-w-0002', 'mmr-w-0003'],
  intervalMs: MIN,
  speed: 600,
  startMs: NOW - 30 * MIN,
  endMs: NOW,
  seed: 1,
  topicRoot: 'simtest',
  ...over,
});

describe('runSimulation', () => {
  it('publishes one valid message per watch and interval to the device topics and returns the counts', async () => {
    const time = fakeTime();
    const { sink, messages } = recordingSink(time.now);
    const result = await runSimulation(options(), { sink, ...time });
    expect(result).toEqual({
      counts: { sent: 90, acked: 90, failed: 0, outstanding: 0 },
      reachedMs: NOW,
      completed: true,
      drained: true,
    });
    expect(new Set(messages.map((m) => m.topic))).toEqual(
      new Set(options().deviceIds.map((id) => deviceTopic('simtest', id))),
    );
    for (const m of messages) CanonicalMessageSchema.parse(m.body).readings.forEach((r) => ReadingInputSchema.parse(r));
    // 30 simulated minutes at 600x take 3 real seconds
    expect(time.now() - NOW).toBe(3_000);
  });

  it('never publishes a reading stamped after the wall clock at the time of publishing', async () => {
    const time = fakeTime();
    const { sink, messages } = recordingSink(time.now);
    // starts 10 simulated minutes back at 60x: it catches up after 10 s and then runs at real time
    await runSimulation(options({ speed: 60, startMs: NOW - 10 * MIN, endMs: NOW + 5 * MIN }), { sink, ...time });
    expect(messages).toHaveLength(45);
    for (const m of messages) {
      const body = CanonicalMessageSchema.parse(m.body);
      const instants = [body.sentAt, ...body.readings.flatMap((r) => Object.values(ReadingInputSchema.parse(r)))]
        .filter((v): v is string => typeof v === 'string' && /T\d\d:/.test(v))
        .map(Date.parse);
      expect(Math.max(...instants)).toBeLessThanOrEqual(m.at);
    }
    expect(time.now()).toBe(NOW + 5 * MIN);
  });

  it('ends the last interval at the simulated end when the duration is not a whole number of intervals', async () => {
    const time = fakeTime();
    const { sink, messages } = recordingSink(time.now);
    await runSimulation(options({ deviceIds: ['mmr-w-0001'], intervalMs: 5 * MIN, startMs: NOW - 12 * MIN }), {
      sink,
      ...time,
    });
    const sentAt = messages.map((m) => CanonicalMessageSchema.parse(m.body).sentAt.slice(11, 16));
    expect(sentAt).toEqual(['11:53', '11:58', '12:00']);
  });

  it('stops generating when aborted and still drains what was sent', async () => {
    const time = fakeTime();
    const stop = new AbortController();
    const { sink, messages } = recordingSink(time.now);
    let drained = false;
    const result = await runSimulation(options({ endMs: null }), {
      sink: { ...sink, drain: async () => (drained = true) },
      ...time,
      signal: stop.signal,
      onInterval: (ms) => {
        if (ms >= NOW - 20 * MIN) stop.abort();
      },
    });
    expect(messages).toHaveLength(30);
    expect(drained).toBe(true);
    expect(result.completed).toBe(false);
    expect(result.reachedMs).toBe(NOW - 20 * MIN);
  });
});

describe('runSimulation encoding', () => {
  it('hands each interval to a custom encoder, the seam for vendor formats and faults', async () => {
    const time = fakeTime();
    const { sink, messages } = recordingSink(time.now);
    const seen: string[] = [];
    await runSimulation(options({ deviceIds: ['mmr-w-0001'], startMs: NOW - 3 * MIN }), {
      sink,
      ...time,
      encode: (deviceId, readings, sentAtMs) => {
        seen.push(`${deviceId}@${new Date(sentAtMs).toISOString()}`);
        return Buffer.from(JSON.stringify({ vendor: true, n: readings.length }));
      },
    });
    expect(seen).toEqual(
      ['2026-11-30T02:58:00.000Z', '2026-11-30T02:59:00.000Z', '2026-11-30T03:00:00.000Z'].map(
        (t) => `mmr-w-0001@${t}`,
      ),
    );
    // a step minute and a heart rate each; 12:00 JST also brings oxygen saturation, temperature and battery
    expect(messages.map((m) => m.body)).toEqual([2, 2, 5].map((n) => ({ vendor: true, n })));
  });
});
