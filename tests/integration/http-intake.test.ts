import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceSecret } from '../../core/src/index.js';
import { buildMessage, heartRateSeries } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

describe('HTTP batch intake for phone gateways', () => {
  let pl: TestPipeline;
  let url: string;
  let a: { deviceId: string; secret: string };
  let b: { deviceId: string; secret: string };
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const post = (body: string | Buffer, auth?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body });

  beforeAll(async () => {
    pl = await startTestPipeline({ ingestEnv: { INGEST_HTTP_ENABLED: 'true', INGEST_HTTP_PORT: '0' } });
    url = `http://127.0.0.1:${pl.ingest.httpPort}/v1/ingest/readings`;
    const cohort = await createFixtureCohort(pl.pool, 2);
    a = { deviceId: cohort.people[0]!.deviceId, secret: (await issueDeviceSecret(pl.pool, cohort.people[0]!.deviceId)).secret };
    b = { deviceId: cohort.people[1]!.deviceId, secret: (await issueDeviceSecret(pl.pool, cohort.people[1]!.deviceId)).secret };
  });
  afterAll(async () => {
    await pl?.close();
  });

  it('answers 202 only once the readings are queued, and stores them', async () => {
    const t0 = Date.UTC(2026, 1, 1);
    const res = await post(JSON.stringify(buildMessage(a.deviceId, heartRateSeries(t0, 6))), basic(a.deviceId, a.secret));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 6 });
    await pl.drained();
    const r = await pl.influx.query(`SELECT count("value") FROM "heart_rate" WHERE "device" = '${a.deviceId}'`);
    expect(r[0]?.[0]?.values[0]?.[1]).toBe(6);
  });

  it('refuses missing or wrong credentials and an unknown device', async () => {
    const body = JSON.stringify(buildMessage(a.deviceId, heartRateSeries(0, 1)));
    expect((await post(body)).status).toBe(401);
    expect((await post(body, basic(a.deviceId, b.secret))).status).toBe(401);
    expect((await post(body, basic('nobody-1', 'x'))).status).toBe(401);
    expect((await post(body, 'Bearer abc')).status).toBe(401);
  });

  it('forbids a device to send readings of another device, and dead-letters the attempt', async () => {
    const res = await post(JSON.stringify(buildMessage(b.deviceId, heartRateSeries(0, 1))), basic(a.deviceId, a.secret));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('topic_mismatch');
    const dlq = await pl.deadLetters.list({ reason: 'topic_mismatch' });
    expect(dlq.some((e) => e.deviceId === a.deviceId)).toBe(true);
  });

  it('answers 400 with the reason for malformed bodies and 413 for oversized ones', async () => {
    const bad = await post('{"schema":', basic(a.deviceId, a.secret));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
    const wrong = await post(JSON.stringify({ deviceId: a.deviceId }), basic(a.deviceId, a.secret));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('schema');
    const huge = await post(Buffer.alloc(2 * 1024 * 1024, 0x20), basic(a.deviceId, a.secret));
    expect(huge.status).toBe(413);
  });
});
