import { Counter, Histogram } from 'prom-client';
import type { Registry } from '../../core/src/index.js';

export interface ReadPathMetrics {
  cacheLookup(result: 'hit' | 'miss'): void;
  auditBatch(rows: number): void;
}

/**
 * mimamori_api_vitals_cache_lookups_total{result} and mimamori_api_audit_batch_rows: how often the
 * vitals cache answers instead of InfluxDB, and how many reads share one audit commit.
 */
export function createReadPathMetrics(registry: Registry | undefined): ReadPathMetrics {
  if (!registry) return { cacheLookup: () => {}, auditBatch: () => {} };
  const lookups = new Counter({
    name: 'mimamori_api_vitals_cache_lookups_total',
    help: 'InfluxDB statements of latest/series looked up in the api cache, by result (hit, miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const batch = new Histogram({
    name: 'mimamori_api_audit_batch_rows',
    help: 'Audit rows of reads committed together in one INSERT',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [registry],
  });
  return { cacheLookup: (r) => lookups.inc({ result: r }), auditBatch: (n) => batch.observe(n) };
}
