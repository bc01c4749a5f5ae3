import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../core/src/index.js';
import { pipelineAcks } from './ack-pipeline.js';

export interface SubscriberOptions {
  url: string;
  username?: string;
  password?: string;
  /** Client ids are `${clientIdPrefix}-${i}`: stable, so a restart resumes the persistent session. */
  clientIdPrefix: string;
  count: number;
  /** Shared-subscription filter, e.g. $share/ingest/mimamori/v1/devices/+/readings */
  filter: string;
  sessionExpirySec: number;
  /** Messages each connection may hold unacknowledged (also advertised as MQTT 5 Receive Maximum). */
  inflight: number;
  /** Handles one message; `ack()` sends the PUBACK (QoS 1). Never called for a message we keep unacknowledged. */
  onMessage: (connection: number, topic: string, payload: Buffer, ack: () => void) => void;
  /**
   * False while pausing or closing: messages are then read but left unacknowledged (the broker
   * redelivers them later); everything before them can still be acknowledged in order.
   */
  accepting: () => boolean;
  logger: Logger;
}

/**
 * Opens `count` MQTT 5 connections in one shared-subscription group with persistent sessions.
 * PUBACK is sent only when onMessage calls ack, so a message that is not yet in Redis is
 * redelivered by the broker after a crash; meanwhile the connection reads on (ack-pipeline.ts).
 */
export async function startSubscribers(opts: SubscriberOptions) {
  const clients: MqttClient[] = [];
  /** Connections we closed ourselves (back-pressure): their sessions are intact on a running broker. */
  const pausedByUs = new Set<number>();
  /** Shared-subscription repairs, one connection at a time. */
  let repairs = Promise.resolve();
  for (let i = 0; i < opts.count; i++) {
    const log = opts.logger.child({ connection: i });
    const client = mqtt.connect(withoutUserInfo(opts.url, opts.username), {
      protocolVersion: 5,
      clientId: `${opts.clientIdPrefix}-${i}`,
      clean: false,
      properties: { sessionExpiryInterval: opts.sessionExpirySec, receiveMaximum: opts.inflight },
      username: opts.username,
      password: opts.password,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      keepalive: 30,
      // mqtt.js traces every packet through `debug` (several calls per message, a few % of ingest's CPU)
      log: () => {},
      customHandleAcks: (topic, payload, packet, done) => {
        const ack = acks.hold(packet);
        // not handed on: never acknowledged. Reading goes on, or the connection could not close
        if (!opts.accepting()) return done(0);
        opts.onMessage(i, topic, payload, ack);
        // the next packet is read once this connection holds fewer than `inflight` unacknowledged
        acks.whenRoom(() => done(0));
      },
    });
    const acks = pipelineAcks(client, opts.inflight);
    // QoS 0 messages skip customHandleAcks (which handles every QoS 1 one).
    client.on('message', (topic, payload, packet) => {
      if (packet.qos === 0 && opts.accepting()) opts.onMessage(i, topic, payload, () => {});
    });
    client.on('connect', (connack) => {
      log.info({ sessionPresent: connack.sessionPresent }, 'mqtt connected');
      const subscribe = () =>
        client.subscribe(opts.filter, { qos: 1 }, (err) => {
          if (err) log.error({ err }, 'subscribe failed');
          else log.info({ filter: opts.filter }, 'subscribed');
        });
      // Mosquitto 2.0 restores a persisted shared subscription after a restart without routing to
      // it, and a plain re-subscribe keeps the broken entry; unsubscribing first repairs it. Messages
      // already queued in the session are kept, but one published while no member of the group is
      // subscribed is dropped: so the connections repair one at a time (the others keep the group
      // routable), never all at once as after an ingest crash. After our own back-pressure pause the
      // broker did not restart: only subscribe again (idempotent for an identical filter).
      const repair = connack.sessionPresent && !pausedByUs.delete(i);
      if (!repair) subscribe();
      else
        repairs = repairs.then(
          () =>
            new Promise<void>((resolve) => {
              // a connection lost meanwhile must not hold up the others
              const t = setTimeout(resolve, 5_000);
              client.unsubscribe(opts.filter, () =>
                client.subscribe(opts.filter, { qos: 1 }, (err) => {
                  clearTimeout(t);
                  if (err) log.error({ err }, 'subscribe failed');
                  else log.info({ filter: opts.filter, repaired: true }, 'subscribed');
                  resolve();
                }),
              );
            }),
        );
    });
    client.on('reconnect', () => log.warn('mqtt reconnecting'));
    client.on('error', (err) => log.error({ err }, 'mqtt error'));
    clients.push(client);
  }
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`MQTT broker ${opts.url} did not answer in 15 s`)), 15_000);
          c.once('connect', () => {
            clearTimeout(t);
            resolve();
          });
        }),
    ),
  );

  /** Disconnects all connections; the broker keeps their sessions and queues new messages. */
  async function disconnect(): Promise<void> {
    clients.forEach((_, i) => pausedByUs.add(i));
    // graceful, so PUBACKs already written reach the broker (a forced close discards them and the
    // broker would redeliver every message since the last flushed one)
    await Promise.all(clients.map((c) => endWithin(c, 2_000)));
  }

  /** Connects again after disconnect(); the sessions resume where they were. */
  function reconnect(): void {
    for (const c of clients) c.reconnect();
  }

  async function close(): Promise<void> {
    await Promise.all(clients.map((c) => endWithin(c, 5_000)));
  }

  return { clients, close, disconnect, reconnect };
}

/** Ends gracefully (DISCONNECT after what was written), forced after `ms`. */
async function endWithin(c: MqttClient, ms: number): Promise<void> {
  if (!c.connected) return c.endAsync(true).catch(() => {});
  // a second end() is ignored by mqtt.js once one is under way: destroying the socket ends it
  const forced = setTimeout(() => c.stream?.destroy(), ms);
  await c.endAsync(false).catch(() => c.stream?.destroy());
  clearTimeout(forced);
}

/** mqtt.js lets credentials in the URL win over explicit ones; our own account must win. */
function withoutUserInfo(url: string, username: string | undefined): string {
  if (!username) return url;
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}
