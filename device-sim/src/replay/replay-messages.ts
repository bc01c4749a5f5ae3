import { JAPAN_TZ, createLocalTimeResolver, isoAtOffset, type ReadingInput } from '../../../core/src/index.js';
import { groupBy } from '../formats/local-parts.js';
import { buildCanonicalMessages, type CanonicalReadingsMessage } from '../message.js';
import type { HourlyStepsRow } from './fitabase-csv.js';

/** InfluxDB `source` tag of replayed rows: real data, told apart from the simulator's. */
export const REPLAY_VENDOR = 'fitabase-replay';
const HOUR = 3_600_000;

export interface ReplayMessage {
  deviceId: string;
  /** Local date of the readings (messages are sent date by date). */
  date: string;
  message: CanonicalReadingsMessage;
}

/** Default device of a Fitabase Id: `<prefix>-<Id>` (e.g. fb-1503960366). */
export const replayDeviceId = (prefix: string, id: string) => `${prefix}-${id}`;

/**
 * Hourly rows -> one canonical message per person and local date: a step_count interval of one
 * hour per row (value = StepTotal), local times read in `timeZone` (Japan time by default),
 * sent at the end of the date's last hour. Ordered by date, then device.
 */
export function replayMessages(
  rows: HourlyStepsRow[],
  deviceOf: (id: string) => string,
  timeZone = JAPAN_TZ,
): ReplayMessage[] {
  const resolve = createLocalTimeResolver(timeZone);
  const groups = groupBy(rows, (r) => `${r.date}\u0000${r.id}`);
  const keys = [...groups.keys()].sort();
  return keys.flatMap((k) => {
    const dayRows = groups.get(k)!.sort((a, b) => a.hour - b.hour);
    const deviceId = deviceOf(dayRows[0]!.id);
    const readings: ReadingInput[] = dayRows.map((r) => {
      const { ms, offsetMs } = resolve(r.date, `${String(r.hour).padStart(2, '0')}:00:00`);
      return {
        metric: 'step_count',
        start: isoAtOffset(ms, offsetMs),
        end: isoAtOffset(ms + HOUR, offsetMs),
        value: r.steps,
        unit: '{steps}',
      };
    });
    const sentAt = Date.parse(readings.at(-1)!.end!);
    return buildCanonicalMessages(deviceId, readings, sentAt, REPLAY_VENDOR).map((message) => ({
      deviceId,
      date: dayRows[0]!.date,
      message,
    }));
  });
}
