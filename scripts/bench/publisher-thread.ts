// One publisher thread: MQTT 5 QoS 1 messages in the canonical wire format (device-sim's builder,
// core's schema), either as fast as the window of unacknowledged messages allows (burst) or on a
// steady schedule of watches (steady). Reports progress to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import mqtt from 'mqtt';
import { deviceTopic } from '../../core/src/index.js';
import { buildReadingsMessage } from '../../device-sim/src/message.js';

export interface PublisherJob {
  url: string;
  topicRoot: string;
  connections: number;
  inflight: number;
  /** Devices of this thread. */
  devices: string[];
  vendor: string;
  mode: 'burst' | 'steady';
  /** burst: messages of this thread and readings per message; reading times start at t0, 1 s apart per device. */
  messages: number;
  perMessage: number;
  t0: number;
  /** steady: each device sends one reading (stamped with the publish time) every intervalMs, for durationMs. */
  intervalMs: number;
  durationMs: number;
  /** steady: the watches whose readings are counted per 100 ms bucket for the latency (a sample of all);
   * they send as vendor `${vendor}-sample`, so InfluxDB finds their series by one tag value. */
  sampled?: string[];
}

export type PublisherReport =
  | { type: 'progress'; published: number; readings: number }
  /** steady: readings of sampled watches stamped in 100 ms bucket `bucket`: how many, and the sum of their publish times. */
  | { type: 'buckets'; buckets: Array<[bucket: number, n: number, sumMs: number]> }
  | { type: 'done'; published: number; readings: number; firstAt: number; lastAckAt: number; errors: number };

import { BUCKET_MS } from './measure-util.js';
const job = workerData as PublisherJob;
const jst = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
const post = (r: PublisherReport) => parentPort!.postMessage(r);

const clients = await Promise.all(
  Array.from({ length: job.connections }, () => mqtt.connectAsync(job.url, { protocolVersion: 5, reconnectPeriod: 1000 })),
);
const source = { vendor: job.vendor, format: 'canonical' } as const;
let inflight = 0;
let published = 0;
let readings = 0;
let errors = 0;
let lastAckAt = 0;
let waiter: (() => void) | undefined;

function send(
  deviceId: string,
  body: ReturnType<typeof buildReadingsMessage>['readings'],
  now: number,
  from: typeof source = source,
): void {
  const payload = JSON.stringify(buildReadingsMessage(deviceId, body, now, from));
  inflight++;
  clients[published % clients.length]!.publish(deviceTopic(job.topicRoot, deviceId), payload, { qos: 1 }, (err) => {
    inflight--;
    if (err) errors++;
    lastAckAt = Date.now();
    waiter?.();
  });
  published++;
  readings += body.length;
}

const firstAt = Date.now();
const progress = setInterval(() => post({ type: 'progress', published, readings }), 250);
if (job.mode === 'burst') {
  const D = job.devices.length;
  for (let m = 0; m < job.messages; m++) {
    while (inflight >= job.inflight * clients.length) await new Promise<void>((r) => (waiter = r));
    const c = Math.floor(m / D); // this device's c-th message
    const base = job.t0 + c * job.perMessage * 1000;
    const body = Array.from({ length: job.perMessage }, (_, j) => ({
      metric: 'heart_rate' as const,
      start: jst(base + j * 1000),
      value: 55 + ((m + j) % 60),
      unit: '/min',
    }));
    send(job.devices[m % D]!, body, Date.now());
    if (m % 64 === 0) await new Promise((r) => setImmediate(r)); // let acknowledgements in
  }
} else {
  const D = job.devices.length;
  const every = job.intervalMs / D;
  const buckets = new Map<number, [number, number]>();
  const flushBuckets = () => {
    post({ type: 'buckets', buckets: [...buckets].map(([b, [n, s]]) => [b, n, s]) });
    buckets.clear();
  };
  const report = setInterval(flushBuckets, 100);
  const sampled = new Set(job.sampled ?? []);
  const sampleSource = { ...source, vendor: `${job.vendor}-sample` };
  let s = 0;
  while (Date.now() - firstAt < job.durationMs) {
    const now = Date.now();
    for (; firstAt + s * every <= now; s++) {
      const deviceId = job.devices[s % D]!;
      const inSample = sampled.has(deviceId);
      if (inSample) {
        const bucket = Math.floor(now / BUCKET_MS);
        const b = buckets.get(bucket) ?? [0, 0];
        b[0]++;
        b[1] += now;
        buckets.set(bucket, b);
      }
      // a watch sends every intervalMs, so (device, time) is unique
      const reading = { metric: 'heart_rate', start: jst(now), value: 55 + (s % 60), unit: '/min' } as const;
      send(deviceId, [reading], now, inSample ? sampleSource : source);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  clearInterval(report);
  flushBuckets();
}
while (inflight > 0) await new Promise<void>((r) => (waiter = r));
clearInterval(progress);
post({ type: 'done', published, readings, firstAt, lastAckAt, errors });
await Promise.all(clients.map((c) => c.endAsync()));
