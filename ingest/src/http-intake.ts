import Fastify from 'fastify';
import {
  deviceTopic,
  type DeadLetterInput,
  type Logger,
  type ReceivedMessage,
} from '../../core/src/index.js';
import { inspectMessage } from './message-intake.js';

export interface HttpIntakeOptions {
  host: string;
  port: number;
  topicRoot: string;
  maxBytes: number;
  logger: Logger;
  /** Resolves to the device id of valid credentials, or null. */
  authenticate: (authorization: string | undefined) => Promise<string | null>;
  /** Stores the message durably (a BullMQ job); the 202 is sent only after it resolves. */
  accept: (received: ReceivedMessage) => Promise<void>;
  deadLetter: (entry: DeadLetterInput) => Promise<void>;
  /** True while back-pressure holds intake: the gateway is asked to retry later. */
  busy: () => boolean;
}

const STATUS_BY_REASON: Record<string, number> = { topic_mismatch: 403, oversized: 413 };

/**
 * HTTPS batch intake for phone gateways that cannot keep an MQTT connection: the same envelope,
 * the same checks (a device may send only its own readings) and the same queue as MQTT.
 */
export async function startHttpIntake(opts: HttpIntakeOptions) {
  const app = Fastify({ loggerInstance: opts.logger as never, bodyLimit: opts.maxBytes, trustProxy: false });
  // raw bytes: the same inspection as an MQTT payload
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post('/v1/ingest/readings', async (req, reply) => {
    const deviceId = await opts.authenticate(req.headers.authorization);
    if (!deviceId) {
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="mimamori-ingest"')
        .send({ error: { code: 'unauthorized', message: 'device id and secret required (HTTP Basic)' } });
    }
    if (opts.busy()) {
      return reply.code(503).header('retry-after', '5').send({ error: { code: 'busy', message: 'queue full; retry later' } });
    }
    const payload = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = inspectMessage(deviceTopic(opts.topicRoot, deviceId), payload, opts.maxBytes, Date.now());
    if (!result.ok) {
      await opts.deadLetter(result.reject);
      const status = STATUS_BY_REASON[result.reject.reason] ?? 400;
      return reply.code(status).send({ error: { code: result.reject.reason, message: result.reject.detail } });
    }
    await opts.accept(result.received);
    return reply.code(202).send({ accepted: result.readings });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.listen({ host: opts.host, port: opts.port });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : opts.port, close: () => app.close() };
}
