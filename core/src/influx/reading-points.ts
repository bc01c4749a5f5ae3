import { Point, escape } from '@influxdata/influxdb-client';
import type { Reading } from '../schemas/reading.schema.js';
import type { LineBuffer } from './line-buffer.js';

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

const DURATION = Buffer.from(' duration_ms=');
const INT_NEXT = Buffer.from('i,');
const QUALITY = Buffer.from('quality=');
const VALUE = Buffer.from('value=');

/** "measurement,tag=value,…" as UTF-8, and whether it is plain ASCII. */
interface SeriesKey {
  bytes: Buffer;
  ascii: boolean;
}

/** What a line needs of a reading besides its series (times come parsed). */
type LineFields = Pick<Reading, 'metric' | 'value' | 'stage' | 'status' | 'quality'>;

/**
 * Line protocol of readings, the same text `readingToPoint` gives (ms timestamps) without a Point
 * per reading: the escaped series key ("measurement,tag=value,…") is made by Point once per series
 * and reused, fields and time are written as Point formats them, straight into a LineBuffer.
 * A unit test holds the two equal.
 */
export class ReadingLines {
  // person -> device -> vendor: no key string built per lookup (one per message when messages are small)
  private readonly groups = new Map<string, Map<string, Map<string, SeriesLines>>>();
  private size = 0;

  constructor(private readonly maxGroups = 50_000) {}

  /** The lines of one person's readings from one device and source. */
  of(personKey: string, deviceId: string, vendor: string): SeriesLines {
    let devices = this.groups.get(personKey);
    let vendors = devices?.get(deviceId);
    let g = vendors?.get(vendor);
    if (g) return g;
    if (this.size >= this.maxGroups) {
      this.groups.clear();
      this.size = 0;
      devices = vendors = undefined;
    }
    if (!devices) this.groups.set(personKey, (devices = new Map()));
    if (!vendors) devices.set(deviceId, (vendors = new Map()));
    vendors.set(vendor, (g = new SeriesLines(personKey, deviceId, vendor)));
    this.size++;
    return g;
  }
}

export class SeriesLines {
  /** metric[|stage|status] -> escaped series key */
  private readonly keys = new Map<string, SeriesKey>();
  private lastMetric = '';
  private lastKey: SeriesKey = { bytes: Buffer.alloc(0), ascii: true };

  constructor(
    private readonly personKey: string,
    private readonly deviceId: string,
    private readonly vendor: string,
  ) {}

  /** Appends the line of one reading (ms timestamp) to `out`. */
  append(out: LineBuffer, r: LineFields, startMs: number, endMs: number | undefined): void {
    let key: SeriesKey | undefined;
    if (r.stage === undefined && r.status === undefined) {
      // runs of one metric are the rule: skip the lookup
      if (r.metric === this.lastMetric) key = this.lastKey;
      else {
        key = this.keys.get(r.metric);
        if (key === undefined) this.keys.set(r.metric, (key = this.seriesKey(r)));
        this.lastMetric = r.metric;
        this.lastKey = key;
      }
    } else {
      const k = `${r.metric}|${r.stage ?? ''}|${r.status ?? ''}`;
      key = this.keys.get(k);
      if (key === undefined) this.keys.set(k, (key = this.seriesKey(r)));
    }
    // Point's floatField and intField refuse the same values
    if (!Number.isFinite(r.value)) throw new Error(`invalid float value for field 'value': ${r.value}`);
    const duration = endMs === undefined ? 0 : endMs - startMs;
    if (Number.isNaN(duration) || Math.abs(duration) >= 9223372036854776e3) {
      throw new Error(`invalid integer value for field 'duration_ms': '${duration}'!`);
    }
    const quality = r.quality?.length ? escape.quoted(r.quality.join(',')) : undefined;
    out.begin(key.bytes.length + 100 + (quality ? 3 * quality.length + 9 : 0));
    out.bytes(key.bytes, key.ascii);
    if (endMs !== undefined) {
      out.bytes(DURATION);
      out.number(Math.floor(duration));
      out.bytes(INT_NEXT);
    } else out.byte(32);
    if (quality) {
      out.bytes(QUALITY);
      out.utf8(quality);
      out.byte(44);
    }
    out.bytes(VALUE);
    out.number(r.value);
    out.byte(32);
    out.number(Math.trunc(startMs));
  }

  private seriesKey(r: LineFields): SeriesKey {
    const p = new Point(r.metric)
      .tag(InfluxTag.person, this.personKey)
      .tag(InfluxTag.device, this.deviceId)
      .tag(InfluxTag.source, this.vendor)
      .floatField('value', 0);
    if (r.stage) p.tag(InfluxTag.stage, r.stage);
    if (r.status) p.tag(InfluxTag.status, r.status);
    const bytes = Buffer.from(p.toLineProtocol({ convertTime: () => undefined })!.slice(0, -' value=0'.length));
    return { bytes, ascii: bytes.every((c) => c < 0x80) };
  }
}
