import { describe, expect, it } from 'vitest';
import { createPublisher, type PublishClient } from '../../device-sim/src/publisher.js';

/** A client whose publishes settle only when the test says so. */
function manualClient() {
  const pending: Array<{ topic: string; resolve: () => void; reject: (e: Error) => void }> = [];
  const client = {
    publishAsync: (topic: string) =>
      new Promise((resolve, reject) => pending.push({ topic, resolve: () => resolve(undefined), reject })),
  } as unknown as PublishClient;
  return { client, pending };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('publisher', () => {
  it('counts sent when handed over, acked on PUBACK and failed on error', async () => {
    const { client, pending } = manualClient();
    const pub = createPublisher(client, { qos: 1 });
    for (let i = 0; i < 3; i++) await pub.publish(`t/${i}`, Buffer.from('{}'));
    expect(pub.counts()).toEqual({ sent: 3, acked: 0, failed: 0, outstanding: 3 });
    pending[0]!.resolve();
    pending[1]!.reject(new Error('not authorised'));
    await tick();
    expect(pub.counts()).toEqual({ sent: 3, acked: 1, failed: 1, outstanding: 1 });
  });

  it('waits before publishing more than maxOutstanding unacknowledged messages', async () => {
    const { client, pending } = manualClient();
    const pub = createPublisher(client, { qos: 1, maxOutstanding: 2 });
    await pub.publish('a', Buffer.from('1'));
    await pub.publish('b', Buffer.from('2'));
    let third = false;
    const p = pub.publish('c', Buffer.from('3')).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    expect(pending).toHaveLength(2);
    pending[0]!.resolve();
    await p;
    expect(pending.map((x) => x.topic)).toEqual(['a', 'b', 'c']);
  });

  it('gives up waiting for room when the signal aborts', async () => {
    const { client } = manualClient();
    const pub = createPublisher(client, { qos: 1, maxOutstanding: 1 });
    await pub.publish('a', Buffer.from('1'));
    const stop = new AbortController();
    const p = pub.publish('b', Buffer.from('2'), stop.signal);
    stop.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(pub.counts().sent).toBe(1);
  });

  it('drains: true once every publish settled, false when the bound passes first', async () => {
    const { client, pending } = manualClient();
    const pub = createPublisher(client, { qos: 1 });
    await pub.publish('a', Buffer.from('1'));
    await pub.publish('b', Buffer.from('2'));
    expect(await pub.drain(50)).toBe(false);
    setTimeout(() => pending.forEach((x) => x.resolve()), 10);
    expect(await pub.drain(5_000)).toBe(true);
    expect(pub.counts()).toEqual({ sent: 2, acked: 2, failed: 0, outstanding: 0 });
  });
});
