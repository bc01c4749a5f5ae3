import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../../device-sim/src/fixtures.js';
import { readHourlySteps } from '../../device-sim/src/replay/fitabase-csv.js';
import { registerReplayCohort } from '../../device-sim/src/replay/replay-registry.js';
import { uniqueId } from '../helpers/env.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs `npm run sim -- <args>` as a process; resolves with its exit code and output. */
function sim(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(tsx, ['device-sim/src/main.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', MIMAMORI_ENV_FILE: '/nonexistent', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
const lastJson = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!);

describe('the sim command', () => {
  let pl: TestPipeline;
  let env: Record<string, string>;

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 4 });
    env = {
      MQTT_URL: pl.env.MQTT_URL,
      MQTT_TOPIC_ROOT: pl.topicRoot,
      REDIS_URL: pl.env.REDIS_URL,
      QUEUE_PREFIX: `{${pl.id}}`,
    };
  });

  afterAll(async () => {
    await pl?.close();
  });

  it('history --json: one JSON line with sent, acknowledged, injected faults, and the rejects the dead-letter store saw', async () => {
    const cohort = await createFixtureCohort(pl.pool, 3);
    const devices = cohort.people.map((p) => p.deviceId).join(',');
    const args = [
      'history',
      '--json',
      '--devices',
      devices,
      '--start',
      '2026-10-01',
      '--days',
      '1',
      '--format',
      'mixed',
    ];
    const run = await sim(
      [...args, '--fault-malformed', '0.1', '--fault-wrong-topic', '0.05', '--fault-duplicate', '0.2'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = lastJson(run.stdout);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(summary).toMatchObject({ mode: 'history', format: 'mixed', devices: 3, completed: true, dryRun: false });
    expect(summary.messages.acked).toBe(summary.messages.sent);
    expect(summary.messages.failed).toBe(0);
    expect(summary.faults.injected.duplicates).toBeGreaterThan(0);
    expect(summary.rejected).toMatchObject({ source: `{${pl.id}}`, settled: true });
    expect(summary.rejected.byReason).toEqual(summary.faults.expectedRejects);
  });

  it('live: counts what workers reject too, e.g. watches the registry does not know', async () => {
    // a morning both watches are worn (the data is a pure function of seed, device and time)
    const devices = 'simcli-unregistered-1,simcli-unregistered-2';
    const args = ['--json', '--devices', devices, '--start', '2026-11-29T10:00', '--duration', '10m', '--speed', '600'];
    const run = await sim(args, env);
    expect(run.code, run.stderr).toBe(0);
    const summary = lastJson(run.stdout);
    expect(summary).toMatchObject({ mode: 'live', devices: 2, completed: true, readings: 2 * 10 * 2 });
    expect(summary.messages).toEqual({ sent: 20, acked: 20, failed: 0, outstanding: 0 });
    expect(summary.faults).toBeNull();
    // one dead-letter entry per message and reason
    expect(summary.rejected).toEqual({ source: `{${pl.id}}`, byReason: { unknown_device: 20 }, settled: true });
  });

  it('replay --mapping: the export onto given devices, every row stored', async () => {
    const rows = (await readHourlySteps()).slice(0, 300);
    const dir = await mkdtemp(join(tmpdir(), 'sim-replay-'));
    const csv = join(dir, 'hourly.csv');
    const byHour = (r: (typeof rows)[number]) =>
      `${Number(r.date.slice(5, 7))}/${Number(r.date.slice(8, 10))}/16 ${r.hour}:00`;
    await writeFile(
      csv,
      ['Id,ActivityHour,StepTotal', ...rows.map((r) => `${r.id},${byHour(r)},${r.steps}`)].join('\n'),
    );
    const tag = uniqueId('fb');
    const devices = await registerReplayCohort(pl.pool, [...new Set(rows.map((r) => r.id))], {
      facilityCode: `fitabase-${tag}`,
      devicePrefix: tag,
      enrolledFrom: '2016-01-01T00:00:00+09:00',
    });
    const mapping = join(dir, 'mapping.json');
    await writeFile(mapping, JSON.stringify(Object.fromEntries(devices)));
    const run = await sim(['replay', '--json', '--file', csv, '--mapping', mapping], env);
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run.stdout)).toMatchObject({
      mode: 'replay',
      readings: 300,
      completed: true,
      rejected: { byReason: {} },
    });
    const [[count] = []] = await pl.influx.query(
      `SELECT count("value") FROM "step_count" WHERE "source" = 'fitabase-replay'`,
    );
    expect(count?.values[0]?.[1]).toBe(300);
  });

  it('--dry-run writes the fixture lines to stdout and nothing else; a scenario writes its truth file', async () => {
    const fixture = await readFile(new URL('garmin-epoch.jsonl', FIXTURE_DIR), 'utf8');
    const dry = await sim([
      'history',
      '--dry-run',
      '--no-registry',
      '--devices',
      'mmr-w-0003',
      '--start',
      '2026-11-29',
      '--days',
      '1',
      '--seed',
      '1',
      '--format',
      'garmin-epoch',
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(fixture);
    expect(dry.stderr).toMatch(/final: history \(dry run\)/);

    const truthFile = join(await mkdtemp(join(tmpdir(), 'sim-truth-')), 'truth.json');
    const args = [
      'history',
      '--dry-run',
      '--json',
      '--no-registry',
      '--watches',
      '3',
      '--start',
      '2026-09-01',
      '--days',
      '20',
    ];
    const run = await sim([
      ...args,
      '--scenario',
      'intervention',
      '--effect',
      '0.2',
      '--effect-from-day',
      '11',
      '--truth-file',
      truthFile,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run.stderr)).toMatchObject({ truthFile, dryRun: true });
    const truth = JSON.parse(await readFile(truthFile, 'utf8'));
    expect(truth).toMatchObject({
      scenario: { kind: 'intervention', effect: 0.2, fromDay: 11 },
      firstDate: '2026-09-01',
      days: 20,
    });
    expect(truth.people).toHaveLength(3);
    expect(truth.people[0]).toMatchObject({ changeFromDate: '2026-09-11', affected: true });
  });
});
