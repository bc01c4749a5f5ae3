/**
 * Metric catalogue (../shared/METRICS.md): names follow Open mHealth / IEEE 1752.1, codes are LOINC,
 * units are UCUM. Hard ranges mark a value as implausible (excluded and dead-lettered); they are
 * defaults that a deployment may override through configuration.
 */
export const METRIC_NAMES = [
  'heart_rate',
  'step_count',
  'oxygen_saturation',
  'body_temperature',
  'sleep',
  'skin_temperature_deviation',
  'battery_level',
  'device_status',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * sample: a value at an instant; interval: an amount over [start, end); session: an episode part
 * (sleep stage); summary: a device aggregate over [start, end) (a night's skin temperature);
 * event: something that happened at an instant (device status), value 1.
 */
export type MetricKind = 'sample' | 'interval' | 'session' | 'summary' | 'event';

/** How a time window of the metric is aggregated. */
export type Aggregation = 'mean' | 'sum';

export interface MetricDefinition {
  name: MetricName;
  kind: MetricKind;
  loinc: string | null;
  /** UCUM unit string carried by every canonical reading of this metric. */
  unit: string;
  /** Inclusive plausible range of `value`. */
  range: { min: number; max: number };
  /** For intervals: the most `value` may be per minute of interval (steps). */
  maxPerMinute?: number;
  aggregation: Aggregation;
  label: { ja: string; en: string };
}

export const SLEEP_STAGES = ['awake', 'light', 'deep', 'rem', 'asleep_unspecified'] as const;
export type SleepStage = (typeof SLEEP_STAGES)[number];

/**
 * Device status events (metric `device_status`, stored as the tag `status`): wear, charging and
 * power transitions a watch reports, which tell "not worn" and "flat" apart from "no activity".
 */
export const DEVICE_STATUSES = [
  'on_wrist',
  'off_wrist',
  'charging_started',
  'charging_stopped',
  'battery_low',
  'powered_off',
  'powered_on',
] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const METRICS: Readonly<Record<MetricName, MetricDefinition>> = {
  heart_rate: {
    name: 'heart_rate',
    kind: 'sample',
    loinc: '8867-4',
    unit: '/min',
    range: { min: 25, max: 250 },
    aggregation: 'mean',
    label: { ja: '心拍数', en: 'Heart rate' },
  },
  step_count: {
    name: 'step_count',
    kind: 'interval',
    loinc: '55423-8',
    unit: '{steps}',
    range: { min: 0, max: 60_000 },
    maxPerMinute: 250,
    aggregation: 'sum',
    label: { ja: '歩数', en: 'Steps' },
  },
  oxygen_saturation: {
    name: 'oxygen_saturation',
    kind: 'sample',
    loinc: '59408-5',
    unit: '%',
    range: { min: 50, max: 100 },
    aggregation: 'mean',
    label: { ja: '血中酸素飽和度', en: 'Oxygen saturation' },
  },
  body_temperature: {
    name: 'body_temperature',
    kind: 'sample',
    loinc: '8310-5',
    unit: 'Cel',
    range: { min: 33, max: 43 },
    aggregation: 'mean',
    label: { ja: '体温', en: 'Body temperature' },
  },
  sleep: {
    name: 'sleep',
    kind: 'session',
    loinc: null,
    unit: 'min',
    range: { min: 0, max: 24 * 60 },
    aggregation: 'sum',
    label: { ja: '睡眠', en: 'Sleep' },
  },
  skin_temperature_deviation: {
    name: 'skin_temperature_deviation',
    kind: 'summary',
    loinc: null,
    unit: 'Cel',
    range: { min: -5, max: 5 },
    aggregation: 'mean',
    label: { ja: '皮膚温の変動（夜間）', en: 'Nightly skin temperature deviation' },
  },
  battery_level: {
    name: 'battery_level',
    kind: 'sample',
    loinc: null,
    unit: '%',
    range: { min: 0, max: 100 },
    aggregation: 'mean',
    label: { ja: '電池残量', en: 'Battery level' },
  },
  device_status: {
    name: 'device_status',
    kind: 'event',
    loinc: null,
    unit: '{event}',
    range: { min: 1, max: 1 },
    aggregation: 'sum',
    label: { ja: '端末の状態', en: 'Device status' },
  },
};

/** True when the metric's readings cover a time span (start and end). */
export function isSpanMetric(metric: MetricName): boolean {
  const kind = METRICS[metric].kind;
  return kind === 'interval' || kind === 'session' || kind === 'summary';
}
