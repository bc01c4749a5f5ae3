import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DAILY_MEASUREMENT, METRIC_NAMES } from '../../core/src/index.js';
import { APP_METRICS, DASHBOARDS, DATASOURCES, exposedSeries, renderDashboard } from '../../dashboards/src/index.js';
import { allPanels, allTargets, loadGeneratedDashboards, type DashboardJson } from '../helpers/dashboard-json.js';
import { dashboardSchema, sdkInterfaceFields } from '../helpers/grafana-dashboard-schema.js';

const generated = loadGeneratedDashboards();
const provisioned = parse(
  readFileSync(new URL('../../deploy/grafana/provisioning/datasources/mimamori.yaml', import.meta.url), 'utf8'),
);

describe('generated dashboards', () => {
  it('are exactly what the sources generate (run `npm run dashboards` after a change)', () => {
    expect([...generated.keys()].sort()).toEqual(Object.keys(DASHBOARDS).sort());
    for (const [name, build] of Object.entries(DASHBOARDS)) {
      const committed = readFileSync(new URL(`../../dashboards/generated/${name}.json`, import.meta.url), 'utf8');
      expect(renderDashboard(build()), `${name}.json is stale`).toBe(committed);
    }
  });

  it('include pipeline operations, programme overview and device fleet health', () => {
    expect(new Set([...generated.values()].map((d) => d.uid))).toEqual(
      new Set(['mimamori-pipeline', 'mimamori-programme', 'mimamori-fleet']),
    );
  });
});

