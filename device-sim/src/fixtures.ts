// Regenerates tests/fixtures/vendor/*.jsonl (`npm run fixtures:vendor`); a unit test fails when they are stale.
// The same lines come from: npm run sim -- history --dry-run --no-registry --devices mmr-w-0003 \
//   --start 2026-11-29 --days 1 --seed 1 --format <format>
import { writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WIRE_FORMATS, projectPath, type WireFormat } from '../../core/src/index.js';
import { parseStart } from './cli-values.js';
import { createDryRunSink } from './dry-run-sink.js';
import { runHistory } from './history.js';

/** One watch that wears its watch at night (so a sleep ends), one local day, hourly messages. */
export const VENDOR_FIXTURE = {
  deviceId: 'mmr-w-0003',
  seed: 1,
  start: '2026-11-29',
  days: 1,
  topicRoot: 'mimamori',
} as const;

export const FIXTURE_DIR = pathToFileURL(`${projectPath('tests', 'fixtures', 'vendor')}/`);

/** The dry-run JSON lines of the fixture day in one wire format. */
export async function renderFixture(format: WireFormat): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const startMs = parseStart(VENDOR_FIXTURE.start);
  await runHistory(
    {
      deviceIds: [VENDOR_FIXTURE.deviceId],
      startMs,
      endMs: startMs + VENDOR_FIXTURE.days * 86_400_000,
      chunkMs: 3_600_000,
      seed: VENDOR_FIXTURE.seed,
      topicRoot: VENDOR_FIXTURE.topicRoot,
      format,
    },
    { sink: createDryRunSink(out) },
  );
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

// compared with the source path, not import.meta.url: inside a bundle that is the bundle's own file
if (process.argv[1] && resolve(process.argv[1]) === projectPath('device-sim', 'src', 'fixtures.ts')) {
  for (const format of WIRE_FORMATS) {
    const file = new URL(`${format}.jsonl`, FIXTURE_DIR);
    await writeFile(file, await renderFixture(format));
    process.stdout.write(`wrote ${fileURLToPath(file)}\n`);
  }
}
