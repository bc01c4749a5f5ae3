import { Scripts, raw2NextJobData } from 'bullmq';

/**
 * BullMQ (5.81, still so in 6.7) tests the reply of its moveToFinished script with `result < 0`
 * before looking at its type. When the worker takes its next job in the same script, as it does
 * whenever it is busy, the reply is an array holding that job's whole hash, and `array < 0` joins
 * it into one string and parses that as a number: a copy and a scan of the next job's data, some
 * 2.8 ms for a job of a few hundred readings and ~10 % of the workers' CPU in the one-reading
 * bench (docs/performance.md). This replaces the method with the same logic, type checked first.
 * Left alone when the installed BullMQ no longer has the comparison.
 */
type FinishMethod = (this: Scripts, jobId: string, args: Parameters<Scripts['moveToFinished']>[1]) => Promise<unknown[]>;

let applied = false;

export function isBullmqFinishReplyFixed(): boolean {
  return applied;
}

export function fixBullmqFinishReplies(): void {
  if (applied) return;
  const proto = Scripts.prototype as unknown as { moveToFinished: FinishMethod };
  if (!/\bresult\s*<\s*0\b/.test(proto.moveToFinished.toString())) return;
  const internal = (s: Scripts) =>
    s as unknown as {
      queue: { client: Promise<unknown> };
      execCommand(client: unknown, name: string, args: unknown[]): Promise<unknown>;
    };
  proto.moveToFinished = async function moveToFinished(jobId, args) {
    const self = internal(this);
    const result = await self.execCommand(await self.queue.client, 'moveToFinished', args);
    if (typeof result === 'number' && result < 0) {
      throw this.finishedErrors({ code: result, jobId, command: 'moveToFinished', state: 'active' });
    }
    return (result === undefined ? undefined : raw2NextJobData(result as unknown[])) as unknown[];
  };
  applied = true;
}
