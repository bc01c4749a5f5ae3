import {
  ReadingInputSchema,
  describeZodError,
  type ReadingsMessage,
  type Reading,
} from '../../../core/src/index.js';

export interface RejectedReading {
  index: number;
  raw: unknown;
  detail: string;
}

/** Canonical wire format -> canonical readings; each bad reading is rejected alone. */
export function normaliseCanonical(message: ReadingsMessage): { readings: Reading[]; rejected: RejectedReading[] } {
  const readings: Reading[] = [];
  const rejected: RejectedReading[] = [];
  message.readings.forEach((raw, index) => {
    const r = ReadingInputSchema.safeParse(raw);
    if (r.success) readings.push({ ...r.data, deviceId: message.deviceId, source: message.source });
    else rejected.push({ index, raw, detail: `readings.${index}: ${describeZodError(r.error)}` });
  });
  return { readings, rejected };
}
