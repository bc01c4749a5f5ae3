import {
  MAX_READINGS_PER_MESSAGE,
  MESSAGE_SCHEMA_ID,
  toZonedIso,
  type ReadingInput,
  type Source,
  type VendorFormat,
  type VendorMessage,
} from '../../core/src/index.js';

/** The simulator's source: an InfluxDB tag, so simulated data can be told from real data. */
export const SIM_SOURCE = { vendor: 'mimamori-sim', format: 'canonical' } as const satisfies Source;

/** A canonical readings message whose readings are typed (the envelope only knows unknown[]). */
export interface CanonicalReadingsMessage {
  schema: typeof MESSAGE_SCHEMA_ID;
  deviceId: string;
  sentAt: string;
  source: Source & { format: 'canonical' };
  readings: ReadingInput[];
}

/** Any message the simulator sends. */
export type WireMessage = CanonicalReadingsMessage | VendorMessage;

/**
 * Wraps canonical readings of one device in the MQTT/HTTP envelope (`CanonicalMessageSchema`).
 * `sentAt` carries the Japan offset like the readings. Not validated here, to stay cheap at load
 * test rates; the unit tests check every generated message against the schema.
 */
export function buildReadingsMessage(
  deviceId: string,
  readings: ReadingInput[],
  sentAtMs: number,
  source: Source & { format: 'canonical' } = SIM_SOURCE,
): CanonicalReadingsMessage {
  return { schema: MESSAGE_SCHEMA_ID, deviceId, sentAt: toZonedIso(sentAtMs), source, readings };
}

/** Canonical messages of at most MAX_READINGS_PER_MESSAGE readings each (none for no readings). */
export function buildCanonicalMessages(
  deviceId: string,
  readings: ReadingInput[],
  sentAtMs: number,
  vendor: string = SIM_SOURCE.vendor,
): CanonicalReadingsMessage[] {
  const out: CanonicalReadingsMessage[] = [];
  for (let i = 0; i < readings.length; i += MAX_READINGS_PER_MESSAGE) {
    const chunk = readings.slice(i, i + MAX_READINGS_PER_MESSAGE);
    out.push(buildReadingsMessage(deviceId, chunk, sentAtMs, { vendor, format: 'canonical' }));
  }
  return out;
}

/** Wraps a vendor document in the envelope (`VendorMessageSchema`). */
export function buildVendorMessage(
  deviceId: string,
  format: VendorFormat,
  payload: VendorMessage['payload'],
  sentAtMs: number,
  vendor: string = SIM_SOURCE.vendor,
): VendorMessage {
  return { schema: MESSAGE_SCHEMA_ID, deviceId, sentAt: toZonedIso(sentAtMs), source: { vendor, format }, payload };
}

/** The wire form: UTF-8 JSON. */
export function encodeMessage(message: WireMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}
