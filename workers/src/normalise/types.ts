import type { Reading, ReadingInput } from '../../../core/src/index.js';

/** What an adapter needs besides the message. */
export interface AdapterContext {
  /** IANA zone that local times without an offset are read in (Fitbit). */
  timeZone: string;
}

/** A part of a message that could not become a reading, with the zod path of why. */
export interface RejectedReading {
  index: number;
  raw: unknown;
  detail: string;
}

export interface AdapterResult {
  readings: Reading[];
  rejected: RejectedReading[];
}

/** A pure function from one message of its format to canonical readings. */
export type Adapter<M> = (message: M, ctx: AdapterContext) => AdapterResult;

/** Collects the readings of one message, stamping the envelope's device and source. */
export function createReadingCollector(message: { deviceId: string; source: Reading['source'] }) {
  const readings: Reading[] = [];
  const rejected: RejectedReading[] = [];
  return {
    add(input: ReadingInput): void {
      readings.push({ ...input, deviceId: message.deviceId, source: message.source });
    },
    reject(raw: unknown, detail: string): void {
      rejected.push({ index: rejected.length, raw, detail });
    },
    result: (): AdapterResult => ({ readings, rejected }),
  };
}

export type ReadingCollector = ReturnType<typeof createReadingCollector>;
