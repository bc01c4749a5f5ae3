import { Worker } from 'node:worker_threads';
import type { PublisherJob, PublisherReport } from './publisher-thread.js';

type Done = Extract<PublisherReport, { type: 'done' }>;

export interface PublishSpec extends Omit<PublisherJob, 'devices' | 'messages'> {
  threads: number;
  devices: string[];
  /** burst: messages in all (split over the threads). */
  messages: number;
}

/** Runs the publisher threads; `onReport` sees every progress and bucket report. Resolves with the totals. */
export async function runPublishers(
  spec: PublishSpec,
  onReport: (thread: number, r: PublisherReport) => void = () => {},
): Promise<{ published: number; readings: number; firstAt: number; lastAckAt: number; errors: number }> {
  const { threads, devices, messages, ...rest } = spec;
  const done = await Promise.all(
    Array.from({ length: threads }, (_, k) => {
      const job: PublisherJob = {
        ...rest,
        // disjoint devices per thread, so (device, time) stays unique across threads
        devices: devices.filter((_, i) => i % threads === k),
        messages: Math.floor(messages / threads) + (k < messages % threads ? 1 : 0),
      };
      const w = new Worker(new URL('./ts-thread.mjs', import.meta.url), {
        workerData: { ...job, entry: new URL('./publisher-thread.ts', import.meta.url).href },
      });
      return new Promise<Done>((resolve, reject) => {
        w.on('message', (r: PublisherReport) => {
          onReport(k, r);
          if (r.type === 'done') resolve(r);
        });
        w.on('error', reject);
        w.on('exit', (code) => code !== 0 && reject(new Error(`publisher thread exited ${code}`)));
      });
    }),
  );
  return {
    published: done.reduce((a, d) => a + d.published, 0),
    readings: done.reduce((a, d) => a + d.readings, 0),
    firstAt: Math.min(...done.map((d) => d.firstAt)),
    lastAckAt: Math.max(...done.map((d) => d.lastAckAt)),
    errors: done.reduce((a, d) => a + d.errors, 0),
  };
}
