import { describe, expect, it } from 'vitest';
import { InfluxError, combine, createWriteCoalescer, type LineChunk } from '../../core/src/index.js';

const chunk = (...lines: string[]): LineChunk => ({ body: Buffer.from(lines.join('\n')), lines: lines.length, ascii: true });
const text = (c: LineChunk) => Buffer.from(c.body).toString('latin1');

/** A fake InfluxDB: records bodies, answers when told, refuses bodies with a "bad" line. */
function fakeInflux() {
  const bodies: string[] = [];
  const pending: Array<() => void> = [];
  const write = (c: LineChunk) =>
    new Promise<number>((resolve, reject) => {
      const body = text(c);
      bodies.push(body);
      pending.push(() =>
        body.includes('bad') ? reject(new InfluxError('partial write: bad line', false, 400)) : resolve(c.lines),
      );
    });
  const answerAll = async () => {
    while (pending.length) {
      pending.splice(0).forEach((f) => f());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { write, bodies, answerAll };
}

describe('InfluxDB write coalescer', () => {
  it('sends bodies that arrive while a request is under way as one request, and tells each caller its own lines', async () => {
    const influx = fakeInflux();
    const c = createWriteCoalescer(influx.write, { maxLines: 100, maxInFlight: 1 });
    const first = c.write(chunk('a 1'));
    const rest = [c.write(chunk('b 1', 'b 2')), c.write(chunk('c 1')), c.write(chunk('d 1', 'd 2', 'd 3'))];
    await influx.answerAll();
    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual([2, 1, 3]);
    expect(influx.bodies).toEqual(['a 1', 'b 1\nb 2\nc 1\nd 1\nd 2\nd 3']);
  });

  it('keeps a request within maxLines and maxInFlight requests at a time', async () => {
    const influx = fakeInflux();
    const c = createWriteCoalescer(influx.write, { maxLines: 3, maxInFlight: 2 });
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => c.write(chunk(`${x} 1`, `${x} 2`)));
    expect(influx.bodies).toHaveLength(2);
    await influx.answerAll();
    await Promise.all(all);
    expect(influx.bodies.map((b) => b.split('\n').length).every((n) => n <= 3)).toBe(true);
    expect(influx.bodies.join('\n').split('\n').sort()).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((x) => [`${x} 1`, `${x} 2`]).sort(),
    );
  });

  it('writes each body alone when a combined request is refused, so only the bad one fails', async () => {
    const influx = fakeInflux();
    const c = createWriteCoalescer(influx.write, { maxLines: 100, maxInFlight: 1 });
    const first = c.write(chunk('a 1'));
    const good = c.write(chunk('g 1'));
    const bad = c.write(chunk('bad line'));
    const good2 = c.write(chunk('h 1'));
    const settled = Promise.allSettled([first, good, bad, good2]);
    await influx.answerAll();
    const [r0, r1, r2, r3] = await settled;
    expect([r0.status, r1.status, r2.status, r3.status]).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((r2 as PromiseRejectedResult).reason).toBeInstanceOf(InfluxError);
    expect(influx.bodies).toEqual(['a 1', 'g 1\nbad line\nh 1', 'g 1', 'bad line', 'h 1']);
  });

  it('writes the bodies of a refused request one by one, never more than maxInFlight requests at a time', async () => {
    let open = 0;
    let most = 0;
    const write = async (c: LineChunk) => {
      most = Math.max(most, ++open);
      await new Promise((r) => setTimeout(r, 2));
      open--;
      if (text(c).includes('bad')) throw new InfluxError('partial write: bad line', false, 400);
      return c.lines;
    };
    const c = createWriteCoalescer(write, { maxLines: 100, maxInFlight: 2 });
    const bodies = ['a', 'b', 'bad', 'c', 'd', 'e', 'f', 'g'].map((x) => c.write(chunk(`${x} 1`)));
    const results = await Promise.allSettled(bodies);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', ...Array(5).fill('fulfilled')]);
    expect(most).toBe(2);
  });

  it('fails every caller of a request that failed for a passing reason (the jobs are retried)', async () => {
    const c = createWriteCoalescer(() => Promise.reject(new InfluxError('timeout', true)), { maxLines: 100, maxInFlight: 1 });
    const results = await Promise.allSettled([c.write(chunk('a 1')), c.write(chunk('b 1'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('joins bodies with one newline and keeps the ASCII flag only when every body has it', () => {
    const joined = combine([chunk('x 1', 'x 2'), { body: Buffer.from('é 1'), lines: 1, ascii: false }]);
    expect(Buffer.from(joined.body).toString('utf8')).toBe('x 1\nx 2\né 1');
    expect(joined.lines).toBe(3);
    expect(joined.ascii).toBe(false);
  });
});
