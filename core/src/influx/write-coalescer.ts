import { InfluxError, type LineChunk } from './influx-client.js';

interface Waiting {
  chunk: LineChunk;
  resolve: (lines: number) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes the line bodies of concurrent jobs together: while `maxInFlight` requests are under way,
 * bodies wait and then go as one request of up to `maxLines` lines. InfluxDB pays per request
 * (parsing, the WAL's fsync): in the bench it spent 6.9 us of CPU per point on the workers'
 * 2,000-line bodies against 3.3 us on 5,000-line ones. Each caller learns the fate of its own
 * lines; when a combined request is refused as bad input, each body is written alone so one job's
 * bad lines cannot fail the others.
 */
export function createWriteCoalescer(
  write: (chunk: LineChunk) => Promise<number>,
  o: { maxLines: number; maxInFlight: number },
) {
  const waiting: Waiting[] = [];
  let inFlight = 0;

  function pump(): void {
    while (inFlight < o.maxInFlight && waiting.length) {
      const group: Waiting[] = [waiting.shift()!];
      let lines = group[0]!.chunk.lines;
      while (waiting.length && lines + waiting[0]!.chunk.lines <= o.maxLines) {
        lines += waiting[0]!.chunk.lines;
        group.push(waiting.shift()!);
      }
      inFlight++;
      void send(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  async function send(group: Waiting[]): Promise<void> {
    try {
      await write(combine(group.map((w) => w.chunk)));
      for (const w of group) w.resolve(w.chunk.lines);
    } catch (err) {
      if (group.length > 1 && err instanceof InfluxError && !err.retryable) {
        // find whose lines were refused; the rest are written (again: points overwrite themselves).
        // One at a time, within this request's slot, so maxInFlight still bounds the requests.
        for (const w of group) await write(w.chunk).then(w.resolve, w.reject);
        return;
      }
      for (const w of group) w.reject(err);
    }
  }

  return {
    /** Resolves with the number of lines once they are written; rejects as the write would. */
    write(chunk: LineChunk): Promise<number> {
      if (chunk.lines === 0) return Promise.resolve(0);
      return new Promise<number>((resolve, reject) => {
        waiting.push({ chunk, resolve, reject });
        pump();
      });
    },
  };
}

/** One body of several ('\n' between them; bodies carry no trailing newline). */
export function combine(chunks: LineChunk[]): LineChunk {
  if (chunks.length === 1) return chunks[0]!;
  const size = chunks.reduce((n, c) => n + c.body.byteLength, 0) + chunks.length - 1;
  const body = Buffer.allocUnsafe(size);
  let pos = 0;
  chunks.forEach((c, i) => {
    if (i > 0) body[pos++] = 10;
    body.set(c.body, pos);
    pos += c.body.byteLength;
  });
  return { body, lines: chunks.reduce((n, c) => n + c.lines, 0), ascii: chunks.every((c) => c.ascii) };
}
