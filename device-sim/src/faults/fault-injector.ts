import type { WireMessage } from '../message.js';
import { Stream, chance, hashString, rngFor, uniform, uniformInt } from '../random.js';
import { malformedPayload, oversizedPayload, type BadPayload, type MalformedVariant } from './bad-payloads.js';
import { emptyFaultCounts, type ExpectedRejects, type FaultKind, type FaultOptions } from './fault-options.js';

/** A message ready to publish. */
export interface Outgoing {
  topic: string;
  payload: Buffer;
  deviceId: string;
}

/** A device's message before faults: the object (for bad variants) and its wire form. */
export interface PendingMessage extends Outgoing {
  message: WireMessage;
}

interface DeviceFaultState {
  key: number;
  round: number;
  seq: number;
  offlineUntil: number | null;
  backlog: PendingMessage[];
  held: PendingMessage | null;
}

const VARIANTS: MalformedVariant[] = ['truncated-json', 'envelope', 'content'];

/**
 * Injects faults into each device's stream of messages, every decision drawn from generators
 * seeded by (seed, device, round or message number), so the same run injects the same faults.
 * Bad messages (malformed, oversized, on another device's topic) are sent in addition to the
 * good one, as a gateway retrying after a corrupted send would: the clean data still arrives.
 */
export function createFaultInjector(
  options: FaultOptions,
  seed: number,
  topicFor: (deviceId: string) => string,
  deviceIds: string[],
) {
  const counts = emptyFaultCounts();
  const expected: ExpectedRejects = {};
  const states = new Map<string, DeviceFaultState>();
  const rate = (k: FaultKind) => options.rates[k] ?? 0;
  const state = (deviceId: string) =>
    states.get(deviceId) ??
    states
      .set(deviceId, { key: hashString(deviceId), round: 0, seq: 0, offlineUntil: null, backlog: [], held: null })
      .get(deviceId)!;
  const bad = (deviceId: string, b: BadPayload, out: Outgoing[]) => {
    out.push({ topic: topicFor(deviceId), payload: b.payload, deviceId });
    expected[b.reason] = (expected[b.reason] ?? 0) + 1;
  };
  const otherTopic = (deviceId: string, draw: number) => {
    const others = deviceIds.filter((d) => d !== deviceId);
    return topicFor(others.length ? others[Math.floor(draw * others.length)]! : 'sim-other-device');
  };

  function emit(m: PendingMessage, s: DeviceFaultState, out: Outgoing[]): void {
    const rng = rngFor(seed, Stream.fault, s.key, 2, s.seq);
    const seq = s.seq++;
    const [late, dup, mal, over, wrong] = (
      ['out-of-order', 'duplicate', 'malformed', 'oversized', 'wrong-topic'] as const
    ).map((k) => chance(rng, rate(k)));
    const variant = VARIANTS[uniformInt(rng, 0, VARIANTS.length - 1)]!;
    const otherDraw = uniform(rng, 0, 1);
    // seq makes each bad payload unique: the dead-letter store keeps identical ones once
    if (mal) {
      counts.malformed++;
      bad(m.deviceId, malformedPayload(variant, m.message, m.payload, seq), out);
    }
    if (over) {
      counts.oversized++;
      bad(m.deviceId, oversizedPayload(m.deviceId, options.oversizedBytes, seq), out);
    }
    if (wrong) {
      counts.wrongTopic++;
      out.push({ topic: otherTopic(m.deviceId, otherDraw), payload: m.payload, deviceId: m.deviceId });
      expected.topic_mismatch = (expected.topic_mismatch ?? 0) + 1;
    }
    if (late && !s.held) {
      counts.reordered++;
      s.held = m; // goes out after the device's next message
      return;
    }
    out.push(m);
    if (dup) {
      counts.duplicates++;
      out.push(m);
    }
    if (s.held) {
      out.push(s.held);
      s.held = null;
    }
  }

  return {
    /** Clock error of a device (0 for most): drawn once per device. */
    skewFor(deviceId: string): number {
      const rng = rngFor(seed, Stream.fault, state(deviceId).key, 3);
      if (!chance(rng, rate('clock-skew'))) return 0;
      const magnitude = Math.round(uniform(rng, 60_000, Math.max(60_000, options.maxSkewMs)) / 1000) * 1000;
      return chance(rng, 0.5) ? magnitude : -magnitude;
    },
    /** Whether this round of the device goes out as a burst of small messages. */
    burstNow(deviceId: string): boolean {
      const s = state(deviceId);
      return chance(rngFor(seed, Stream.fault, s.key, 4, s.round), rate('burst'));
    },
    countBurst(extraMessages: number): void {
      counts.bursts++;
      counts.burstExtraMessages += extraMessages;
    },
    countSkewedDevice(): void {
      counts.skewedDevices++;
    },
    /** What to publish now for one round of a device (offline: nothing until it reconnects). */
    route(deviceId: string, messages: PendingMessage[], atMs: number): Outgoing[] {
      const s = state(deviceId);
      const rng = rngFor(seed, Stream.fault, s.key, 1, s.round++);
      const out: Outgoing[] = [];
      if (s.offlineUntil !== null && atMs >= s.offlineUntil) {
        const backlog = s.backlog;
        s.backlog = [];
        s.offlineUntil = null;
        counts.backfilled += backlog.length;
        for (const m of backlog) emit(m, s, out);
      }
      if (s.offlineUntil === null && chance(rng, rate('offline'))) {
        s.offlineUntil = atMs + uniform(rng, options.offlineMinMs, options.offlineMaxMs);
        counts.offlinePeriods++;
      }
      if (s.offlineUntil !== null) s.backlog.push(...messages);
      else for (const m of messages) emit(m, s, out);
      return out;
    },
    /** At the end: devices still offline reconnect, held messages go out. */
    flush(): Outgoing[] {
      const out: Outgoing[] = [];
      for (const s of states.values()) {
        counts.backfilled += s.backlog.length;
        for (const m of s.backlog) emit(m, s, out);
        s.backlog = [];
        s.offlineUntil = null;
        if (s.held) out.push(s.held);
        s.held = null;
      }
      return out;
    },
    counts: () => ({ ...counts }),
    expectedRejects: (): ExpectedRejects => ({ ...expected }),
  };
}

export type FaultInjector = ReturnType<typeof createFaultInjector>;
