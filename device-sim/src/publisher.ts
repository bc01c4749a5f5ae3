import { randomBytes } from 'node:crypto';
import { connectAsync, type IClientPublishOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../../core/src/index.js';

export interface PublishCounts {
  /** Handed to the MQTT client. */
  sent: number;
  /** Acknowledged by the broker (PUBACK for QoS 1; written to the socket for QoS 0). */
  acked: number;
  /** Rejected: an error PUBACK reason code, or the client closed before the PUBACK. */
  failed: number;
  /** Sent and neither acknowledged nor failed yet. */
  outstanding: number;
}

/** Where the simulation hands its messages; the MQTT publisher here, a fake in tests. */
export interface ReadingsSink {
  /** Resolves once the message is handed over; waits first while too many are unacknowledged. */
  publish(topic: string, payload: Buffer, signal?: AbortSignal): Promise<void>;
  /** Resolves true when nothing is outstanding, false when timeoutMs passes first. */
  drain(timeoutMs: number): Promise<boolean>;
  counts(): PublishCounts;
}

/** The part of mqtt.js the publisher uses. */
export type PublishClient = Pick<MqttClient, 'publishAsync'>;

export interface PublisherOptions {
  qos: 0 | 1;
  /** Most publishes awaiting their PUBACK; publish() waits beyond it. */
  maxOutstanding?: number;
  /** Called with each failure (for logging); counting happens anyway. */
  onError?: (err: unknown) => void;
}

/** Wraps a client with counting and a bound on unacknowledged publishes. */
export function createPublisher(client: PublishClient, opts: PublisherOptions): ReadingsSink {
  const maxOutstanding = opts.maxOutstanding ?? 1000;
  const counts = { sent: 0, acked: 0, failed: 0 };
  const publishOptions: IClientPublishOptions = { qos: opts.qos };
  let waiters: Array<() => void> = [];
  const outstanding = () => counts.sent - counts.acked - counts.failed;
  const settle = () => {
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  };
  // one waiter list serves both back-pressure and drain: everyone re-checks their condition
  const nextSettle = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });

  return {
    async publish(topic, payload, signal) {
      while (outstanding() >= maxOutstanding) await nextSettle(signal);
      counts.sent++;
      client.publishAsync(topic, payload, publishOptions).then(
        () => {
          counts.acked++;
          settle();
        },
        (err: unknown) => {
          counts.failed++;
          opts.onError?.(err);
          settle();
        },
      );
    },
    async drain(timeoutMs) {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        while (outstanding() > 0) await nextSettle(timeout);
        return true;
      } catch {
        return outstanding() === 0;
      }
    },
    counts: () => ({ ...counts, outstanding: outstanding() }),
  };
}

export interface MqttPublisherOptions extends PublisherOptions {
  url: string;
  username?: string;
  password?: string;
  logger: Logger;
}

export interface MqttPublisher extends ReadingsSink {
  connected(): boolean;
  /** Disconnects cleanly (DISCONNECT), forcing after a few seconds. Idempotent. */
  close(): Promise<void>;
}

/** Connects one MQTT 5 clean-session client; fails fast when the broker does not answer. */
export async function connectPublisher(opts: MqttPublisherOptions): Promise<MqttPublisher> {
  const log = opts.logger.child({ component: 'publisher' });
  const client = await connectAsync(
    opts.url,
    {
      protocolVersion: 5,
      clean: true,
      clientId: `mimamori-sim-${randomBytes(4).toString('hex')}`,
      username: opts.username,
      password: opts.password,
      connectTimeout: 10_000,
      reconnectPeriod: 1000,
      keepalive: 30,
    },
    false,
  );
  client.on('offline', () => log.warn('mqtt offline; reconnecting'));
  client.on('connect', () => log.info('mqtt connected'));
  client.on('error', (err) => log.error({ err: err.message }, 'mqtt error'));
  const sink = createPublisher(client, {
    ...opts,
    onError: (err) => {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'publish failed');
      opts.onError?.(err);
    },
  });
  let closing: Promise<void> | undefined;
  return {
    ...sink,
    connected: () => client.connected,
    close() {
      closing ??= (async () => {
        const force = setTimeout(() => client.end(true), 5_000);
        await client.endAsync(false).catch(() => client.end(true));
        clearTimeout(force);
      })();
      return closing;
    },
  };
}
