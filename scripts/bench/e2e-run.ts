import type { InfluxClient } from '../../core/src/index.js';
import { say, waitStored } from './measure-util.js';
import { runPublishers, type PublishSpec } from './publishers.js';

export interface E2eResult {
  readings: number;
  stored: number;
  lost: number;
  duplicated: number;
  seconds: number;
  readings_per_s: number;
  publish_readings_per_s: number;
}

/**
 * End to end: publish as fast as the pipeline takes it, until every reading is visible in
 * InfluxDB; rate = readings / (last visible - first publish). Readings are unique per
 * (device, time), so stored < published means lost and stored > published duplicated.
 */
export async function measureEndToEnd(
  influx: InfluxClient,
  pub: PublishSpec,
  idle: () => Promise<boolean>,
  timeoutMs: number,
  progress: (stored: number) => void = () => {},
): Promise<E2eResult> {
  let publishing = true;
  const publish = runPublishers(pub).finally(() => (publishing = false));
  const expected = pub.messages * pub.perMessage;
  const [totals, seen] = await Promise.all([
    publish,
    waitStored(influx, pub.vendor, () => expected, () => publishing, idle, timeoutMs, progress),
  ]);
  const published = totals.readings;
  if (totals.errors) say(`${totals.errors} publish errors`);
  const seconds = (seen.completeAt - totals.firstAt) / 1000;
  return {
    readings: published,
    stored: seen.stored,
    lost: Math.max(0, published - seen.stored),
    duplicated: Math.max(0, seen.stored - published),
    seconds: Number(seconds.toFixed(2)),
    readings_per_s: Math.round(seen.stored / seconds),
    publish_readings_per_s: Math.round(published / ((totals.lastAckAt - totals.firstAt) / 1000)),
  };
}
