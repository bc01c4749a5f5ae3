import { TZDate } from '@date-fns/tz';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DeviceIdSchema, JAPAN_TZ, localDate, parseDurationMs, startOfLocalDay } from '../../core/src/index.js';

export interface SimCli {
  watches: number;
  /** Explicit device ids (--devices), or null to take them from the registry or the defaults. */
  devices: string[] | null;
  /** False with --no-registry: ignore DATABASE_URL. */
  registry: boolean;
  intervalMs: number;
  speed: number;
  startMs: number;
  /** null: run until stopped. */
  endMs: number | null;
  seed: number;
  qos: 0 | 1;
  maxOutstanding: number;
}

const integer = (min: number, max: number) => (text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`an integer from ${min} to ${max}`);
  return n;
};

const duration = (min: number, max: number) => (text: string) => {
  let ms: number;
  try {
    ms = parseDurationMs(text);
  } catch {
    throw new InvalidArgumentError('a duration such as 15s, 60s, 5m, 2h or 1d');
  }
  if (ms < min || ms > max) throw new InvalidArgumentError(`between ${min / 1000} s and ${max / 1000} s`);
  return ms;
};

const positive = (text: string) => {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('a positive number');
  return n;
};

const deviceList = (text: string) => {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = ids.filter((id) => !DeviceIdSchema.safeParse(id).success);
  if (ids.length === 0 || bad.length)
    throw new InvalidArgumentError(`bad device ids: ${bad.join(', ') || '(none given)'}`);
  return [...new Set(ids)];
};

/**
 * An instant: ISO 8601 with an offset (2026-11-30T09:00+09:00, ...Z), or a local date or
 * date-time without one, read in Asia/Tokyo (2026-11-30 is local midnight).
 */
export function parseStart(text: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (local) {
    const n = local.slice(1).map((v) => Number(v ?? 0));
    const ms = new TZDate(n[0]!, n[1]! - 1, n[2]!, n[3]!, n[4]!, n[5]!, JAPAN_TZ).getTime();
    // TZDate rolls 2026-02-30 over into March: refuse dates that do not exist
    if (localDate(ms) !== text.trim().slice(0, 10) || n[3]! > 23 || n[4]! > 59 || n[5]! > 59) {
      throw new InvalidArgumentError(`no such date or time: ${text}`);
    }
    return ms;
  }
  const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('an ISO date-time such as 2026-11-30T09:00+09:00, or 2026-11-30');
  return ms;
}

export function createSimCommand(): Command {
  return new Command('sim')
    .description('Publishes simulated canonical readings of the pilot watches over MQTT')
    .option('--watches <n>', 'number of watches', integer(1, 1_000_000), 30)
    .option('--devices <ids>', 'comma-separated device ids (overrides --watches and the registry)', deviceList)
    .option('--no-registry', 'ignore DATABASE_URL; use mmr-w-0001..N')
    .addOption(
      new Option('--interval <dur>', "simulated time between a watch's messages")
        .argParser(duration(1_000, 86_400_000))
        .default(60_000, '60s'),
    )
    .option('--speed <x>', 'simulated seconds per real second', positive, 1)
    .option(
      '--duration <dur>',
      'simulated span to generate (default: until stopped)',
      duration(1_000, 3_650 * 86_400_000),
    )
    .option(
      '--start <when>',
      'simulated start (default: the last --duration up to now, else local midnight today)',
      parseStart,
    )
    .option('--seed <n>', 'seed of the generated data', integer(0, Number.MAX_SAFE_INTEGER), 1)
    .option('--qos <0|1>', 'MQTT QoS of the publishes', integer(0, 1), 1)
    .option('--max-outstanding <n>', 'most unacknowledged publishes before waiting', integer(1, 100_000), 1000)
    .showHelpAfterError('(add --help for usage)');
}

/** Default alignment of the span: the interval when it divides an hour, else the minute. */
function alignDown(ms: number, intervalMs: number): number {
  const step = 3_600_000 % intervalMs === 0 ? intervalMs : 60_000;
  return Math.floor(ms / step) * step;
}

/** Parses the command line (without node and script) into resolved options. */
export function parseSimArgs(args: string[], opts: { nowMs?: number; command?: Command } = {}): SimCli {
  const cmd = opts.command ?? createSimCommand();
  cmd.parse(args, { from: 'user' });
  const o = cmd.opts<{
    watches: number;
    devices?: string[];
    registry: boolean;
    interval: number;
    speed: number;
    duration?: number;
    start?: number;
    seed: number;
    qos: number;
    maxOutstanding: number;
  }>();
  const nowMs = opts.nowMs ?? Date.now();
  if (o.start !== undefined && o.start > nowMs)
    cmd.error('error: --start is in the future; the simulator never runs ahead of the present');
  // with only a duration, the span ends at the latest interval boundary before now
  const startMs =
    o.start ?? (o.duration !== undefined ? alignDown(nowMs, o.interval) - o.duration : startOfLocalDay(nowMs));
  return {
    watches: o.devices?.length ?? o.watches,
    devices: o.devices ?? null,
    registry: o.registry,
    intervalMs: o.interval,
    speed: o.speed,
    startMs,
    endMs: o.duration !== undefined ? startMs + o.duration : null,
    seed: o.seed,
    qos: o.qos === 0 ? 0 : 1,
    maxOutstanding: o.maxOutstanding,
  };
}
