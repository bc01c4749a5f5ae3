import { describe, expect, it } from 'vitest';
import { chooseDevices, defaultDeviceIds, type Queryable } from '../../device-sim/src/device-ids.js';
import { createSimCommand, parseSimArgs, parseStart, type LiveCli } from '../../device-sim/src/cli.js';
import { formatStatusLine, startStatusLine } from '../../device-sim/src/status-line.js';

const NOW = Date.parse('2026-11-30T10:15:42+09:00');

function parse(args: string[]) {
  const command = createSimCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return parseSimArgs(args, { nowMs: NOW, command });
}
const live = (args: string[]) => parse(args) as LiveCli;

describe('sim command line', () => {
  it('defaults to 30 watches every 60 s at real speed from local midnight, until stopped', () => {
    expect(parse([])).toEqual({
      mode: 'live',
      format: 'canonical',
      dryRun: false,
      json: false,
      faults: null,
      watches: 30,
      devices: null,
      registry: true,
      intervalMs: 60_000,
      speed: 1,
      startMs: Date.parse('2026-11-30T00:00:00+09:00'),
      endMs: null,
      seed: 1,
      qos: 1,
      maxOutstanding: 1000,
    });
  });

  it('ends a --duration span at the latest interval boundary before now', () => {
    const o = live(['--watches', '3', '--interval', '5m', '--speed', '600', '--duration', '30m']);
    expect(o.endMs).toBe(Date.parse('2026-11-30T10:15:00+09:00'));
    expect(o.startMs).toBe(Date.parse('2026-11-30T09:45:00+09:00'));
    expect(o).toMatchObject({ watches: 3, intervalMs: 300_000, speed: 600 });
  });

  it('reads --start as Japan local time without an offset and as given with one', () => {
    expect(parseStart('2026-11-29')).toBe(Date.parse('2026-11-29T00:00:00+09:00'));
    expect(parseStart('2026-11-29T06:30')).toBe(Date.parse('2026-11-29T06:30:00+09:00'));
    expect(parseStart('2026-11-28T21:00:00Z')).toBe(Date.parse('2026-11-29T06:00:00+09:00'));
    expect(() => parseStart('yesterday')).toThrow();
    expect(() => parseStart('2026-02-30')).toThrow(/no such date/);
    expect(live(['--start', '2026-11-29', '--duration', '1d']).endMs).toBe(Date.parse('2026-11-30T00:00:00+09:00'));
  });

  it('refuses a start in the future and values out of range', () => {
    expect(() => parse(['--start', '2026-12-01'])).toThrow(/future/);
    expect(() => parse(['--interval', '500ms'])).toThrow();
    expect(() => parse(['--speed', '0'])).toThrow();
    expect(() => parse(['--qos', '2'])).toThrow();
    expect(() => parse(['--devices', 'bad/id'])).toThrow();
  });

  it('takes --devices over --watches', () => {
    expect(parse(['--watches', '10', '--devices', 'mmr-w-0002, mmr-w-0005'])).toMatchObject({
      watches: 2,
      devices: ['mmr-w-0002', 'mmr-w-0005'],
    });
  });
});

describe('sim modes, formats, faults and scenarios on the command line', () => {
  const today = Date.parse('2026-11-30T00:00:00+09:00');

  it('generates history for the --days before today in hourly messages by default', () => {
    const o = parse(['history', '--days', '3']);
    expect(o).toMatchObject({
      mode: 'history',
      days: 3,
      chunkMs: 3_600_000,
      startMs: today - 3 * 86_400_000,
      endMs: today,
    });
    expect(o).toMatchObject({ scenario: null, truthFile: null });
  });

  it('fills a scenario with its defaults, and a truth file path, overridable one by one', () => {
    const o = parse(['history', '--days', '60', '--scenario', 'intervention', '--seed', '4']);
    expect(o).toMatchObject({
      scenario: { kind: 'intervention', effect: 0.12, fromDay: 29, dropOutShare: 0.1 },
      truthFile: '.data/sim/truth-intervention-seed4.json',
    });
    const d = parse([
      'history',
      '--days',
      '60',
      '--scenario',
      'decline',
      '--effect',
      '-0.4',
      '--decline-weeks',
      '3',
      '--truth-file',
      'x.json',
    ]);
    expect(d).toMatchObject({
      scenario: { kind: 'decline', effect: -0.4, fromDay: 15, declineWeeks: 3 },
      truthFile: 'x.json',
    });
    expect(() => parse(['history', '--days', '10', '--scenario', 'intervention'])).toThrow(/after the last/);
  });

  it('refuses options of another mode and a history that would end in the future', () => {
    expect(() => parse(['history', '--speed', '60'])).toThrow(/--speed applies to live mode only/);
    expect(() => parse(['--days', '3'])).toThrow(/--days applies to history mode only/);
    expect(() => parse(['replay', '--scenario', 'decline'])).toThrow(/history mode only/);
    expect(() => parse(['history', '--start', '2026-11-29', '--days', '2'])).toThrow(/future/);
    expect(() => parse(['replay', '--format', 'garmin-epoch'])).toThrow(/canonical/);
    expect(() => parse(['sideways'])).toThrow();
  });

  it('collects fault rates into fault options, and none without a rate', () => {
    const o = parse([
      'history',
      '--fault-duplicate',
      '0.1',
      '--fault-out-of-order',
      '0.05',
      '--fault-offline',
      '0.02',
      '--offline-max',
      '1h',
    ]);
    expect(o.faults).toEqual({
      rates: { duplicate: 0.1, 'out-of-order': 0.05, offline: 0.02 },
      offlineMinMs: 15 * 60_000,
      offlineMaxMs: 3_600_000,
      oversizedBytes: 1_100_000,
      maxSkewMs: 30 * 60_000,
    });
    expect(parse(['--fault-burst', '0']).faults).toBeNull();
    expect(() => parse(['--fault-duplicate', '1.5'])).toThrow();
    expect(() => parse(['--fault-offline', '0.1', '--offline-min', '2h', '--offline-max', '1h'])).toThrow(
      /offline-min/,
    );
  });

  it('takes a format, --dry-run and --json in every mode', () => {
    expect(parse(['history', '--format', 'mixed', '--dry-run', '--json'])).toMatchObject({
      format: 'mixed',
      dryRun: true,
      json: true,
    });
    expect(parse(['replay', '--mapping', 'm.json'])).toMatchObject({
      mode: 'replay',
      mapping: 'm.json',
      devicePrefix: 'fb',
      file: null,
    });
    expect(() => parse(['--format', 'csv'])).toThrow();
  });
});

