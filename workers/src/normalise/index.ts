import {
  JAPAN_TZ,
  MESSAGE_SCHEMA_ID,
  isVendorMessage,
  type DeadLetterReason,
  type DeviceEnrolments,
  type Reading,
  type ReadingInput,
  type ReadingsMessage,
  type VendorFormat,
  type VendorMessage,
} from '../../../core/src/index.js';
import { normaliseCanonical } from './canonical.adapter.js';
import { normaliseFitbitIntraday } from './fitbit-intraday.adapter.js';
import { normaliseGarminEpoch } from './garmin-epoch.adapter.js';
import type { Adapter, AdapterContext, RejectedReading } from './types.js';

export type { AdapterContext, AdapterResult, RejectedReading } from './types.js';

/** The adapter of each vendor format (canonical messages go to normaliseCanonical). */
export const VENDOR_ADAPTERS: Readonly<Record<VendorFormat, Adapter<VendorMessage>>> = {
  'fitbit-intraday': normaliseFitbitIntraday,
  'garmin-epoch': normaliseGarminEpoch,
};

export interface NormalisedMessage {
  readings: Reading[];
  /** For each reading, what a dead-letter entry keeps of it (the raw element, or the reading as canonical input). */
  raws: unknown[];
  rejected: RejectedReading[];
}

/** Strips the envelope fields from a reading: the canonical wire form of it. */
function toInput({ deviceId: _d, source: _s, ...input }: Reading): ReadingInput {
  return input;
}

/** Normalises a message with the adapter of its `source.format`. */
export function normaliseMessage(message: ReadingsMessage, ctx: AdapterContext): NormalisedMessage {
  if (!isVendorMessage(message)) {
    const { readings, rejected } = normaliseCanonical(message, ctx);
    // raw readings of the message, in the order of the valid ones
    const bad = new Set(rejected.map((r) => r.index));
    const raws = message.readings.filter((_, i) => !bad.has(i));
    return { readings, raws, rejected };
  }
  const { readings, rejected } = VENDOR_ADAPTERS[message.source.format](message, ctx);
  return { readings, raws: readings.map(toInput), rejected };
}

/**
 * Zone for local times without an offset: the envelope's `timeZone` hint, else the zone of the
 * person most recently enrolled on the device, else Asia/Tokyo.
 */
export function adapterTimeZone(message: ReadingsMessage, device: DeviceEnrolments | null): string {
  if (isVendorMessage(message) && message.timeZone) return message.timeZone;
  const latest = device?.spans.reduce<(typeof device.spans)[number] | undefined>(
    (a, s) => (!a || s.validFrom > a.validFrom ? s : a),
    undefined,
  );
  return latest?.timeZone ?? JAPAN_TZ;
}

/**
 * What a dead-letter entry of rejected parts of a message stores so it can be replayed: for a
 * canonical message, the message with just those readings; for a vendor message, the whole
 * message when its payload did not parse (`schema`), else a canonical message of the rejected
 * readings (already normalised, so they replay without the adapter).
 */
export function deadLetterPayload(message: ReadingsMessage, reason: DeadLetterReason, raws: unknown[]): unknown {
  if (!isVendorMessage(message)) return { ...message, readings: raws };
  if (reason === 'schema') return message;
  return {
    schema: MESSAGE_SCHEMA_ID,
    deviceId: message.deviceId,
    sentAt: message.sentAt,
    source: { vendor: message.source.vendor, format: 'canonical' },
    readings: raws,
  };
}
