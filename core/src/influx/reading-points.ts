import { Point } from '@influxdata/influxdb-client';
import type { Reading } from '../schemas/reading.schema.js';

/** Tag keys of every vitals series. `person` is the pseudonymous key, never a name. */
export const InfluxTag = {
  person: 'person',
  device: 'device',
  source: 'source',
  stage: 'stage',
  /** device_status events: what happened (part of the identity: two events at one instant are two points). */
  status: 'status',
} as const;

/**
 * Builds the point of one canonical reading. Identity is measurement + tags + time, all
 * deterministic, so a redelivered reading overwrites itself instead of adding a duplicate.
 */
export function readingToPoint(reading: Reading, personKey: string): Point {
  const startMs = Date.parse(reading.start);
  const p = new Point(reading.metric)
    .tag(InfluxTag.person, personKey)
    .tag(InfluxTag.device, reading.deviceId)
    .tag(InfluxTag.source, reading.source.vendor)
    .floatField('value', reading.value)
    .timestamp(startMs);
  if (reading.stage) p.tag(InfluxTag.stage, reading.stage);
  if (reading.status) p.tag(InfluxTag.status, reading.status);
  if (reading.end !== undefined) p.intField('duration_ms', Date.parse(reading.end) - startMs);
  if (reading.quality?.length) p.stringField('quality', reading.quality.join(','));
  return p;
}
