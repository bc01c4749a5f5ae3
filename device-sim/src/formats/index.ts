import { WIRE_FORMATS, type ReadingInput, type WireFormat } from '../../../core/src/index.js';
import { buildCanonicalMessages, buildVendorMessage, type WireMessage } from '../message.js';
import { toFitbitDays } from './fitbit-intraday.js';
import { GARMIN_EPOCH_MS, toGarminPush } from './garmin-epoch.js';

export { toFitbitDays } from './fitbit-intraday.js';
export { GARMIN_EPOCH_MS, toGarminPush } from './garmin-epoch.js';

/** What `--format` accepts: a wire format, or `mixed` (devices take the formats in turn). */
export const SIM_FORMATS = [...WIRE_FORMATS, 'mixed'] as const;
export type SimFormat = (typeof SIM_FORMATS)[number];

/** The wire format of the i-th device (in the order given): `mixed` cycles through all formats. */
export function formatForDevice(format: SimFormat, index: number): WireFormat {
  return format === 'mixed' ? WIRE_FORMATS[index % WIRE_FORMATS.length]! : format;
}

/** Readings of one device -> the messages of its wire format (none when nothing is expressible). */
export function encodeReadings(
  format: WireFormat,
  deviceId: string,
  readings: ReadingInput[],
  sentAtMs: number,
): WireMessage[] {
  if (readings.length === 0) return [];
  if (format === 'canonical') return buildCanonicalMessages(deviceId, readings, sentAtMs);
  if (format === 'fitbit-intraday') {
    const days = toFitbitDays(readings);
    if (days.length === 0) return [];
    return [buildVendorMessage(deviceId, format, days.length === 1 ? days[0]! : days, sentAtMs)];
  }
  const push = toGarminPush(readings);
  return push ? [buildVendorMessage(deviceId, format, push, sentAtMs)] : [];
}

export interface DeviceEncoder {
  readonly format: WireFormat;
  /** Messages for the readings of the span ending at sentAtMs. */
  encode(readings: ReadingInput[], sentAtMs: number): WireMessage[];
  /** Whatever is held back (an unfinished Garmin epoch), at the end of a run. */
  flush(sentAtMs: number): WireMessage[];
}

/**
 * The encoder of one device. Garmin sends whole 15-minute epochs: steps of an epoch that has not
 * ended by sentAtMs wait for a later message; everything else goes at once.
 */
export function createDeviceEncoder(format: WireFormat, deviceId: string): DeviceEncoder {
  let held: ReadingInput[] = [];
  return {
    format,
    encode(readings, sentAtMs) {
      if (format !== 'garmin-epoch') return encodeReadings(format, deviceId, readings, sentAtMs);
      const boundary = Math.floor(sentAtMs / GARMIN_EPOCH_MS) * GARMIN_EPOCH_MS;
      const all = [...held, ...readings];
      const waits = (r: ReadingInput) =>
        r.metric === 'step_count' && Math.floor(Date.parse(r.start) / GARMIN_EPOCH_MS) * GARMIN_EPOCH_MS >= boundary;
      held = all.filter(waits);
      return encodeReadings(
        format,
        deviceId,
        all.filter((r) => !waits(r)),
        sentAtMs,
      );
    },
    flush(sentAtMs) {
      const rest = held;
      held = [];
      return encodeReadings(format, deviceId, rest, sentAtMs);
    },
  };
}
