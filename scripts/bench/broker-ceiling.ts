import { Worker } from 'node:worker_threads';
import { say, sleep } from './measure-util.js';
import { runPublishers, type PublishSpec } from './publishers.js';
import type { RawSubscriberJob } from './raw-subscriber-thread.js';

/**
 * The raw broker ceiling: the same publishers and message shapes as the pipeline runs, to a topic
 * root no ingest listens on, consumed by a counting subscriber group; time from the first publish
 * until the last message arrived.
 */
export async function measureBrokerCeiling(
  sub: RawSubscriberJob,
  pub: Omit<PublishSpec, 'topicRoot'>,
): Promise<{ messages: number; readings: number; seconds: number; messages_per_s: number; readings_per_s: number }> {
  const w = new Worker(new URL('./ts-thread.mjs', import.meta.url), {
        workerData: { ...sub, entry: new URL('./raw-subscriber-thread.ts', import.meta.url).href },
      });
  let got = 0;
  let lastAt = 0;
  await new Promise<void>((resolve, reject) => {
    w.on('message', (m: { type: string; messages?: number }) => {
      if (m.type === 'ready') resolve();
      if (m.type === 'count' && m.messages !== got) {
        got = m.messages!;
        lastAt = Date.now();
      }
    });
    w.on('error', reject);
  });
  const totals = await runPublishers({ ...pub, topicRoot: sub.topicRoot });
  const until = Date.now() + 30_000;
  while (got < totals.published && Date.now() < until) await sleep(20);
  const stopped = new Promise((r) => w.on('message', (m: { type: string }) => m.type === 'stopped' && r(m)));
  w.postMessage({ type: 'stop' });
  await stopped;
  await w.terminate();
  if (got < totals.published) say(`broker ceiling: only ${got} of ${totals.published} messages arrived`);
  const seconds = (lastAt - totals.firstAt) / 1000;
  const readings = got * pub.perMessage;
  say(`broker ceiling, ${pub.perMessage}/message: ${got} messages in ${seconds.toFixed(1)} s`);
  return {
    messages: got,
    readings,
    seconds: Number(seconds.toFixed(2)),
    messages_per_s: Math.round(got / seconds),
    readings_per_s: Math.round(readings / seconds),
  };
}
