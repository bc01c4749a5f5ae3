/** Faults the simulator can inject, each with a rate (docs/simulator.md#faults). */
export const FAULT_KINDS = [
  'offline',
  'duplicate',
  'out-of-order',
  'clock-skew',
  'malformed',
  'oversized',
  'wrong-topic',
  'burst',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** 0..1 per fault; absent or 0 = off. */
  rates: Partial<Record<FaultKind, number>>;
  /** Simulated length of an offline period: uniform between these (ms). */
  offlineMinMs: number;
  offlineMaxMs: number;
  /** Size of an oversized message (above the ingest limit, 1 MiB by default). */
  oversizedBytes: number;
  /** Largest clock error of a skewed device (ms, either way; at least a minute). */
  maxSkewMs: number;
}

export const DEFAULT_FAULT_OPTIONS: Omit<FaultOptions, 'rates'> = {
  offlineMinMs: 15 * 60_000,
  offlineMaxMs: 3 * 3_600_000,
  oversizedBytes: 1_100_000,
  maxSkewMs: 30 * 60_000,
};

/** True when any fault has a positive rate. */
export function anyFault(options: FaultOptions | null | undefined): options is FaultOptions {
  return !!options && Object.values(options.rates).some((r) => (r ?? 0) > 0);
}

/** What the simulator did, counted as it did it. */
export interface FaultCounts {
  offlinePeriods: number;
  /** Messages held while offline and sent on reconnect. */
  backfilled: number;
  duplicates: number;
  reordered: number;
  skewedDevices: number;
  malformed: number;
  oversized: number;
  wrongTopic: number;
  bursts: number;
  /** Messages sent in bursts beyond the one message there would have been. */
  burstExtraMessages: number;
}

export function emptyFaultCounts(): FaultCounts {
  return {
    offlinePeriods: 0,
    backfilled: 0,
    duplicates: 0,
    reordered: 0,
    skewedDevices: 0,
    malformed: 0,
    oversized: 0,
    wrongTopic: 0,
    bursts: 0,
    burstExtraMessages: 0,
  };
}

/** Dead-letter reasons the injected faults should cause (with the ingest's default limits). */
export type ExpectedRejects = Partial<Record<'malformed_json' | 'schema' | 'oversized' | 'topic_mismatch', number>>;
