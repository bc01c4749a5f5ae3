// npm run dlq -- list [--reason R] [--count N] | show ID | replay (ID... | --reason R | --all) [--dry-run]
// Operator's view of the dead-letter store; replay re-queues entries for the workers (idempotent:
// a replayed entry leaves the store, and stored points overwrite themselves).
import { Command } from 'commander';
import { Queue } from 'bullmq';
import { z } from 'zod';
import {
  DEAD_LETTER_REASONS,
  JobName,
  QueueName,
  createDeadLetterStore,
  createRedis,
  defaultJobOptions,
  loadConfigOrExit,
  planReplay,
  redisFragment,
  type DeadLetterEntry,
  type DeadLetterReason,
  type StoreReadingsJob,
} from '../core/src/index.js';

const config = loadConfigOrExit(z.object(redisFragment), 'dlq');
const redis = createRedis(config.REDIS_URL, 'worker');
const store = createDeadLetterStore(redis, config.QUEUE_PREFIX);
const reasonOption = (v: string) => {
  if (!(DEAD_LETTER_REASONS as readonly string[]).includes(v)) throw new Error(`reason: one of ${DEAD_LETTER_REASONS.join(', ')}`);
  return v as DeadLetterReason;
};
const when = (ms: number) => new Date(ms).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });

async function allEntries(reason?: DeadLetterReason, limit = Infinity): Promise<DeadLetterEntry[]> {
  const out: DeadLetterEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.list({ count: 1000, after });
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    out.push(...page.filter((e) => !reason || e.reason === reason));
    if (out.length >= limit) return out.slice(0, limit);
  }
  return out;
}

const program = new Command('dlq').description('dead-letter store of rejected messages and readings');

program
  .command('list')
  .option('--reason <reason>', 'only this reason', reasonOption)
  .option('--count <n>', 'at most this many', '50')
  .action(async (o: { reason?: DeadLetterReason; count: string }) => {
    const counts = await store.countsByReason();
    console.log(`in store: ${await store.size()}; recorded by reason: ${JSON.stringify(counts)}`);
    for (const e of await allEntries(o.reason, Number(o.count))) {
      console.log(`${e.id}  ${when(e.receivedAt)}  ${e.reason.padEnd(15)} ${e.stage.padEnd(7)} ${e.deviceId ?? '-'}  ${e.detail.slice(0, 100)}`);
    }
  });

program.command('show <id>').action(async (id: string) => {
  const e = await store.get(id);
  if (!e) throw new Error(`no entry ${id}`);
  let payload: unknown = e.payload;
  try {
    payload = JSON.parse(e.payload);
  } catch {
    // shown as received
  }
  console.log(JSON.stringify({ ...e, receivedAt: new Date(e.receivedAt).toISOString(), payload }, null, 2));
});

program
  .command('replay [ids...]')
  .option('--reason <reason>', 'every entry with this reason', reasonOption)
  .option('--all', 'every entry')
  .option('--dry-run', 'only say what would happen')
  .action(async (ids: string[], o: { reason?: DeadLetterReason; all?: boolean; dryRun?: boolean }) => {
    const entries = ids.length
      ? (await Promise.all(ids.map((id) => store.get(id)))).filter((e): e is DeadLetterEntry => e !== null)
      : o.reason || o.all
        ? await allEntries(o.reason)
        : [];
    if (!ids.length && !o.reason && !o.all) throw new Error('say what to replay: ids, --reason or --all');
    const queue = new Queue<StoreReadingsJob>(QueueName.readings, { connection: redis, prefix: config.QUEUE_PREFIX, defaultJobOptions });
    let replayed = 0;
    let kept = 0;
    for (const e of entries) {
      const plan = planReplay(e);
      if (!plan.ok) {
        kept++;
        console.log(`${e.id}  kept: ${plan.why}`);
        continue;
      }
      if (!o.dryRun) {
        // forget, queue, then remove: a crash in between leaves a duplicate entry, never a lost one;
        // the job id from the entry id makes two replays at once queue it once
        await store.forget(e);
        await queue.add(JobName.storeReadings, { messages: [plan.received] }, { jobId: `dlq-${e.id}` });
        await store.remove(e);
      }
      replayed++;
      console.log(`${e.id}  ${o.dryRun ? 'would replay' : 'replayed'}`);
    }
    console.log(`${replayed} replayed, ${kept} kept${o.dryRun ? ' (dry run)' : ''}`);
    await queue.close();
  });

try {
  await program.parseAsync();
} catch (err) {
  console.error(`dlq: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  redis.disconnect();
}
