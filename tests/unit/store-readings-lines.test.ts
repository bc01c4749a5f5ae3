import { describe, expect, it } from 'vitest';
import {
  createInfluxClient,
  createLogger,
  readingToPoint,
  ReadingSchema,
  type DeadLetterInput,
  type DeviceEnrolments,
  type InfluxClient,
  type LineChunk,
} from '../../core/src/index.js';
import { createStoreReadingsProcessor } from '../../workers/src/store-readings.processor.js';

// The processor's own line writing, without services: bodies of at most writeChunk lines, each line
// what Point writes, and a bad reading dead-lettered while its neighbours are written.
const { toLine } = createInfluxClient({ url: 'http://127.0.0.1:1', database: 'unused' });
const source = { vendor: 'mimamori-sim', format: 'canonical' } as const;
const device: DeviceEnrolments = {
  deviceId: 'w-1',
  spans: [{ personId: 'p1', pseudonym: 'P 1,a=b', validFrom: 0, validTo: null, timeZone: 'Asia/Tokyo' }],
};
const readings = Array.from({ length: 7 }, (_, i) => ({
  metric: 'heart_rate',
  start: `2026-11-30T10:00:0${i}.5+09:00`,
  value: 60 + i + (i % 2 ? 0.25 : 0),
  unit: '/min',
}));

function processor(writeChunk: number) {
  const bodies: string[] = [];
  const deadLetters: DeadLetterInput[] = [];
  const influx = {
    writeLines: async (chunk: LineChunk) => {
      bodies.push(Buffer.from(chunk.body).toString('utf8'));
      expect(chunk.lines).toBe(bodies.at(-1)!.split('\n').length);
      return chunk.lines;
    },
  } as unknown as InfluxClient;
  const handle = createStoreReadingsProcessor({
    influx,
    lookupEnrolments: async (ids) => new Map(ids.map((id) => [id, id === 'w-1' ? device : null])),
    deadLetters: { add: async (e: DeadLetterInput[]) => void deadLetters.push(...e) } as never,
    logger: createLogger({ service: 'test', level: 'silent' }),
    writeChunk,
  });
  return { handle, bodies, deadLetters };
}

const job = (rs: unknown[]) => ({
  id: '1',
  data: {
    messages: [
      {
        topic: 'mimamori/v1/devices/w-1/readings',
        receivedAt: 1,
        message: {
          schema: 'mimamori.readings/1',
          deviceId: 'w-1',
          sentAt: '2026-11-30T10:00:09+09:00',
          source,
          readings: rs,
        },
      },
    ],
  },
});

describe('store-readings line writing', () => {
  it('writes bodies of at most writeChunk lines, each line as Point writes it', async () => {
    const { handle, bodies } = processor(3);
    const result = await handle(job(readings));
    expect(result.stored).toBe(7);
    expect(bodies.map((b) => b.split('\n').length)).toEqual([3, 3, 1]);
    const expected = readings.map((r) =>
      toLine(readingToPoint(ReadingSchema.parse({ ...r, deviceId: 'w-1', source }), 'P 1,a=b')),
    );
    expect(bodies.join('\n')).toBe(expected.join('\n'));
  });

  it('dead-letters a bad reading with its reason and writes the others', async () => {
    const { handle, bodies, deadLetters } = processor(5000);
    const bad = { ...readings[2], unit: 'bpm' };
    const result = await handle(job([readings[0], bad, readings[1], { ...readings[3], value: 400 }]));
    expect(result).toEqual({ stored: 2, rejected: { schema: 1, implausible: 1 } });
    expect(bodies).toHaveLength(1);
    expect(deadLetters.map((d) => d.reason).sort()).toEqual(['implausible', 'schema']);
    expect(JSON.parse(deadLetters.find((d) => d.reason === 'schema')!.payload).readings).toEqual([bad]);
  });
});
