import { Scripts } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { fixBullmqFinishReplies, isBullmqFinishReplyFixed } from '../../core/src/index.js';

/** A Scripts `this` whose script answers `reply`; the next job's hash field counts string conversions. */
function scriptsAnswering(reply: (poison: object) => unknown) {
  let conversions = 0;
  const poison = { toString: () => (conversions++, 'data'), valueOf: () => (conversions++, 0) };
  const self = Object.create(Scripts.prototype) as Scripts;
  Object.assign(self, {
    queue: { client: Promise.resolve({}) },
    execCommand: async () => reply(poison),
    finishedErrors: ({ code }: { code: number }) => new Error(`finished error ${code}`),
  });
  return { self, conversions: () => conversions };
}

describe("BullMQ's moveToFinished reply check", () => {
  const original = Scripts.prototype.moveToFinished;

  it('turns the next job of the reply into a string in the installed BullMQ (the cost the fix removes)', async () => {
    const s = scriptsAnswering((poison) => [['data', poison], '7', 0, 0]);
    await original.call(s.self, '6', []);
    expect(s.conversions()).toBeGreaterThan(0);
  });

  it('after the fix: the next job passes untouched, a negative code still throws, nothing is undefined', async () => {
    fixBullmqFinishReplies();
    expect(isBullmqFinishReplyFixed()).toBe(true);
    const next = scriptsAnswering((poison) => [['data', poison, 'name', 'n'], '7', 0, 0]);
    const [job, id] = (await next.self.moveToFinished('6', [])) as [Record<string, unknown>, string];
    expect(next.conversions()).toBe(0);
    expect(id).toBe('7');
    expect(Object.keys(job)).toEqual(['data', 'name']);
    await expect(scriptsAnswering(() => -2).self.moveToFinished('6', [])).rejects.toThrow('finished error -2');
    expect(await scriptsAnswering(() => undefined).self.moveToFinished('6', [])).toBeUndefined();
    expect(await scriptsAnswering(() => 0).self.moveToFinished('6', [])).toEqual([]);
  });
});
