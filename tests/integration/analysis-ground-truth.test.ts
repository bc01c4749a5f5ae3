// Ground truth: the simulator's intervention scenario (30 people, 8 weeks, known per-person effects)
// through the real pipeline and rollups, analysed by the api as programme staff would.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from '../../api/src/app.js';
import { analyseEffect } from '../../api/src/analysis/effect.js';
import { runHistory, type HistoryResult } from '../../device-sim/src/history.js';
import { connectPublisher, type MqttPublisher } from '../../device-sim/src/publisher.js';
import { SCENARIO_DEFAULTS } from '../../device-sim/src/scenario.js';
import { ensureStableCohort, withdrawPurpose } from '../helpers/analysis-fixtures.js';
import { createTestAccount, giveConsent, type TestAccount } from '../helpers/access-fixtures.js';
import { createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';

const SEED = 1;
// METRICS.md expects +1,300-1,560 steps/day from trials; +30 % (SD 15 % between people) is about
// +750 steps/day for this cohort. With the default +12 % (SD 6 %) the per-person noise of 4-week
// means is as large as the spread of the true effects, so r cannot reach 0.8 (see below and docs/analysis.md).
const EFFECT = 0.3;
const START = Date.parse('2026-09-01T00:00:00+09:00');
const DAYS = 56;
const DEVICES = Array.from({ length: 30 }, (_, i) => `gt-w-${String(i + 1).padStart(4, '0')}`);
const QUERY = 'baseline=2026-09-01/2026-09-28&intervention=2026-09-29/2026-10-26&familiarisation_days=3';
const RULES = {
  baseline: { from: '2026-09-01', to: '2026-09-28' },
  intervention: { from: '2026-09-29', to: '2026-10-26' },
  familiarisationDays: 3,
  minValidDays: 4,
};

type Truth = NonNullable<HistoryResult['truth']>;

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i]! - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** A person's true effect in steps/day: the applied relative change times their level before it. */
const trueEffects = (truth: Truth, deviceOf: (p: string) => string) => {
  const byDevice = new Map(truth.people.map((p) => [p.deviceId, p.trueChange * (p.before.meanSteps ?? NaN)]));
  return (pseudonym: string) => byDevice.get(deviceOf(pseudonym))!;
};

const history = (effect: number, sink: Parameters<typeof runHistory>[1]['sink'], topicRoot = 'none') =>
  runHistory(
    {
      deviceIds: DEVICES,
      startMs: START,
      endMs: START + DAYS * 86_400_000,
      chunkMs: 86_400_000,
      seed: SEED,
      topicRoot,
      // 15-minute step epochs and per-minute heart rate: a tenth of the canonical volume, same days
      format: 'garmin-epoch',
      scenario: { kind: 'intervention', ...SCENARIO_DEFAULTS.intervention, effect },
    },
    { sink },
  );

