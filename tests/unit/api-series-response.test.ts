import { describe, expect, it } from 'vitest';
import { SeriesSchema } from '../../api/src/schemas/vitals.schema.js';
import { encodePoints, seriesSerializer } from '../../api/src/vitals/series-response.js';

const base = {
  personId: '6f1c1d4e-8a4b-4c1e-9a53-0d6f2b9c7e11',
  metric: 'heart_rate',
  unit: '/min',
  every: '1h',
  timeZone: 'Asia/Tokyo',
  from: '2025-11-30T00:00:00.000Z',
  to: '2025-12-01T00:00:00.000Z',
} as const;

describe('series answer serializer (points encoded once per cached result)', () => {
  it('writes what the response schema would, dropping fields the schema does not know', () => {
    const points = encodePoints({
      aggregation: 'mean',
      points: [{ start: '2025-11-30T03:00:00.000Z', mean: 66.5, min: 60, max: 70, count: 2 }],
    });
    const payload = { ...base, aggregation: 'mean', points: points.points, familyName: 'leak', pseudonym: 'p-1' };
    const text = seriesSerializer(points)(payload);
    expect(JSON.parse(text)).toEqual(SeriesSchema.encode(payload as never));
    expect(text).not.toContain('leak');
    expect(text).not.toContain('p-1');
  });

  it('encodes sum points and refuses what the schema refuses', () => {
    const sum = encodePoints({ aggregation: 'sum', points: [{ start: '2025-11-30T03:00:00.000Z', sum: 12, count: 3 }] });
    expect(JSON.parse(seriesSerializer(sum)({ ...base, metric: 'step_count', aggregation: 'sum' })).points).toEqual([
      { start: '2025-11-30T03:00:00.000Z', sum: 12, count: 3 },
    ]);
    expect(() => encodePoints({ aggregation: 'sum', points: [{ start: 'yesterday', sum: 1, count: 1 }] })).toThrow();
    expect(() => seriesSerializer(sum)({ ...base, personId: 'not-a-uuid', aggregation: 'sum' })).toThrow();
  });
});
