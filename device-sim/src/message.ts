import {
  MESSAGE_SCHEMA_ID,
  toZonedIso,
  type ReadingInput,
  type ReadingsMessage,
  type Source,
} from '../../core/src/index.js';

/** The simulator's source: an InfluxDB tag, so simulated data can be told from real data. */
export const SIM_SOURCE = { vendor: 'mimamori-sim', format: 'canonical' } as const satisfies Source;

/** A readings message whose readings are typed canonical readings (the envelope only knows unknown[]). */
export type CanonicalReadingsMessage = Omit<ReadingsMessage, 'readings'> & { readings: ReadingInput[] };

/**
 * Wraps canonical readings of one device in the MQTT/HTTP envelope (`ReadingsMessageSchema`).
 * `sentAt` carries the Japan offset like the readings. Not validated here, to stay cheap at load
 * test rates; the unit tests check every generated message against the schema.
 */
export function buildReadingsMessage(
  deviceId: string,
  readings: ReadingInput[],
  sentAtMs: number,
  source: Source = SIM_SOURCE,
): CanonicalReadingsMessage {
  return { schema: MESSAGE_SCHEMA_ID, deviceId, sentAt: toZonedIso(sentAtMs), source, readings };
}

/** The wire form: UTF-8 JSON. */
export function encodeMessage(message: CanonicalReadingsMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}