describe('dashboard schema (from the grafana-foundation-sdk types)', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(dashboardSchema());

  it.each([...generated])('%s validates', (_name, d) => {
    validate(d);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('rejects what Grafana would not load (the schema has teeth)', () => {
    const d = structuredClone(generated.get('device-fleet')!) as DashboardJson & Record<string, unknown>;
    const bad = [
      { ...d, schemaVersion: undefined },
      { ...d, panelz: [] },
      { ...d, panels: [{ ...d.panels[1]!, gridPos: { x: 0, y: 0, w: 30, h: 4 } }] },
      { ...d, panels: [{ ...d.panels[1]!, targets: [{ query: 'SELECT 1' }] }] },
      { ...d, panels: [{ ...d.panels[1]!, titel: 'typo' }] },
    ];
    for (const b of bad) expect(validate(JSON.parse(JSON.stringify(b)))).toBe(false);
  });

  it('derives its fields from the SDK declarations', () => {
    expect(sdkInterfaceFields('GridPos').map((f) => f.name)).toEqual(expect.arrayContaining(['h', 'w', 'x', 'y']));
    expect(
      sdkInterfaceFields('Dashboard')
        .filter((f) => !f.optional)
        .map((f) => f.name),
    ).toEqual(expect.arrayContaining(['schemaVersion']));
  });

  it.each([...generated])('%s: unique panel ids, panels inside the 24-column grid and not overlapping', (_name, d) => {
    const ids = d.panels.flatMap((p) => [p.id, ...(p.panels ?? []).map((i) => i.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    const boxes = d.panels.map((p) => p.gridPos!);
    for (const [i, a] of boxes.entries()) {
      expect(a.x + a.w).toBeLessThanOrEqual(24);
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
      }
    }
  });

  it.each([...generated])('%s: every target has a unique refId and a provisioned datasource uid', (_name, d) => {
    const uids = new Map(provisioned.datasources.map((s: { uid: string; type: string }) => [s.uid, s.type]));
    for (const p of allPanels(d)) {
      const refIds = (p.targets ?? []).map((t) => t.refId);
      expect(new Set(refIds).size, p.title).toBe(refIds.length);
      for (const t of p.targets ?? []) expect(uids.get(t.datasource!.uid!), p.title).toBe(t.datasource!.type);
      expect(p.description?.length, `${p.title} explains itself`).toBeGreaterThan(20);
    }
    for (const v of d.templating.list ?? [])
      if (v.datasource) expect(uids.get(v.datasource.uid!)).toBe(v.datasource.type);
  });

  it('uses the datasource uids the provisioning defines, and no others', () => {
    expect(provisioned.datasources.map((s: { uid: string; type: string }) => ({ uid: s.uid, type: s.type }))).toEqual(
      expect.arrayContaining(DATASOURCES.map((s) => ({ uid: s.uid, type: s.type }))),
    );
  });
});

describe('PromQL', () => {
  it('names only metrics the processes export (the shared list), prom-client defaults, or up', async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const defaults = (await registry.getMetricsAsJSON()).flatMap((m) => exposedSeries(m.name, String(m.type)));
    const known = new Set([...Object.entries(APP_METRICS).flatMap(([n, t]) => exposedSeries(n, t)), ...defaults, 'up']);
    const used = new Set<string>();
    for (const d of generated.values()) {
      const exprs = [
        ...allTargets(d).map((t) => t.target.expr),
        ...(d.templating.list ?? []).map((v) => (v.query as { query?: string } | undefined)?.query),
      ].filter((e): e is string => typeof e === 'string');
      for (const e of exprs) {
        // identifiers followed by { or [ or ) or end, minus PromQL functions, keywords and labels
        const words =
          e
            .replace(/"[^"]*"/g, '')
            .replace(/\{[^}]*\}/g, '{}')
            .match(/[a-z_][a-z0-9_]*/g) ?? [];
        for (const w of words)
          if (w.startsWith('mimamori_') || w.startsWith('process_') || w.startsWith('nodejs_') || w === 'up')
            used.add(w);
      }
    }
    expect([...used].filter((m) => !known.has(m))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(15);
    expect([...used].filter((m) => m.startsWith('mimamori_')).length).toBeGreaterThanOrEqual(12);
  });
});

/** Source files of the processes that register prom-client metrics (what the processes export). */
function metricSources(): string[] {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  return ['core/src', 'ingest/src', 'workers/src', 'api/src']
    .flatMap(walk)
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .filter((text) => text.includes("from 'prom-client'"));
}

describe('the metric list against the code', () => {
  const sources = metricSources();
  const registered = new Set(sources.flatMap((t) => [...t.matchAll(/name:\s*'(mimamori_\w+)'/g)].map((m) => m[1]!)));
  const labels = new Set([
    ...sources.flatMap((t) => [...t.matchAll(/labelNames:\s*\[([^\]]*)\]/g)].flatMap((m) => m[1]!.match(/\w+/g) ?? [])),
    // the registry's default label, Prometheus' target labels, histogram buckets
    'service',
    'instance',
    'job',
    'le',
  ]);

  it('lists exactly the application metrics the processes register', () => {
    expect(registered.size).toBeGreaterThan(0);
    expect([...registered].sort()).toEqual(Object.keys(APP_METRICS).sort());
  });

  it('groups, filters and labels PromQL series only by labels the metrics have', () => {
    for (const d of generated.values()) {
      for (const { target } of allTargets(d)) {
        if (!target.expr) continue;
        const used = [
          ...[...target.expr.matchAll(/by \(([^)]*)\)/g)].flatMap((m) => m[1]!.match(/\w+/g) ?? []),
          ...[...target.expr.matchAll(/[{,]\s*(\w+)\s*(?:=~|!=|=)/g)].map((m) => m[1]!),
          ...[...String(target.legendFormat ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!),
        ];
        expect(
          used.filter((l) => !labels.has(l)),
          target.expr,
        ).toEqual([]);
      }
    }
  });
});

describe('no names, no per-person rows', () => {
  const influx = [...generated].flatMap(([name, d]) =>
    allTargets(d)
      .filter((t) => t.target.datasource?.type === 'influxdb')
      .map((t) => ({ name, q: t.target.query! })),
  );
  const measurements = new Set<string>([...METRIC_NAMES, DAILY_MEASUREMENT]);

  it('queries only the pseudonymous InfluxDB measurements', () => {
    for (const { q } of influx) {
      for (const [, m] of q.matchAll(/FROM\s+"(\w+)"/g)) expect(measurements.has(m!), q).toBe(true);
    }
  });

  it('never selects or groups by the person tag (per-person views stay in the web UI, under consent)', () => {
    for (const { q } of influx) expect(q, q).not.toMatch(/"person"/);
    for (const d of generated.values())
      for (const v of d.templating.list ?? []) expect(String(v.query)).not.toMatch(/person/);
  });

  it('has no datasource that holds names (PostgreSQL) provisioned', () => {
    expect(provisioned.datasources.map((s: { type: string }) => s.type).sort()).toEqual(['influxdb', 'prometheus']);
  });
});
