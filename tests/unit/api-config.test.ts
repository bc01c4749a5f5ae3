import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../core/src/index.js';
import { apiConfigSchema } from '../../api/src/config.js';

const minimal = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/db', OPERATOR_TOKEN: 'a'.repeat(32) };

describe('api configuration', () => {
  it('listens on 127.0.0.1:3000 and allows 5000 windows unless configured otherwise', () => {
    expect(parseConfig(apiConfigSchema, minimal)).toMatchObject({
      API_HOST: '127.0.0.1',
      API_PORT: 3000,
      API_MAX_WINDOWS: 5000,
      LOGIN_MAX_FAILURES: 5,
      LOGIN_LOCK: 15 * 60_000,
      SESSION_TTL: 12 * 3_600_000,
      API_BODY_LIMIT: 65_536,
    });
    expect(parseConfig(apiConfigSchema, { ...minimal, API_PORT: '8080', API_MAX_WINDOWS: '100' })).toMatchObject({
      API_PORT: 8080,
      API_MAX_WINDOWS: 100,
    });
  });

  it('takes an optional operator token of at least 32 characters and does not echo it', () => {
    expect(parseConfig(apiConfigSchema, { DATABASE_URL: minimal.DATABASE_URL }).OPERATOR_TOKEN).toBeUndefined();
    let error: unknown;
    try {
      parseConfig(apiConfigSchema, { ...minimal, OPERATOR_TOKEN: 'tooshort-secret' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['OPERATOR_TOKEN: OPERATOR_TOKEN must be at least 32 characters']);
    expect((error as Error).message).not.toContain('tooshort-secret');
  });

  it('runs one process unless API_PROCESSES asks for more (1 to 64)', () => {
    expect(parseConfig(apiConfigSchema, minimal).API_PROCESSES).toBe(1);
    expect(parseConfig(apiConfigSchema, { ...minimal, API_PROCESSES: '2' }).API_PROCESSES).toBe(2);
    for (const bad of ['0', '65', '1.5', 'two']) {
      expect(() => parseConfig(apiConfigSchema, { ...minimal, API_PROCESSES: bad }), bad).toThrow(/API_PROCESSES/);
    }
  });

  it('lists every bad variable at once', () => {
    try {
      parseConfig(apiConfigSchema, { API_PORT: 'http', OPERATOR_TOKEN: 'x', LOGIN_LOCK: 'soon' });
      expect.unreachable();
    } catch (err) {
      const keys = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(keys).toEqual(['API_PORT', 'DATABASE_URL', 'LOGIN_LOCK', 'OPERATOR_TOKEN']);
    }
  });
});
