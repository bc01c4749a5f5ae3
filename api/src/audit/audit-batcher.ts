import { writeAuditRows, type AuditEntry, type Queryable } from '../../../core/src/index.js';

export interface AuditBatcher {
  /** Settles once the row is committed (or its statement failed): await it before answering. */
  write(entry: AuditEntry): Promise<void>;
}

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface AuditBatcherOptions {
  /** Most rows in one INSERT (10 parameters a row; PostgreSQL allows 65,535). */
  maxRows: number;
  /** Called with the size of each statement (a metric). */
  onBatch?: (rows: number) => void;
}

/**
 * Group commit of audit rows. While one INSERT is in flight, rows of concurrent reads wait and go
 * together in the next statement (one round trip, one commit); with no statement in flight a row
 * goes at once, so a lone read waits for nothing extra. Every caller's promise settles with the
 * statement that holds its row: no read is answered before its row exists, and if the statement
 * fails, every read in it fails.
 */
export function createAuditBatcher(db: Queryable, o: AuditBatcherOptions): AuditBatcher {
  let queue: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length) {
      const batch = queue.slice(0, o.maxRows);
      queue = queue.slice(batch.length);
      try {
        await writeAuditRows(
          db,
          batch.map((w) => w.entry),
        );
        o.onBatch?.(batch.length);
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    flushing = false;
  }

  return {
    write(entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        if (!flushing) void flush();
      });
    },
  };
}
