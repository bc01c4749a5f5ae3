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

/**
 * A reading of the message's device and source. Fields are copied one by one: V8's object spread
 * of a JSON-parsed reading took ~5 us, the fields ~0.05 us (docs/performance.md). Optional fields
 * that are absent stay absent.
 */
export function withEnvelope(input: ReadingInput, deviceId: string, source: Reading['source']): Reading {
  const r: Reading = {
    metric: input.metric,
    start: input.start,
    value: input.value,
    unit: input.unit,
    deviceId,
    source,
  };
  if (input.end !== undefined) r.end = input.end;
  if (input.stage !== undefined) r.stage = input.stage;
  if (input.status !== undefined) r.status = input.status;
  if (input.quality !== undefined) r.quality = input.quality;
  return r;
}

/** Collects the readings of one message, stamping the envelope's device and source. */
export function createReadingCollector(message: { deviceId: string; source: Reading['source'] }) {
  const readings: Reading[] = [];
  const rejected: RejectedReading[] = [];
  return {
    add(input: ReadingInput): void {
      readings.push(withEnvelope(input, message.deviceId, message.source));
    },
    reject(raw: unknown, detail: string): void {
      rejected.push({ index: rejected.length, raw, detail });
    },
    result: (): AdapterResult => ({ readings, rejected }),
  };
}

export type ReadingCollector = ReturnType<typeof createReadingCollector>;