describe('effect verification against the simulator’s ground truth', () => {
  let pl: TestPipeline;
  let publisher: MqttPublisher;
  let h: ApiHarness;
  let api: ApiApp;
  let staff: TestAccount;
  let people: Awaited<ReturnType<typeof ensureStableCohort>>;

  beforeAll(async () => {
    pl = await startTestPipeline({ rollupDebounce: '2s' });
    publisher = await connectPublisher({
      url: pl.env.MQTT_URL,
      qos: 1,
      maxOutstanding: 200,
      logger: pino({ level: 'silent' }),
    });
    people = await ensureStableCohort(pl.pool, 'analysis-ground-truth', DEVICES);
    for (const p of people) await giveConsent(pl.pool, p.personId, 'research');
    h = await createApiHarness();
    api = await h.variant({ influx: pl.influx });
    staff = await createTestAccount(h.pool, 'program_staff');
  });

  afterAll(async () => {
    if (people)
      await withdrawPurpose(
        pl.pool,
        people.map((p) => p.personId),
        'research',
      );
    await publisher?.close();
    await h?.close();
    await pl?.close();
  });

  it('estimates a mean effect whose 95 % CI covers the true mean, per-person estimates correlating r > 0.8', async () => {
    const run = await history(EFFECT, publisher, pl.topicRoot);
    expect(run).toMatchObject({ completed: true, drained: true, counts: { failed: 0 } });
    await pl.rollupsDone(240_000);
    const truth = run.truth!;

    // the rollups hold exactly the simulated steps of every person-day (days with only a night's
    // sleep or a heart-rate sample at midnight have no steps)
    const [series = []] = await pl.influx.query(
      'SELECT "steps", "local_date" FROM "daily" WHERE "steps" >= 0 GROUP BY "person"',
    );
    const stored = new Map(series.flatMap((s) => s.values.map((v) => [`${s.tags!.person} ${v[2]}`, v[1]] as const)));
    const pseudonymOf = new Map(people.map((p) => [p.deviceId, p.pseudonym]));
    const simulated = truth.people.flatMap((p) =>
      p.daily.map((d) => [`${pseudonymOf.get(p.deviceId)} ${d.date}`, d.steps] as const),
    );
    expect(new Map(simulated)).toEqual(stored);

    const res = await api.inject({ method: 'GET', url: `/v1/analysis/effect?${QUERY}`, headers: staff.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const ours = new Set(people.map((p) => p.pseudonym));
    const included = body.people.filter(
      (p: { included: boolean; pseudonym: string }) => p.included && ours.has(p.pseudonym),
    );
    expect(included).toHaveLength(body.n.included);
    const deviceOf = new Map(people.map((p) => [p.pseudonym, p.deviceId]));
    const trueOf = trueEffects(truth, (p) => deviceOf.get(p)!);
    const truths = included.map((p: { pseudonym: string }) => trueOf(p.pseudonym));
    const trueMean = truths.reduce((a: number, b: number) => a + b, 0) / truths.length;
    const d = body.difference;
    const r = pearson(
      included.map((p: { difference: number }) => p.difference),
      truths,
    );
    console.log(
      `[ground truth] seed ${SEED}, effect ${EFFECT}: n ${body.n.included} included, ${body.n.excluded} excluded ` +
        `(${JSON.stringify(body.exclusions)}); adherence ${body.adherence.included.percent.toFixed(1)} %; ` +
        `mean difference ${d.mean.toFixed(1)} steps/day, 95 % CI ${d.ci95[0].toFixed(1)}..${d.ci95[1].toFixed(1)}; ` +
        `true mean effect ${trueMean.toFixed(1)}; r = ${r.toFixed(3)}; paired t p = ${d.pairedT.p.toExponential(3)}; ` +
        `Wilcoxon (${d.wilcoxon.method}) p = ${d.wilcoxon.p.toExponential(3)}; d_z = ${d.dz.toFixed(3)}; ` +
        `simulator: ${truth.cohort.droppedOut} dropped out, mean true change ${truth.cohort.meanTrueChange}`,
    );
    expect(body.n.included).toBeGreaterThanOrEqual(24);
    expect(d.mean).toBeGreaterThan(d.ci95[0]);
    expect(d.mean).toBeLessThan(d.ci95[1]);
    expect(trueMean).toBeGreaterThan(d.ci95[0]);
    expect(trueMean).toBeLessThan(d.ci95[1]);
    expect(r).toBeGreaterThan(0.8);
    expect(d.pairedT.p).toBeLessThan(0.05);
    expect(d.wilcoxon.p).toBeLessThan(0.05);
  }, 300_000);

  it('with the default +12 % effect the CI still covers the truth; r is only reported', async () => {
    const sink = {
      publish: async () => {},
      drain: async () => true,
      counts: () => ({ sent: 0, acked: 0, failed: 0, outstanding: 0 }),
    };
    const truth = (await history(SCENARIO_DEFAULTS.intervention.effect, sink)).truth!;
    // the simulator's own record of the generated days, analysed by the same module
    const result = analyseEffect(
      truth.people.map((p) => ({
        pseudonym: p.deviceId,
        days: p.daily.map((d) => ({ date: d.date, valid: d.valid, value: d.steps })),
      })),
      RULES,
    );
    const trueOf = trueEffects(truth, (p) => p);
    const included = result.people.filter((p) => p.included);
    const truths = included.map((p) => trueOf(p.pseudonym));
    const trueMean = truths.reduce((a, b) => a + b, 0) / truths.length;
    const d = result.difference!;
    const r = pearson(
      included.map((p) => p.difference!),
      truths,
    );
    console.log(
      `[ground truth] seed ${SEED}, default effect ${SCENARIO_DEFAULTS.intervention.effect}: n ${d.n}; mean difference ` +
        `${d.mean.toFixed(1)}, 95 % CI ${d.ci95![0].toFixed(1)}..${d.ci95![1].toFixed(1)}; true mean ${trueMean.toFixed(1)}; r = ${r.toFixed(3)}`,
    );
    expect(trueMean).toBeGreaterThan(d.ci95![0]);
    expect(trueMean).toBeLessThan(d.ci95![1]);
  }, 120_000);
});
