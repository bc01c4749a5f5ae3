import { describe, expect, it } from 'vitest';
import { createSimCommand, parseSimArgs } from '../../device-sim/src/cli.js';

const NOW = Date.parse('2026-11-30T10:15:42+09:00');

function parse(args: string[]) {
  const command = createSimCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return parseSimArgs(args, { nowMs: NOW, command });
}

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
