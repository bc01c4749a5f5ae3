import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * The one pino JSON shape of every process: `service` on each line, ISO time, error
 * serialisation. Pretty output is left to a pipe (`| npx pino-pretty`) so logs stay JSON.
 */
export function createLogger(
  opts: { service: string; level?: string; destination?: DestinationStream } & Pick<LoggerOptions, 'redact'>,
): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: opts.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: opts.redact ?? ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
    formatters: { level: (label) => ({ level: label }) },
  };
  // a destination other than stdout, for a process whose stdout carries data (the simulator's --dry-run)
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** A URL fit for logs: any password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
