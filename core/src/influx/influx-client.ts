import { HttpError, InfluxDB, Point } from '@influxdata/influxdb-client';

export { Point };

export interface InfluxOptions {
  url: string;
  database: string;
  retentionPolicy?: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
  /** Write bodies larger than this many bytes are sent gzipped; 0 never compresses (the default). */
  gzipThreshold?: number;
}

/** Lines of protocol as one request body (see LineBuffer). */
export interface LineChunk {
  body: Uint8Array;
  lines: number;
  /** Every byte below 0x80 (then read as latin1, a plain copy, instead of decoding UTF-8). */
  ascii?: boolean;
}

const isChunk = (v: readonly string[] | LineChunk): v is LineChunk => !Array.isArray(v);

/** One series of an InfluxQL result. */
export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

interface InfluxQueryResponse {
  results?: Array<{ statement_id?: number; series?: InfluxSeries[]; error?: string }>;
  error?: string;
}

/** An InfluxDB failure; `retryable` is false when sending the same request again cannot help (bad data). */
export class InfluxError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly statusCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'InfluxError';
  }
}

/** Timestamps are written in milliseconds; the URL states the same precision. */
const toMs = (v: string | number | Date | undefined) =>
  v === undefined ? undefined : String(v instanceof Date ? v.getTime() : Math.trunc(Number(v)));

/**
 * InfluxDB v1 HTTP API (line protocol on /write, InfluxQL on /query), served by InfluxDB 1.x,
 * by 2.7+ through DBRP mappings and by 3.x's compatibility endpoints. Uses the official
 * client's Point and transport; its WriteApi targets /api/v2/write, which 1.x lacks.
 */
export function createInfluxClient(opts: InfluxOptions) {
  const headers: Record<string, string> = {};
  if (opts.username) {
    headers.authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password ?? ''}`).toString('base64')}`;
  }
  const influx = new InfluxDB({ url: opts.url, timeout: opts.timeoutMs ?? 10_000, headers });
  const transport = influx.transport;
  const gzipThreshold = opts.gzipThreshold ? opts.gzipThreshold : undefined;

  function toLine(point: Point): string | undefined {
    return point.toLineProtocol({ convertTime: toMs });
  }

  /** Writes points (ms timestamps); an empty list is a no-op. */
  async function writePoints(points: Point[], database = opts.database): Promise<number> {
    const lines: string[] = [];
    for (const p of points) {
      const line = toLine(p);
      if (line) lines.push(line);
    }
    return writeLines(lines, database);
  }

  /**
   * Writes lines of protocol with ms timestamps: a list, or a body of `lines` lines (LineBuffer's
   * take()). Nothing to write is a no-op.
   */
  async function writeLines(lines: readonly string[] | LineChunk, database = opts.database): Promise<number> {
    // the transport takes a string (it JSON-encodes anything else) and encodes it once more as UTF-8
    const [body, count] = isChunk(lines)
      ? [
          Buffer.from(lines.body.buffer, lines.body.byteOffset, lines.body.byteLength).toString(
            lines.ascii ? 'latin1' : 'utf8',
          ),
          lines.lines,
        ]
      : [lines.join('\n'), lines.length];
    if (count === 0) return 0;
    const rp = opts.retentionPolicy ? `&rp=${encodeURIComponent(opts.retentionPolicy)}` : '';
    try {
      await transport.request(`/write?db=${encodeURIComponent(database)}${rp}&precision=ms`, body, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        gzipThreshold,
      });
    } catch (err) {
      throw toInfluxError('write', err);
    }
    return count;
  }

  /** Runs InfluxQL; times come back as epoch milliseconds. Throws on any statement error. */
  async function query(q: string, database: string | null = opts.database): Promise<InfluxSeries[][]> {
    const form = new URLSearchParams({ q, epoch: 'ms' });
    if (database) form.set('db', database);
    let body: InfluxQueryResponse;
    try {
      body = (await transport.request('/query', form.toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      })) as InfluxQueryResponse;
    } catch (err) {
      throw toInfluxError('query', err);
    }
    if (body?.error) throw new InfluxError(`query: ${body.error}`, false);
    return (body?.results ?? []).map((r) => {
      if (r.error) throw new InfluxError(`query: ${r.error}`, false);
      return r.series ?? [];
    });
  }

  async function ping(): Promise<boolean> {
    try {
      await transport.request('/ping', '', { method: 'GET' });
      return true;
    } catch {
      return false;
    }
  }

  async function createDatabase(name = opts.database): Promise<void> {
    await query(`CREATE DATABASE ${quoteIdent(name)}`, null);
  }

  async function dropDatabase(name: string): Promise<void> {
    await query(`DROP DATABASE ${quoteIdent(name)}`, null);
  }

  return { writePoints, writeLines, query, ping, createDatabase, dropDatabase, toLine, database: opts.database };
}

export type InfluxClient = ReturnType<typeof createInfluxClient>;

function toInfluxError(op: string, err: unknown): InfluxError {
  if (err instanceof HttpError) {
    // 4xx is the data's fault (field type conflict, parse error) except 429 and 408.
    const retryable = err.statusCode >= 500 || err.statusCode === 429 || err.statusCode === 408;
    return new InfluxError(`${op}: HTTP ${err.statusCode} ${err.body ?? ''}`.trim(), retryable, err.statusCode, {
      cause: err,
    });
  }
  return new InfluxError(`${op}: ${(err as Error)?.message ?? String(err)}`, true, undefined, { cause: err });
}

/** Quotes an InfluxQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Quotes an InfluxQL string literal. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The client of a process from its validated `influxFragment` settings. */
export function createInfluxFromConfig(c: {
  INFLUX_URL: string;
  INFLUX_DB: string;
  INFLUX_RP?: string;
  INFLUX_USERNAME?: string;
  INFLUX_PASSWORD?: string;
  INFLUX_TIMEOUT: number;
  INFLUX_GZIP_MIN_BYTES?: number;
}): InfluxClient {
  return createInfluxClient({
    url: c.INFLUX_URL,
    database: c.INFLUX_DB,
    retentionPolicy: c.INFLUX_RP,
    username: c.INFLUX_USERNAME,
    password: c.INFLUX_PASSWORD,
    timeoutMs: c.INFLUX_TIMEOUT,
    gzipThreshold: c.INFLUX_GZIP_MIN_BYTES ?? 0,
  });
}
