interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

export interface GroupBatcherOptions {
  /** Most items in one statement. */
  maxItems: number;
  /** Statements in flight at once; items arriving meanwhile wait and go together in the next. */
  maxInFlight: number;
}

/**
 * Group statements: concurrent requests' items (credential lookups, audit rows) go to PostgreSQL
 * together, one statement and one round trip for many requests. With a statement slot free an
 * item goes at once, so a lone request waits for nothing extra. `run` answers in item order; each
 * caller's promise settles with the statement that holds its item (and fails with it).
 */
export function createGroupBatcher<I, O>(run: (items: I[]) => Promise<O[]>, o: GroupBatcherOptions) {
  let queue: Array<Waiting<I, O>> = [];
  let inFlight = 0;

  async function drain(): Promise<void> {
    inFlight++;
    while (queue.length) {
      const batch = queue.slice(0, o.maxItems);
      queue = queue.slice(batch.length);
      try {
        const out = await run(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(out[i] as O));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    inFlight--;
  }

  return (item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (inFlight < o.maxInFlight) void drain();
    });
}
