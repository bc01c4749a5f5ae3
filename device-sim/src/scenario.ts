import type { StepEffect } from './profile.js';
import { Stream, clamp, hashString, noise, rngFor, uniform, uniformInt } from './random.js';

export const SCENARIOS = ['intervention', 'decline'] as const;
export type ScenarioKind = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  kind: ScenarioKind;
  /** Mean relative change of daily steps: +0.12 is +12 %, -0.5 halves them. */
  effect: number;
  /** Simulated day (1 = the first) from which the change applies. */
  fromDay: number;
  /** decline: weeks over which activity falls to its new level. */
  declineWeeks: number;
  /** decline: share of the cohort that declines (at least one person). */
  declineShare: number;
  /** intervention: share of people who leave the programme for good on a random day. */
  dropOutShare: number;
}

export const SCENARIO_DEFAULTS: Readonly<Record<ScenarioKind, Omit<ScenarioOptions, 'kind'>>> = {
  intervention: { effect: 0.12, fromDay: 29, declineWeeks: 4, declineShare: 0.2, dropOutShare: 0.1 },
  decline: { effect: -0.5, fromDay: 15, declineWeeks: 4, declineShare: 0.2, dropOutShare: 0 },
};

/** What the scenario does to one person (local day indices). */
export interface PersonScenario {
  effect: StepEffect | null;
  quitFromDay: number | null;
}

/**
 * Assigns the scenario to a cohort whose first simulated local day is `firstDay` and which runs
 * `days` days. Intervention: everyone's steps change from fromDay by their own effect (mean
 * `effect`, person-to-person SD max(0.04, |effect| / 2); effect 0 is a true null: nobody changes,
 * to check an analysis for false positives); some leave early. Decline: the chosen
 * share falls by about `effect` over `declineWeeks`, each from a day in fromDay..fromDay + 6.
 */
export function assignScenario(
  scenario: ScenarioOptions,
  deviceIds: string[],
  seed: number,
  firstDay: number,
  days: number,
): Map<string, PersonScenario> {
  const draws = deviceIds.map((id) => ({ id, rng: rngFor(seed, Stream.scenario, hashString(id)) }));
  const out = new Map<string, PersonScenario>();
  if (scenario.kind === 'intervention') {
    const sd = scenario.effect === 0 ? 0 : Math.max(0.04, Math.abs(scenario.effect) / 2);
    for (const { id, rng } of draws) {
      const change = Math.max(-0.9, scenario.effect + sd * noise(rng));
      const quits = uniform(rng, 0, 1) < scenario.dropOutShare && days > 11;
      const quitFromDay = quits ? firstDay + uniformInt(rng, 10, days - 1) : null;
      out.set(id, { effect: { fromDay: firstDay + scenario.fromDay - 1, change, rampDays: 0 }, quitFromDay });
    }
    return out;
  }
  const order = draws.map(({ id, rng }) => ({ id, rng, rank: uniform(rng, 0, 1) })).sort((a, b) => a.rank - b.rank);
  const declining = Math.max(1, Math.round(scenario.declineShare * deviceIds.length));
  order.forEach(({ id, rng }, i) => {
    if (i >= declining) return void out.set(id, { effect: null, quitFromDay: null });
    const change = clamp(scenario.effect * uniform(rng, 0.8, 1.2), -0.95, 5);
    const fromDay = firstDay + scenario.fromDay - 1 + uniformInt(rng, 0, 6);
    out.set(id, { effect: { fromDay, change, rampDays: scenario.declineWeeks * 7 }, quitFromDay: null });
  });
  return out;
}
