// Every InfluxQL query of every dashboard panel (and variable), with Grafana's macros filled in as
// Grafana would, runs against the real InfluxDB holding simulator data that went through the real
// pipeline and the daily rollups: no error, and at least one row.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InfluxSeries } from '../../core/src/index.js';
import { runHistory } from '../../device-sim/src/history.js';
import { connectPublisher, type MqttPublisher } from '../../device-sim/src/publisher.js';
import { ensureStableCohort } from '../helpers/analysis-fixtures.js';
import { allTargets, loadGeneratedDashboards } from '../helpers/dashboard-json.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';

const START = Date.parse('2026-10-05T00:00:00+09:00');
const DAYS = 3;
const END = START + DAYS * 86_400_000;
const DEVICES = Array.from({ length: 4 }, (_, i) => `dash-w-${String(i + 1).padStart(4, '0')}`);

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/**
 * Grafana's InfluxQL interpolation: $timeFilter is the dashboard range, $__interval the panel's
 * step, a multi-value variable with "All" a regex alternation of every value. Any other $name
 * left over is a variable no dashboard defines, so the query would fail in Grafana too.
 */
function interpolate(q: string, vars: Record<string, string>): string {
  const out = q
    .replaceAll('$timeFilter', `time >= ${START}ms and time <= ${END}ms`)
    .replaceAll('$__interval', '1h')
    .replace(/\$(\w+)/g, (m, name: string) => (name in vars ? vars[name]! : m));
  // $tag_x is an alias pattern, not part of the query; the only $ left may be the regex anchor
  const unknown = out.replace(/\/\^[^/]*\$\//g, '').match(/\$\w+/g);
  if (unknown) throw new Error(`unresolved variables ${unknown.join(', ')} in: ${q}`);
  return out;
}

const rowCount = (series: InfluxSeries[][]) => series.flat().reduce((n, s) => n + s.values.length, 0);

describe('dashboard InfluxQL against the pipeline’s own data', () => {
  let pl: TestPipeline;
  let publisher: MqttPublisher;

  beforeAll(async () => {
    pl = await startTestPipeline({ rollupDebounce: '500ms' });
    await ensureStableCohort(pl.pool, 'dashboards-influxql', DEVICES);
    publisher = await connectPublisher({
      url: pl.env.MQTT_URL,
      qos: 1,
      maxOutstanding: 100,
      logger: pino({ level: 'silent' }),
    });
    const run = await runHistory(
      { deviceIds: DEVICES, startMs: START, endMs: END, chunkMs: 6 * 3_600_000, seed: 7, topicRoot: pl.topicRoot },
      { sink: publisher },
    );
    expect(run).toMatchObject({ completed: true, drained: true, counts: { failed: 0 } });
    await pl.rollupsDone(180_000);
  }, 300_000);

  afterAll(async () => {
    await publisher?.close();
    await pl?.close();
  });

  const dashboards = loadGeneratedDashboards();
  const influxTargets = [...dashboards].flatMap(([name, d]) =>
    allTargets(d)
      .filter(({ target }) => target.datasource?.type === 'influxdb')
      .map(({ panel, target }) => ({
        where: `${name} / ${panel.title} / ${target.refId}`,
        query: target.query!,
        panel,
      })),
  );
  const influxVariables = [...dashboards].flatMap(([name, d]) =>
    (d.templating.list ?? [])
      .filter((v) => v.datasource?.type === 'influxdb')
      .map((v) => ({ where: `${name} / $${v.name}`, name: v.name, query: String(v.query) })),
  );

  it('finds InfluxQL panels in the programme and fleet dashboards', () => {
    expect(influxTargets.length).toBeGreaterThanOrEqual(15);
    expect(new Set(influxTargets.map((t) => t.where.split(' / ')[0]))).toEqual(
      new Set(['programme-overview', 'device-fleet']),
    );
  });

  it('resolves every InfluxQL variable to values of the loaded data', async () => {
    for (const v of influxVariables) {
      const rows = rowCount(await pl.influx.query(v.query));
      expect.soft(rows, v.where).toBeGreaterThanOrEqual(DEVICES.length);
    }
  });

  /** Each variable set to "All", as Grafana sends it: an alternation of every value. */
  async function allValues(): Promise<Record<string, string>> {
    const vars: Record<string, string> = {};
    for (const v of influxVariables) {
      const [series = []] = await pl.influx.query(v.query);
      const values = series.flatMap((s) => s.values.map((row) => String(row.at(-1))));
      vars[v.name] = `(${values.map(escapeRegex).join('|')})`;
    }
    return vars;
  }

  it.each(influxTargets)('$where runs and returns rows', async ({ query }) => {
    const result = await pl.influx.query(interpolate(query, await allValues()));
    expect(rowCount(result)).toBeGreaterThanOrEqual(1);
  });

  it('buckets the daily rollups by Japan-local day: one point per person and day', async () => {
    const perDay = influxTargets.find((t) => t.where.startsWith('programme-overview / Participants per day / A'))!;
    const [series = []] = await pl.influx.query(interpolate(perDay.query, {}));
    const counts = series.flatMap((s) => s.values.map((v) => v[1] as number));
    expect(counts.length).toBeGreaterThanOrEqual(DAYS);
    expect(Math.max(...counts)).toBe(DEVICES.length);
  });

  it('gives per-device tables one row for every watch', async () => {
    const perDevice = influxTargets.filter(
      (t) => t.where.startsWith('device-fleet') && / GROUP BY "device"$/.test(t.query),
    );
    expect(perDevice.length).toBeGreaterThanOrEqual(2);
    const vars = await allValues();
    for (const t of perDevice) {
      const series = (await pl.influx.query(interpolate(t.query, vars))).flat();
      expect(series.map((s) => s.tags?.device).sort(), t.where).toEqual([...DEVICES].sort());
      expect(
        series.every((s) => s.values.length === 1),
        t.where,
      ).toBe(true);
    }
  });

  it('gives the transformations the columns they name (table-format queries)', async () => {
    const panels = new Set(influxTargets.map((t) => t.panel).filter((p) => Array.isArray(p.transformations)));
    expect(panels.size).toBeGreaterThanOrEqual(2);
    for (const panel of panels) {
      const columns = new Set<string>();
      for (const t of panel.targets ?? []) {
        expect(t.resultFormat).toBe('table');
        for (const s of (await pl.influx.query(interpolate(t.query!, {}))).flat())
          s.columns.forEach((c) => columns.add(c));
      }
      for (const tr of panel.transformations as Array<{
        id: string;
        options: { binary?: Record<'left' | 'right', { matcher: { id: string; options: string } }> };
      }>) {
        if (tr.id !== 'calculateField') continue;
        expect
          .soft([...columns], panel.title)
          .toEqual(
            expect.arrayContaining([tr.options.binary!.left.matcher.options, tr.options.binary!.right.matcher.options]),
          );
      }
    }
  });

  it('refuses a query with a variable no dashboard defines (the interpolation has teeth)', () => {
    expect(() => interpolate('SELECT "value" FROM "x" WHERE "facility" = \'$facility\' AND $timeFilter', {})).toThrow(
      /\$facility/,
    );
  });
});
