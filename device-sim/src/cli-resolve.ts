import type { Command } from 'commander';
import { startOfLocalDay } from '../../core/src/index.js';
import { DAY_MS } from './day-factors.js';
import { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults/fault-options.js';
import type { SimFormat } from './formats/index.js';
import { SCENARIO_DEFAULTS, type ScenarioKind, type ScenarioOptions } from './scenario.js';

interface CommonCli {
  watches: number;
  /** Explicit device ids (--devices), or null to take them from the registry or the defaults. */
  devices: string[] | null;
  /** False with --no-registry: ignore DATABASE_URL. */
  registry: boolean;
  seed: number;
  qos: 0 | 1;
  maxOutstanding: number;
  format: SimFormat;
  dryRun: boolean;
  json: boolean;
  /** null when no fault is asked for. */
  faults: FaultOptions | null;
}

export interface LiveCli extends CommonCli {
  mode: 'live';
  intervalMs: number;
  speed: number;
  startMs: number;
  /** null: run until stopped. */
  endMs: number | null;
}

export interface HistoryCli extends CommonCli {
  mode: 'history';
  startMs: number;
  endMs: number;
  days: number;
  chunkMs: number;
  scenario: ScenarioOptions | null;
  truthFile: string | null;
}

export interface ReplayCli extends CommonCli {
  mode: 'replay';
  file: string | null;
  mapping: string | null;
  devicePrefix: string;
}

export type SimCli = LiveCli | HistoryCli | ReplayCli;

type Opts = Record<string, unknown>;

const camel = (flag: string) => flag.replace(/-(.)/g, (_, c: string) => c.toUpperCase());
const ONLY: Record<SimCli['mode'], string[]> = {
  live: ['interval', 'speed', 'duration'],
  history: [
    'days',
    'chunk',
    'scenario',
    'effect',
    'effectFromDay',
    'declineWeeks',
    'declineShare',
    'dropOutShare',
    'truthFile',
  ],
  replay: ['file', 'mapping', 'devicePrefix'],
};

/** Default alignment of the span: the interval when it divides an hour, else the minute. */
function alignDown(ms: number, intervalMs: number): number {
  const step = 3_600_000 % intervalMs === 0 ? intervalMs : 60_000;
  return Math.floor(ms / step) * step;
}

function faultOptions(o: Opts): FaultOptions | null {
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const kind of FAULT_KINDS) {
    const r = o[camel(`fault-${kind}`)];
    if (typeof r === 'number' && r > 0) rates[kind] = r;
  }
  if (Object.keys(rates).length === 0) return null;
  const n = (k: string) => o[k] as number;
  return {
    rates,
    offlineMinMs: n('offlineMin'),
    offlineMaxMs: n('offlineMax'),
    oversizedBytes: n('oversizedBytes'),
    maxSkewMs: n('maxSkew'),
  };
}

function scenarioOptions(o: Opts, days: number, seed: number, fail: (m: string) => never) {
  const kind = o.scenario as ScenarioKind | undefined;
  if (!kind) return { scenario: null, truthFile: null };
  const d = SCENARIO_DEFAULTS[kind];
  const scenario: ScenarioOptions = {
    kind,
    effect: (o.effect as number | undefined) ?? d.effect,
    fromDay: (o.effectFromDay as number | undefined) ?? d.fromDay,
    declineWeeks: (o.declineWeeks as number | undefined) ?? d.declineWeeks,
    declineShare: (o.declineShare as number | undefined) ?? d.declineShare,
    dropOutShare: (o.dropOutShare as number | undefined) ?? d.dropOutShare,
  };
  if (scenario.fromDay > days) fail(`error: --effect-from-day ${scenario.fromDay} is after the last of ${days} days`);
  return { scenario, truthFile: (o.truthFile as string | undefined) ?? `.data/sim/truth-${kind}-seed${seed}.json` };
}

/** Resolves the parsed options of a sim command into one mode's settings (checks what parsing cannot). */
export function resolveSimCli(cmd: Command, nowMs: number): SimCli {
  const o = cmd.opts<Opts>();
  const mode = cmd.processedArgs[0] as SimCli['mode'];
  const fail = (message: string): never => cmd.error(message);
  for (const [m, names] of Object.entries(ONLY)) {
    const given = names.find((k) => m !== mode && cmd.getOptionValueSource(k) === 'cli');
    if (given) fail(`error: --${given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to ${m} mode only`);
  }
  const devices = (o.devices as string[] | undefined) ?? null;
  const common: CommonCli = {
    watches: devices?.length ?? (o.watches as number),
    devices,
    registry: o.registry as boolean,
    seed: o.seed as number,
    qos: o.qos === 0 ? 0 : 1,
    maxOutstanding: o.maxOutstanding as number,
    format: o.format as SimFormat,
    dryRun: o.dryRun === true,
    json: o.json === true,
    faults: faultOptions(o),
  };
  if (common.faults && common.faults.offlineMinMs > common.faults.offlineMaxMs)
    fail('error: --offline-min is longer than --offline-max');
  const start = o.start as number | undefined;
  if (start !== undefined && start > nowMs)
    fail('error: --start is in the future; the simulator never runs ahead of the present');
  if (mode === 'replay') {
    if (common.format !== 'canonical') fail('error: replay sends hourly steps in the canonical format only');
    return {
      ...common,
      mode,
      file: (o.file as string) ?? null,
      mapping: (o.mapping as string) ?? null,
      devicePrefix: o.devicePrefix as string,
    };
  }
  if (mode === 'history') {
    const days = o.days as number;
    const startMs = start ?? startOfLocalDay(nowMs) - days * DAY_MS;
    const endMs = startMs + days * DAY_MS;
    if (endMs > nowMs) fail('error: the history would end in the future; choose an earlier --start or fewer --days');
    return {
      ...common,
      mode,
      startMs,
      endMs,
      days,
      chunkMs: o.chunk as number,
      ...scenarioOptions(o, days, common.seed, fail),
    };
  }
  const intervalMs = o.interval as number;
  const durationMs = o.duration as number | undefined;
  // with only a duration, the span ends at the latest interval boundary before now
  const startMs =
    start ?? (durationMs !== undefined ? alignDown(nowMs, intervalMs) - durationMs : startOfLocalDay(nowMs));
  const endMs = durationMs !== undefined ? startMs + durationMs : null;
  return { ...common, mode: 'live', intervalMs, speed: o.speed as number, startMs, endMs };
}
