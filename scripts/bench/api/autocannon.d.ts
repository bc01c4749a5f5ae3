// The part of autocannon 9's API the bench uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    headers?: Record<string, string>;
    requests?: Array<{ setupRequest?: (req: { path: string }) => { path: string } }>;
  }
  interface Result {
    requests: { total: number; average: number };
    latency: { max: number; p50: number; p99: number };
    non2xx: number;
    errors: number;
  }
  type Instance = EventEmitter & PromiseLike<Result>;
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
