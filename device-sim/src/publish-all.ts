import type { Outgoing } from './faults/fault-injector.js';
import type { ReadingsSink } from './publisher.js';

/** Publishes messages in order (the sink applies back-pressure). */
export async function publishAll(sink: ReadingsSink, messages: Outgoing[], signal?: AbortSignal): Promise<void> {
  for (const m of messages) await sink.publish(m.topic, m.payload, signal);
}
