import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonUpdatePublisher } from '../../core/src/events/person-updates.js';
import { buildAccessWorld, CALLER_ROLES, type AccessWorld } from '../helpers/access-world.js';
import { createApiHarness, type ApiHarness } from '../helpers/api-app.js';

interface Stream {
  status: number;
  text: () => string;
  /** Resolves when the received text matches. */
  until: (re: RegExp) => Promise<void>;
  close: () => void;
}

async function openStream(url: string, headers: Record<string, string>): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  let text = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  if (res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          text += decoder.decode(chunk, { stream: true });
          for (const w of waiters.filter((x) => x.re.test(text))) w.resolve();
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: res.status,
    text: () => text,
    until: (re) => (re.test(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ re, resolve }))),
    close: () => abort.abort(),
  };
}

const updates = (text: string): string[][] =>
  [...text.matchAll(/event: person-updated\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!).personIds);

describe('GET /v1/events (live updates)', () => {
  let h: ApiHarness;
  let world: AccessWorld;
  let base: string;

  beforeAll(async () => {
    h = await createApiHarness({ EVENTS_HEARTBEAT: '200ms' });
    world = await buildAccessWorld(h);
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses callers that are not signed in, and the operator token (no account)', async () => {
    const anonymous = await openStream(`${base}/v1/events`, {});
    expect(anonymous.status).toBe(401);
    anonymous.close();
    const operator = await openStream(`${base}/v1/events`, h.auth);
    expect(operator.status).toBe(403);
    operator.close();
  });

  it('tells each caller only about people whose vitals they may read', async () => {
    const streams = Object.fromEntries(
      await Promise.all(
        CALLER_ROLES.map(async (role) => {
          const s = await openStream(`${base}/v1/events`, world.accounts[role].headers);
          expect(s.status, role).toBe(200);
          await s.until(/event: ready/);
          return [role, s] as const;
        }),
      ),
    );
    const publisher = createPersonUpdatePublisher(h.redis, h.config.QUEUE_PREFIX, { everyMs: 1000 });
    publisher.notify(world.people.map((p) => p.pseudonym));
    // the hub hands an announcement to every stream at once: once care staff has it, all have
    await streams.care_staff!.until(/person-updated/);
    await streams.self!.until(/person-updated/);
    await streams.family!.until(/person-updated/);
    await streams.program_staff!.until(/: ping/);
    await new Promise((r) => setTimeout(r, 300));
    publisher.close();
    for (const s of Object.values(streams)) s.close();

    const allowed = world.persons.allowed.personId;
    expect(updates(streams.self!.text())).toEqual([[allowed]]);
    expect(updates(streams.family!.text())).toEqual([[allowed]]);
    expect(updates(streams.care_staff!.text())).toEqual([[allowed]]);
    expect(updates(streams.program_staff!.text())).toEqual([]);
    expect(updates(streams.admin!.text())).toEqual([]);
    // ids only: no pseudonyms or values on the wire
    for (const s of Object.values(streams)) for (const p of world.people) expect(s.text()).not.toContain(p.pseudonym);
  });

  it('ends open streams when the app closes', async () => {
    const other = await h.variant({});
    await other.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}/v1/events`;
    const s = await openStream(url, world.accounts.self.headers);
    await s.until(/event: ready/);
    await other.close();
    expect(s.text()).toMatch(/^retry: 5000/);
  });
});
