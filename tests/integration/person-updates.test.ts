import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../core/src/index.js';
import { parsePersonUpdate, personUpdatesChannel } from '../../core/src/events/person-updates.js';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { testEnv } from '../helpers/env.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

describe('workers announce whose data changed (live screens)', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;
  let people: FixturePerson[];
  const received: string[][] = [];
  const subscriber = createRedis(testEnv().REDIS_URL, 'worker');

  beforeAll(async () => {
    pl = await startTestPipeline({ rollupDebounce: '500ms' });
    people = (await createFixtureCohort(pl.pool, 2, { enrolledFrom: '2020-01-01T00:00:00Z' })).people;
    subscriber.on('message', (_ch: string, m: string) => received.push(parsePersonUpdate(m) ?? []));
    await subscriber.subscribe(personUpdatesChannel(pl.queuePrefix));
    pub = await createTestPublisher(pl.env.MQTT_URL, 1);
  });
  afterAll(async () => {
    await pub?.close();
    subscriber.disconnect();
    await pl?.close();
  });

  it('after storing readings and after the daily summary, only for the person whose data it is', async () => {
    const [wearer, other] = people as [FixturePerson, FixturePerson];
    await pub.publishMessage(pl.topicRoot, buildMessage(wearer.deviceId, heartRateSeries(Date.now() - 10 * 60_000, 5)));
    await pl.rollupsDone();
    await expect.poll(() => received.flat().filter((p) => p === wearer.pseudonym).length, { timeout: 15_000 }).toBe(2);
    expect(received.flat()).not.toContain(other.pseudonym);
  });
});
