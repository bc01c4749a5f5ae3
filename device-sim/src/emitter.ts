import { JAPAN_TZ, deviceTopic, type ReadingInput, type WireFormat } from '../../core/src/index.js';
import type { CareLevel } from './care-levels.js';
import {
  createFaultInjector,
  type FaultInjector,
  type Outgoing,
  type PendingMessage,
} from './faults/fault-injector.js';
import { anyFault, type FaultOptions } from './faults/fault-options.js';
import { applyClockSkew, splitForBurst } from './faults/reading-faults.js';
import { createDeviceEncoder, formatForDevice, type DeviceEncoder, type SimFormat } from './formats/index.js';
import { generateInterval } from './generate.js';
import { encodeMessage, type WireMessage } from './message.js';
import { createProfile, type WatchProfile } from './profile.js';
import type { PersonScenario } from './scenario.js';

export interface EmitterOptions {
  deviceIds: string[];
  seed: number;
  topicRoot: string;
  /** Wire format of every device, or `mixed`. Default canonical. */
  format?: SimFormat;
  timeZone?: string;
  /** Care levels known from the registry (others are drawn). */
  careLevels?: ReadonlyMap<string, CareLevel>;
  /** Scenario per device (history). */
  scenario?: ReadonlyMap<string, PersonScenario>;
  faults?: FaultOptions | null;
  /**
   * Replaces the format's encoder: one interval's canonical readings -> the payload (the seam
   * tests use). Faults other than clock skew and bursts do not apply to it.
   */
  encode?: (deviceId: string, readings: ReadingInput[], sentAtMs: number) => Buffer;
  /** Sees every interval's clean readings (before faults), e.g. to tally the truth of a scenario. */
  onReadings?: (deviceId: string, readings: ReadingInput[]) => void;
}

export interface SimWatch {
  deviceId: string;
  topic: string;
  profile: WatchProfile;
  format: WireFormat;
  encoder: DeviceEncoder;
  /** Clock error of this watch (clock-skew fault), ms. */
  skewMs: number;
}

const toPending =
  (w: SimWatch) =>
  (message: WireMessage): PendingMessage => ({
    topic: w.topic,
    deviceId: w.deviceId,
    message,
    payload: encodeMessage(message),
  });

/**
 * Turns simulated time into messages: per watch and interval, readings (pure in seed, device
 * and time) -> optional clock skew and burst split -> the watch's wire format -> optional
 * message faults. The caller paces the intervals and publishes what comes out, in order.
 */
export function createEmitter(opts: EmitterOptions) {
  const topicFor = (id: string) => deviceTopic(opts.topicRoot, id, 'readings');
  const faults: FaultInjector | null = anyFault(opts.faults)
    ? createFaultInjector(opts.faults, opts.seed, topicFor, opts.deviceIds)
    : null;
  const watches: SimWatch[] = opts.deviceIds.map((deviceId, i) => {
    const person = opts.scenario?.get(deviceId);
    const profile = createProfile(opts.seed, deviceId, opts.timeZone ?? JAPAN_TZ, {
      careLevel: opts.careLevels?.get(deviceId),
      effect: person?.effect ?? null,
      quitFromDay: person?.quitFromDay ?? null,
    });
    const format = formatForDevice(opts.format ?? 'canonical', i);
    const skewMs = faults?.skewFor(deviceId) ?? 0;
    if (skewMs !== 0) faults?.countSkewedDevice();
    return {
      deviceId,
      topic: topicFor(deviceId),
      profile,
      format,
      encoder: createDeviceEncoder(format, deviceId),
      skewMs,
    };
  });
  let readings = 0;

  function encodeWatch(w: SimWatch, rs: ReadingInput[], sentAtMs: number): Outgoing[] {
    if (opts.encode)
      return rs.length
        ? [{ topic: w.topic, deviceId: w.deviceId, payload: opts.encode(w.deviceId, rs, sentAtMs) }]
        : [];
    const groups = faults?.burstNow(w.deviceId) && rs.length > 1 ? splitForBurst(rs) : [rs];
    const pending = groups.flatMap((g) => w.encoder.encode(g, sentAtMs)).map(toPending(w));
    if (groups.length > 1) faults?.countBurst(Math.max(0, pending.length - 1));
    return faults ? faults.route(w.deviceId, pending, sentAtMs) : pending;
  }

  return {
    watches,
    /** Messages of one watch for the interval (fromMs, toMs]. */
    watchInterval(w: SimWatch, fromMs: number, toMs: number): Outgoing[] {
      const clean = generateInterval(w.profile, fromMs, toMs);
      readings += clean.length;
      opts.onReadings?.(w.deviceId, clean);
      return encodeWatch(w, applyClockSkew(clean, w.skewMs), toMs + w.skewMs);
    },
    /** What is still held at the end of a run (unfinished Garmin epochs, offline backlogs, a late message). */
    finish(atMs: number): Outgoing[] {
      const out: Outgoing[] = [];
      for (const w of watches) {
        const rest = w.encoder.flush(atMs + w.skewMs).map(toPending(w));
        if (rest.length) out.push(...(faults ? faults.route(w.deviceId, rest, atMs) : rest));
      }
      if (faults) out.push(...faults.flush());
      return out;
    },
    /** Canonical readings generated so far (before faults). */
    readings: () => readings,
    faultCounts: () => faults?.counts() ?? null,
    expectedRejects: () => faults?.expectedRejects() ?? null,
  };
}

export type Emitter = ReturnType<typeof createEmitter>;
