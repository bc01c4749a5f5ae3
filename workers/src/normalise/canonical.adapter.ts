import {
  describeZodError,
  safeParseReadingInput,
  type CanonicalMessage,
  type Reading,
} from '../../../core/src/index.js';
import { withEnvelope, type AdapterContext, type RejectedReading } from './types.js';

export type { RejectedReading } from './types.js';

/**
 * Canonical wire format -> canonical readings; each bad reading is rejected alone. Instants carry
 * their offsets, so the context's time zone is not needed.
 */
export function normaliseCanonical(
  message: CanonicalMessage,
  _ctx?: AdapterContext,
): { readings: Reading[]; rejected: RejectedReading[] } {
  const readings: Reading[] = [];
  const rejected: RejectedReading[] = [];
  message.readings.forEach((raw, index) => {
    const r = safeParseReadingInput(raw);
    if (r.success) readings.push(withEnvelope(r.data, message.deviceId, message.source));
    else rejected.push({ index, raw, detail: `readings.${index}: ${describeZodError(r.error)}` });
  });
  return { readings, rejected };
}
