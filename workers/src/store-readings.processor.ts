import { createHash } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  InfluxError,
  LineBuffer,
  ReadingLines,
  describeZodError,
  enrolmentAt,
  implausibility,
  instantMs,
  safeParseStoreReadingsJob,
  type DailyRollupJob,
  type DeadLetterInput,
  type DeadLetterReason,
  type DeadLetterStore,
  type EnrolmentSpan,
  type InfluxClient,
  type LineChunk,
  type Logger,
  type ReceivedMessage,
  type SeriesLines,
} from '../../core/src/index.js';
import type { EnrolmentLookup } from './enrolment-cache.js';
import { TouchedDays } from './rollups/schedule-rollups.js';
import { adapterTimeZone, deadLetterPayload, normaliseMessage } from './normalise/index.js';
import type { WorkerMetrics } from './worker-metrics.js';

export interface StoreReadingsDeps {
  influx: InfluxClient;
  lookupEnrolments: EnrolmentLookup;
  deadLetters: DeadLetterStore;
  logger: Logger;
  /** Called after a successful write with the person-days it touched (schedules daily rollups). */
  onStored?: (days: DailyRollupJob[]) => Promise<void>;
  /** Lines per InfluxDB write request. */
  writeChunk?: number;
  /** Writes a body (default: influx.writeLines; the workers pass a coalescer shared by concurrent jobs). */
  writeLines?: (chunk: LineChunk) => Promise<number>;
  /** Readings stored and their end-to-end lag. */
  metrics?: Pick<WorkerMetrics, 'stored'>;
}

export interface StoreReadingsResult {
  stored: number;
  rejected: Partial<Record<DeadLetterReason, number>>;
}

/** Rejected readings of one message, grouped by reason into one dead-letter entry (a replayable message). */
class RejectGroups {
  private groups = new Map<DeadLetterReason, { raws: unknown[]; details: string[] }>();
  add(reason: DeadLetterReason, raw: unknown, detail: string) {
    let g = this.groups.get(reason);
    if (!g) this.groups.set(reason, (g = { raws: [], details: [] }));
    g.raws.push(raw);
    if (g.details.length < 5) g.details.push(detail);
  }
  toEntries(m: ReceivedMessage): DeadLetterInput[] {
    return [...this.groups].map(([reason, g]) => {
      const payload = JSON.stringify(deadLetterPayload(m.message, reason, g.raws));
      return {
        reason,
        detail: `${g.raws.length} reading(s): ${g.details.join('; ')}`,
        stage: 'workers' as const,
        topic: m.topic,
        deviceId: m.message.deviceId,
        receivedAt: m.receivedAt,
        payload,
        dedupeKey: createHash('sha256').update(reason).update(m.topic).update(payload).digest('hex').slice(0, 32),
      };
    });
  }
}

/**
 * Processor of the readings queue: normalise, map device -> person by the enrolment valid at each
 * reading's time, write line protocol to InfluxDB, dead-letter the rest with reasons. Infrastructure
 * failures throw so BullMQ retries the job; the write is idempotent, so a retry overwrites itself.
 */
export function createStoreReadingsProcessor(deps: StoreReadingsDeps) {
  const writeChunk = deps.writeChunk ?? 5000;
  const writeLines = deps.writeLines ?? ((chunk: LineChunk) => deps.influx.writeLines(chunk));
  const series = new ReadingLines();
  return async function handleStoreReadings(job: Pick<Job, 'data' | 'id'>): Promise<StoreReadingsResult> {
    const parsed = safeParseStoreReadingsJob(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: ${describeZodError(parsed.error)}`);
    const { messages } = parsed.data;
    const enrolments = await deps.lookupEnrolments(messages.map((m) => m.message.deviceId));

    // request bodies of at most writeChunk lines each
    const chunks: Array<ReturnType<LineBuffer['take']>> = [];
    const out = new LineBuffer();
    let stored = 0;
    const touched = new TouchedDays();
    const deadLetters: DeadLetterInput[] = [];
    // reading times for the end-to-end lag, observed once the write succeeded
    const times: number[] | undefined = deps.metrics ? [] : undefined;
    for (const m of messages) {
      const groups = new RejectGroups();
      const device = enrolments.get(m.message.deviceId) ?? null;
      // dispatch by source.format; vendor local times are read in the wearer's zone
      const ctx = { timeZone: adapterTimeZone(m.message, device) };
      const { readings, raws, rejected } = normaliseMessage(m.message, ctx);
      for (const r of rejected) groups.add('schema', r.raw, r.detail);
      let span: EnrolmentSpan | null = null;
      let spanLines: SeriesLines | undefined;
      for (let i = 0; i < readings.length; i++) {
        const reading = readings[i]!;
        const raw = raws[i];
        if (!device) {
          groups.add('unknown_device', raw, `device ${reading.deviceId} is not in the registry`);
          continue;
        }
        const why = implausibility(reading);
        if (why) {
          groups.add('implausible', raw, why);
          continue;
        }
        const startMs = instantMs(reading.start);
        const endMs = reading.end ? instantMs(reading.end) : undefined;
        const enrolment = enrolmentAt(device, startMs);
        if (!enrolment) {
          groups.add('not_enrolled', raw, `device ${reading.deviceId} worn by nobody at ${reading.start}`);
          continue;
        }
        // the readings of a message almost always share one wearer, so one series group
        if (enrolment !== span || !spanLines) {
          span = enrolment;
          spanLines = series.of(enrolment.pseudonym, reading.deviceId, reading.source.vendor);
        }
        spanLines.append(out, reading, startMs, endMs);
        if (out.count === writeChunk) chunks.push(out.take());
        times?.push(endMs ?? startMs);
        touched.add(enrolment.pseudonym, enrolment.timeZone, startMs, endMs);
      }
      deadLetters.push(...groups.toEntries(m));
    }

    if (out.count) chunks.push(out.take());
    for (const chunk of chunks) {
      try {
        stored += await writeLines(chunk);
      } catch (err) {
        if (err instanceof InfluxError && !err.retryable) throw new UnrecoverableError(err.message);
        throw err;
      }
    }
    if (times) deps.metrics!.stored(times);
    if (touched.size) await deps.onStored?.(touched.list());
    // after the write: a retry after a failed write must not dead-letter twice (dedupe keys cover the rest)
    if (deadLetters.length) await deps.deadLetters.add(deadLetters);

    const rejectedCounts: StoreReadingsResult['rejected'] = {};
    for (const d of deadLetters) rejectedCounts[d.reason] = (rejectedCounts[d.reason] ?? 0) + 1;
    if (deadLetters.length) deps.logger.warn({ jobId: job.id, rejected: rejectedCounts }, 'readings dead-lettered');
    return { stored, rejected: rejectedCounts };
  };
}
