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
