import type { OwnerWithFacts, TokenLookup } from '../../../core/src/index.js';

export type OwnerLookup = (lookup: TokenLookup) => Promise<OwnerWithFacts | null>;

interface Waiting {
  lookup: TokenLookup;
  resolve: (owner: OwnerWithFacts | null) => void;
  reject: (err: unknown) => void;
}

/**
 * Credential lookups of concurrent requests in one statement (`findMany`, answers in order):
 * while one statement is in flight, lookups wait and go together in the next (as the audit group
 * commit does); a lone request goes at once. Each lookup is still made after its request arrived,
 * so a revoked token, ended session, grant or consent counts from the next request on.
 */
export function createCredentialBatcher(
  findMany: (lookups: TokenLookup[]) => Promise<Array<OwnerWithFacts | null>>,
  maxLookups: number,
): OwnerLookup {
  let queue: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length) {
      const batch = queue.slice(0, maxLookups);
      queue = queue.slice(batch.length);
      try {
        const owners = await findMany(batch.map((w) => w.lookup));
        batch.forEach((w, i) => w.resolve(owners[i] ?? null));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    flushing = false;
  }

  return (lookup) =>
    new Promise((resolve, reject) => {
      queue.push({ lookup, resolve, reject });
      if (!flushing) void flush();
    });
}
