import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDryRunSink, dryRunLine } from '../../device-sim/src/dry-run-sink.js';
import { buildSummary, formatSummary } from '../../device-sim/src/summary.js';

describe('dry run', () => {
  it('writes each message as a JSON line of topic and payload, text when the payload is not JSON', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    const sink = createDryRunSink(out);
    await sink.publish('r/v1/devices/a/readings', Buffer.from('{"x":1}'));
    await sink.publish('r/v1/devices/a/readings', Buffer.from('{"x":'));
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { topic: 'r/v1/devices/a/readings', payload: { x: 1 } },
      { topic: 'r/v1/devices/a/readings', payloadText: '{"x":' },
    ]);
    expect(sink.counts()).toEqual({ sent: 2, acked: 2, failed: 0, outstanding: 0 });
    expect(await sink.drain(1)).toBe(true);
    expect(dryRunLine('t', Buffer.from('[1]'))).toBe('{"topic":"t","payload":[1]}');
  });
});

describe('the final summary', () => {
  const base = {
    mode: 'history' as const,
    format: 'mixed',
    devices: 3,
    fromMs: Date.parse('2026-11-29T00:00:00+09:00'),
    result: {
      counts: { sent: 10, acked: 9, failed: 1, outstanding: 0 },
      reachedMs: Date.parse('2026-11-30T00:00:00+09:00'),
      completed: true,
      drained: true,
    },
    dryRun: false,
    startedAt: Date.now(),
    readings: 1234,
  };

  it('says where each number comes from: sent and acked, faults counted by the simulator, rejects from the dead-letter store', () => {
    const emitter = {
      faultCounts: () => ({ duplicates: 2, malformed: 1, offlinePeriods: 0 }),
      expectedRejects: () => ({ malformed_json: 1 }),
      readings: () => 1234,
    } as never;
    const s = buildSummary({
      ...base,
      emitter,
      rejected: { source: '{mimamori}', byReason: { malformed_json: 1, unknown_device: 4 }, settled: true },
      truthFile: 'truth.json',
    });
    expect(s).toMatchObject({
      from: '2026-11-29T00:00:00.000+09:00',
      to: '2026-11-30T00:00:00.000+09:00',
      readings: 1234,
      messages: { sent: 10, acked: 9, failed: 1 },
      faults: { injected: { duplicates: 2, malformed: 1 }, expectedRejects: { malformed_json: 1 } },
      rejected: { byReason: { malformed_json: 1, unknown_device: 4 } },
    });
    const text = formatSummary(s);
    expect(text).toMatch(
      /^final: history \| .* \| watches 3 \| format mixed \| readings 1234 \| sent 10 \| acked 9 \| failed 1\n/,
    );
    expect(text).toMatch(/faults injected \(counted by the simulator\): duplicates 2, malformed 1\n/);
    expect(text).toMatch(/rejects expected from them \(ingest defaults\): malformed_json 1\n/);
    expect(text).toMatch(
      /from the dead-letter store \{mimamori\} during the run: malformed_json 1, unknown_device 4\n/,
    );
    expect(text).toMatch(/truth: truth.json/);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('says plainly when rejects were not observed', () => {
    const s = buildSummary({ ...base, emitter: null, rejected: null, dryRun: true });
    expect(s.faults).toBeNull();
    expect(formatSummary(s)).toMatch(/\(dry run\)[\s\S]*rejected: not observed/);
  });
});
