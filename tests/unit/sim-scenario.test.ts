import { describe, expect, it } from 'vitest';
import { defaultDeviceIds } from '../../device-sim/src/device-ids.js';
import { runHistory, type HistoryResult } from '../../device-sim/src/history.js';
import type { PublishCounts, ReadingsSink } from '../../device-sim/src/publisher.js';
import { SCENARIO_DEFAULTS, assignScenario, type ScenarioOptions } from '../../device-sim/src/scenario.js';

const START = Date.parse('2026-09-01T00:00:00+09:00');
const DAY = 86_400_000;

const nullSink = (): ReadingsSink => {
  const counts: PublishCounts = { sent: 0, acked: 0, failed: 0, outstanding: 0 };
  return {
    publish: async () => void (counts.sent++, counts.acked++),
    drain: async () => true,
    counts: () => ({ ...counts }),
  };
};

type Truth = NonNullable<HistoryResult['truth']>;

async function history(scenario: ScenarioOptions, devices: number, days: number, seed = 1): Promise<Truth> {
  const result = await runHistory(
    {
      deviceIds: defaultDeviceIds(devices),
      startMs: START,
      endMs: START + days * DAY,
      chunkMs: DAY,
      seed,
      topicRoot: 't',
      scenario,
    },
    { sink: nullSink() },
  );
  return result.truth!;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('history scenarios with ground truth', () => {
  it('intervention: every person changes by their own true effect from the configured day, and the truth says so', async () => {
    const scenario: ScenarioOptions = {
      kind: 'intervention',
      ...SCENARIO_DEFAULTS.intervention,
      fromDay: 22,
      dropOutShare: 0,
    };
    const truth = await history(scenario, 14, 42);
    expect(truth).toMatchObject({
      completed: true,
      firstDate: '2026-09-01',
      days: 42,
      scenario,
      cohort: { people: 14, affected: 14 },
    });
    expect(truth.people.every((p) => p.changeFromDate === '2026-09-22')).toBe(true);
    // the true effects scatter around the configured mean
    within(truth.cohort.meanTrueChange!, 0.12, 0.05);
    expect(new Set(truth.people.map((p) => p.trueChange)).size).toBe(14);
    // against the same cohort without the effect (same seed: same weather, same days), steps after
    // the change day differ by the true effects (bouts come whole, so a person's own is approximate)
    const counterfactual = await history({ ...scenario, effect: 0 }, 14, 42);
    expect(counterfactual.people.every((p) => p.trueChange === 0)).toBe(true);
    const realised: number[] = [];
    for (const [i, p] of truth.people.entries()) {
      const without = counterfactual.people[i]!;
      expect(without.deviceId).toBe(p.deviceId);
      expect(p.before.meanSteps).toBe(without.before.meanSteps);
      if (without.after!.meanSteps! < 1500) continue;
      const change = p.after!.meanSteps! / without.after!.meanSteps! - 1;
      within(change, p.trueChange, 0.06);
      realised.push(change - p.trueChange);
    }
    expect(realised.length).toBeGreaterThanOrEqual(8);
    within(mean(realised), 0, 0.025);
    // observed change = true change plus what weather and chance did between the periods
    expect(truth.cohort.meanObservedChange).not.toBeNull();
    for (const p of truth.people) {
      // days without the watch are absent (missing is not zero)
      expect(p.daily.length).toBeGreaterThanOrEqual(34);
      expect(new Set(p.daily.map((d) => d.date)).size).toBe(p.daily.length);
      expect(p.daily.every((d) => d.date >= '2026-09-01' && d.date <= '2026-10-12')).toBe(true);
      expect(p.before).toMatchObject({ from: '2026-09-01', to: '2026-09-22' });
    }
  }, 60_000);

  it('intervention: drop-outs stop sending from their day on, and the truth names the day', async () => {
    const scenario: ScenarioOptions = {
      kind: 'intervention',
      ...SCENARIO_DEFAULTS.intervention,
      fromDay: 15,
      dropOutShare: 0.5,
    };
    const truth = await history(scenario, 10, 30);
    const dropped = truth.people.filter((p) => p.dropOutFromDate !== null);
    expect(dropped.length).toBe(truth.cohort.droppedOut);
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    for (const p of dropped) {
      expect(p.daily.filter((d) => d.date >= p.dropOutFromDate!)).toEqual([]);
      expect(p.daily.some((d) => d.date < p.dropOutFromDate!)).toBe(true);
    }
  }, 60_000);

  it('decline: the chosen share falls to about (1 + effect) over the weeks, the others stay', async () => {
    const scenario: ScenarioOptions = {
      kind: 'decline',
      ...SCENARIO_DEFAULTS.decline,
      effect: -0.5,
      fromDay: 8,
      declineWeeks: 2,
      declineShare: 0.3,
    };
    const truth = await history(scenario, 10, 42);
    const declining = truth.people.filter((p) => p.affected);
    expect(declining).toHaveLength(3);
    const lastTwoWeeks = (p: (typeof truth.people)[number]) => {
      const days = p.daily.filter((d) => d.valid && d.date >= '2026-09-29');
      return mean(days.map((d) => d.steps));
    };
    for (const p of truth.people) {
      const baseline = p.before.meanSteps!;
      const ratio = lastTwoWeeks(p) / baseline;
      if (p.affected) {
        expect(p.changeFullFromDate! > p.changeFromDate!).toBe(true);
        within(ratio, 1 + p.trueChange, 0.2);
      } else within(ratio, 1, 0.25);
    }
  }, 60_000);

  it('assigns the same people the same effects for the same seed, others for another', () => {
    const s: ScenarioOptions = { kind: 'decline', ...SCENARIO_DEFAULTS.decline };
    const ids = defaultDeviceIds(30);
    expect(assignScenario(s, ids, 1, 20_000, 60)).toEqual(assignScenario(s, ids, 1, 20_000, 60));
    expect(assignScenario(s, ids, 2, 20_000, 60)).not.toEqual(assignScenario(s, ids, 1, 20_000, 60));
    expect([...assignScenario(s, ids, 1, 20_000, 60).values()].filter((p) => p.effect).length).toBe(6);
  });
});

function within(actual: number, expected: number, tolerance: number) {
  expect(actual).toBeGreaterThanOrEqual(expected - tolerance);
  expect(actual).toBeLessThanOrEqual(expected + tolerance);
}
