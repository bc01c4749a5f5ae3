import { Counter, type Registry } from 'prom-client';
import { DEAD_LETTER_REASONS, type DeadLetterInput, type DeadLetterMetrics } from '../dead-letter/dead-letter-store.js';

/**
 * mimamori_dead_letters_total{stage, reason}; the children of this process's stage exist from
 * the start, so a dashboard shows 0 rather than no data.
 */
export function createDeadLetterMetrics(registry: Registry, stage: DeadLetterInput['stage']): DeadLetterMetrics {
  const counter = new Counter({
    name: 'mimamori_dead_letters_total',
    help: 'Messages or readings recorded in the dead-letter store, by stage and reason',
    labelNames: ['stage', 'reason'] as const,
    registers: [registry],
  });
  for (const reason of DEAD_LETTER_REASONS) counter.labels(stage, reason).inc(0);
  return { recorded: (s, reason) => counter.labels(s, reason).inc() };
}
