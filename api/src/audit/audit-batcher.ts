import { writeAuditRows, type AuditEntry, type Queryable } from '../../../core/src/index.js';
import { createGroupBatcher } from '../group-batcher.js';

export interface AuditBatcher {
  /** Settles once the row is committed (or its statement failed): await it before answering. */
  write(entry: AuditEntry): Promise<void>;
}

export interface AuditBatcherOptions {
  /** Most rows in one INSERT. */
  maxRows: number;
  /** INSERTs in flight at once (default 1: the most rows per commit). */
  maxInFlight?: number;
  /** Called with the size of each statement (a metric). */
  onBatch?: (rows: number) => void;
}

/**
 * Group commit of audit rows: rows of concurrent reads go in one INSERT (one round trip, one
 * commit). No read is answered before its row is committed, and if the statement fails, every
 * read in it fails (an error answer, as for a single row).
 */
export function createAuditBatcher(db: Queryable, o: AuditBatcherOptions): AuditBatcher {
  const write = createGroupBatcher<AuditEntry, void>(
    async (entries) => {
      await writeAuditRows(db, entries);
      o.onBatch?.(entries.length);
      return [];
    },
    { maxItems: o.maxRows, maxInFlight: o.maxInFlight ?? 1 },
  );
  return { write };
}