describe('choosing devices', () => {
  const registry = (ids: string[]) => {
    const calls: unknown[][] = [];
    const db: Queryable & { end(): Promise<void> } = {
      query: async <R extends object>(_sql: string, params: unknown[]) => {
        calls.push(params);
        return { rows: ids.slice(0, params[0] as number).map((id) => ({ id })) as unknown as R[] };
      },
      end: async () => {},
    };
    return { registry: { connect: () => db }, calls };
  };

  it('uses explicit ids first, then the registry, then the seeded defaults', async () => {
    const { registry: reg, calls } = registry(['mmr-w-0007', 'mmr-w-0009']);
    const cli = { devices: null, registry: true, watches: 5 };
    expect(await chooseDevices({ ...cli, devices: ['x-1'] }, reg)).toMatchObject({ ids: ['x-1'], from: 'cli' });
    expect(await chooseDevices(cli, reg)).toMatchObject({ ids: ['mmr-w-0007', 'mmr-w-0009'], from: 'registry' });
    expect(calls[0]![0]).toBe(5);
    expect(await chooseDevices({ ...cli, registry: false }, reg)).toEqual({
      ids: defaultDeviceIds(5),
      from: 'default',
      careLevels: new Map(),
    });
    expect(await chooseDevices(cli, null)).toEqual({
      ids: defaultDeviceIds(5),
      from: 'default',
      careLevels: new Map(),
    });
    expect(defaultDeviceIds(30).at(-1)).toBe('mmr-w-0030');
  });

  it('takes the care level of each enrolled person from the registry, ignoring values it does not know', async () => {
    const db = {
      query: async <R extends object>() => ({
        rows: [
          { id: 'a', care_level: 'care_3' },
          { id: 'b', care_level: 'unknown' },
        ] as unknown as R[],
      }),
      end: async () => {},
    };
    const choice = await chooseDevices({ devices: null, registry: true, watches: 2 }, { connect: () => db });
    expect(choice.careLevels).toEqual(new Map([['a', 'care_3']]));
  });

  it('fails with advice when the registry has no enrolled device', async () => {
    await expect(chooseDevices({ devices: null, registry: true, watches: 5 }, registry([]).registry)).rejects.toThrow(
      /npm run seed/,
    );
  });
});

describe('status line', () => {
  const snapshot = {
    simMs: Date.parse('2026-11-30T10:15:00+09:00'),
    watches: 30,
    counts: { sent: 1234, acked: 1230, failed: 0, outstanding: 4 },
    connected: true,
  };

  it('shows simulated time, watches, counts and rate in one line', () => {
    expect(formatStatusLine(snapshot, 41.23)).toBe(
      'sim 2026-11-30 10:15 JST | watches 30 | sent 1234 | acked 1230 | failed 0 | 41.2 msg/s',
    );
    expect(formatStatusLine({ ...snapshot, connected: false }, null)).toMatch(/failed 0 \| broker offline$/);
  });

  it('rewrites one line on a terminal and prints whole lines otherwise', () => {
    const written: string[] = [];
    const tty = startStatusLine({ isTTY: true, write: (t: string) => written.push(t) }, () => snapshot);
    tty.stop();
    expect(written[0]!.startsWith('\r')).toBe(true);
    expect(written.at(-1)).toBe('\n');
    written.length = 0;
    const pipe = startStatusLine({ isTTY: false, write: (t: string) => written.push(t) }, () => snapshot);
    pipe.stop();
    expect(written.every((t) => t.startsWith('sim ') && t.endsWith('\n'))).toBe(true);
  });
});
