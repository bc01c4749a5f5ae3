// The broker ceiling's consumer: the same shared-subscription group shape and persistent sessions
// as ingest, but every message is acknowledged on receipt and only counted (no processing).
import { parentPort, workerData } from 'node:worker_threads';
import mqtt from 'mqtt';
import { deviceTopicFilter, sharedSubscription } from '../../core/src/index.js';

export interface RawSubscriberJob {
  url: string;
  username?: string;
  password?: string;
  topicRoot: string;
  connections: number;
  perMessage: number;
}

const job = workerData as RawSubscriberJob;
const clients = await Promise.all(
  Array.from({ length: job.connections }, (_, i) =>
    // credentials in the URL would win over the ingest account's
    mqtt.connectAsync(Object.assign(new URL(job.url), { username: '', password: '' }).toString(), {
      protocolVersion: 5,
      clientId: `bench-raw-${i}`,
      clean: false,
      properties: { sessionExpiryInterval: 3600 },
      username: job.username,
      password: job.password,
    }),
  ),
);
const filter = sharedSubscription('benchraw', deviceTopicFilter(job.topicRoot));
await Promise.all(clients.map((c) => c.subscribeAsync(filter, { qos: 1 })));
let messages = 0;
for (const c of clients) c.on('message', () => messages++);
parentPort!.postMessage({ type: 'ready' });
const timer = setInterval(() => parentPort!.postMessage({ type: 'count', messages, readings: messages * job.perMessage }), 50);
parentPort!.on('message', async (m: { type: string }) => {
  if (m.type !== 'stop') return;
  clearInterval(timer);
  await Promise.all(clients.map((c) => c.unsubscribeAsync(filter).then(() => c.endAsync())));
  parentPort!.postMessage({ type: 'stopped', messages });
});
