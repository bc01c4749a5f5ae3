import { SeriesEnvelopeSchema, SeriesPointsSchemas } from '../schemas/vitals.schema.js';
import type { SeriesPoints } from './series-query.js';

/** A series' points with their JSON, encoded through the response schema once. */
export type EncodedPoints = SeriesPoints & { json: string };

export function encodePoints(p: SeriesPoints): EncodedPoints {
  return { ...p, json: JSON.stringify(SeriesPointsSchemas[p.aggregation].encode(p.points as never)) };
}

/**
 * Serializer of one series answer: the envelope goes through the response schema as every answer
 * does (unknown fields dropped), the points are the JSON encoded when the result was cached.
 * Encoding 168 points with zod on every request was a tenth of the api's CPU (profile, #9).
 */
export function seriesSerializer(points: EncodedPoints) {
  return (payload: unknown): string => {
    const head = JSON.stringify(SeriesEnvelopeSchema.encode(payload as never));
    return `${head.slice(0, -1)},"points":${points.json}}`;
  };
}
