import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/** Environment as a plain record; tests pass their own instead of process.env. */
export type Env = Record<string, string | undefined>;

/** Explicit boolean: z.coerce.boolean() would read "false" as true. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Durations such as 250ms, 30s, 5m, 2h, 1d; a bare number is milliseconds. */
export const envDurationMs = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)?$/, 'a duration such as 250ms, 30s, 5m, 2h or 1d')
  .transform(parseDurationMs);

export function parseDurationMs(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text}`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit]!;
  return n * factor;
}

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    options?: ErrorOptions,
  ) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`, options);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the local stack's generated settings (.data/stack.env, written by `npm run stack:up`)
 * under the real environment: a variable that is set always wins.
 */
export function withLocalStackEnv(env: Env, cwd = process.cwd()): Env {
  const file = env.MIMAMORI_ENV_FILE ?? resolve(cwd, '.data/stack.env');
  if (!existsSync(file)) return env;
  const fromFile = parseEnv(readFileSync(file, 'utf8')) as Env;
  return { ...fromFile, ...env };
}

/** Parses env with the schema, listing every bad variable at once. */
export function parseConfig<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const key = i.path.join('.') || '(environment)';
    const received = i.code === 'invalid_type' && env[key] === undefined ? ' (not set)' : '';
    return `${key}: ${i.message}${received}`;
  });
  throw new ConfigError(problems);
}

/**
 * Entry-point helper: parse the process environment (plus the local stack file) or print every
 * problem and exit 1.
 */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, service: string): z.infer<S> {
  try {
    return parseConfig(schema, withLocalStackEnv(process.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${service}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
