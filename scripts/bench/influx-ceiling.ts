import { say } from './measure-util.js';

/**
 * The raw InfluxDB write ceiling: line protocol of the pipeline's shape (heart_rate, tags person,
 * device, source, one float field, ms time), `batch` lines per request, `writers` requests at a time.
 */
export async function measureInfluxCeiling(opts: {
  url: string;
  database: string;
  auth?: string;
  points: number;
  batch: number;
  writers: number;
  devices: number;
  t0: number;
}): Promise<{ points: number; seconds: number; points_per_s: number }> {
  const batches = Math.ceil(opts.points / opts.batch);
  let next = 0;
  const lines = (b: number) => {
    const out: string[] = [];
    for (let i = b * opts.batch; i < Math.min(opts.points, (b + 1) * opts.batch); i++) {
      const d = i % opts.devices;
      const t = opts.t0 + Math.floor(i / opts.devices) * 1000;
      out.push(`heart_rate,device=bench-w${d},person=pbench${d},source=bench-raw value=${55 + (i % 60)} ${t}`);
    }
    return out.join('\n');
  };
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (opts.auth) headers.authorization = opts.auth;
  const url = `${opts.url}/write?db=${encodeURIComponent(opts.database)}&precision=ms`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.writers }, async () => {
      for (let b = next++; b < batches; b = next++) {
        const res = await fetch(url, { method: 'POST', headers, body: lines(b) });
        if (res.status !== 204) throw new Error(`influx write: HTTP ${res.status} ${await res.text()}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  say(`influx ceiling: ${opts.points} points in ${seconds.toFixed(1)} s`);
  return { points: opts.points, seconds: Number(seconds.toFixed(2)), points_per_s: Math.round(opts.points / seconds) };
}
