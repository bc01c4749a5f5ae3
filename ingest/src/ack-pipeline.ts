import type { IPublishPacket, MqttClient, Packet } from 'mqtt';

type SendPacket = (packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

interface Held {
  messageId: number;
  /** The message is durable (in Redis or the dead-letter store): its PUBACK may go. */
  acked: boolean;
  /** mqtt.js asked to send this PUBACK (it does so once it has handed us the message). */
  puback?: Packet;
}

/**
 * Lets one connection read on while its earlier QoS 1 messages wait for Redis.
 *
 * mqtt.js reads a connection's next packet only once the previous message's PUBACK is written,
 * so a PUBACK held until the enqueue (our durability rule) allows one message per connection per
 * Redis round trip. mqtt.js has no manual-acknowledgement API, so the PUBACKs it writes are held
 * here instead: its callback runs at once (the next packet is read) and each held PUBACK goes out
 * when `ack` of its message has been called and every earlier message of the connection has gone
 * (MQTT 5 §4.6: PUBACKs in the order the PUBLISHes arrived).
 *
 * At most `limit` messages wait unacknowledged: Mosquitto 2.0 lets its count of a client's Receive
 * Maximum drift upwards as PUBACKs arrive, so the bound is kept here (`whenRoom`), not left to it.
 *
 * A lost connection forgets what it held: the broker redelivers those messages on the resumed
 * session, and storage is idempotent, so a copy already enqueued is stored once.
 */
export function pipelineAcks(client: MqttClient, limit: number) {
  const target = client as unknown as { _sendPacket?: SendPacket };
  if (typeof target._sendPacket !== 'function') throw new Error('mqtt.js without _sendPacket: check ack-pipeline.ts against this version');
  const send = target._sendPacket.bind(client) as SendPacket;
  let held: Held[] = [];
  let head = 0;
  const byId = new Map<number, Held>();
  let unacked = 0;
  let waiter: (() => void) | undefined;

  target._sendPacket = (packet, cb, ...rest) => {
    if (packet.cmd !== 'puback') return send(packet, cb, ...rest);
    // mqtt.js would queue it for the next connection, where it could acknowledge the redelivered
    // copy of a message that never reached Redis; the broker redelivers unacknowledged ones anyway
    if (!client.connected) return cb?.();
    const h = packet.messageId !== undefined ? byId.get(packet.messageId) : undefined;
    if (!h || h.puback) return send(packet, cb, ...rest);
    h.puback = packet;
    release();
    cb?.();
  };

  function release(): void {
    while (head < held.length && held[head]!.acked && held[head]!.puback) {
      const h = held[head++]!;
      byId.delete(h.messageId);
      if (client.connected) send(h.puback!);
    }
    // compact now and then instead of shifting the array on every PUBACK
    if (head === held.length) {
      held = [];
      head = 0;
    } else if (head > 1024) {
      held = held.slice(head);
      head = 0;
    }
  }

  // what this connection held belongs to the session the broker redelivers from
  client.on('close', () => {
    held = [];
    head = 0;
    byId.clear();
    unacked = 0;
    waiter = undefined;
  });

  return {
    /** Registers an arriving QoS 1 message; the returned function releases its PUBACK. */
    hold(packet: IPublishPacket): () => void {
      const id = packet.messageId;
      // packets parsed before the connection closed may still be handed over: not ours to hold
      if (id === undefined || packet.qos !== 1 || !client.connected) return () => {};
      const h: Held = { messageId: id, acked: false };
      held.push(h);
      byId.set(id, h);
      unacked++;
      return () => {
        if (h.acked || byId.get(id) !== h) return;
        h.acked = true;
        unacked--;
        if (waiter && unacked < limit) {
          const w = waiter;
          waiter = undefined;
          w();
        }
        release();
      };
    },
    /** Runs `next` (read the next packet) now, or once fewer than `limit` messages are unacknowledged. */
    whenRoom(next: () => void): void {
      if (unacked < limit || !client.connected) next();
      else waiter = next;
    },
    /** Messages of this connection waiting for their PUBACK. */
    holding: () => held.length - head,
  };
}
