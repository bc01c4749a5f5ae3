import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export type { RandomGenerator };
export { uniformInt };

/**
 * Streams of randomness. Every random value of the simulator comes from a generator seeded by
 * (watch key, stream, time index), so a reading is a pure function of seed, device and instant:
 * re-running an overlapping span repeats the same points (they overwrite themselves in InfluxDB)
 * and the interval length does not change the data.
 */
export const Stream = {
  profile: 1,
  day: 2,
  block: 3,
  heart: 4,
  oxygen: 5,
  temperature: 6,
  weather: 7,
  wear: 8,
  sleep: 9,
  care: 10,
  scenario: 11,
  fault: 12,
} as const;

/** 32-bit FNV-1a hash of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Mixes integers (any safe integer, including ones above 2^32) into one 32-bit seed. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9 | 0;
  for (const p of parts) {
    h = fmix32(h ^ (p | 0));
    h = fmix32(h ^ (Math.floor(p / 0x1_0000_0000) | 0));
  }
  return h;
}

/**
 * A fresh xoroshiro128+ generator for one stream and time index. The whole 128-bit state comes
 * from the hash: xoroshiro128plus(seed) starts from a sparse state whose first outputs are
 * simple functions of the seed, and these generators are used for only a few draws each.
 */
export function rngFor(...parts: number[]): RandomGenerator {
  const h = mixSeed(...parts);
  return xoroshiro128plusFromState([
    fmix32(h ^ 0x1b873593),
    fmix32(h ^ 0x5bd1e995),
    fmix32(h ^ 0x27d4eb2f),
    fmix32(h ^ 0x165667b1) | 1,
  ]);
}

/** Uniform float in [min, max). */
export function uniform(rng: RandomGenerator, min: number, max: number): number {
  return min + (max - min) * uniformFloat64(rng);
}

/** True with probability p. Always draws one value, so the stream stays aligned. */
export function chance(rng: RandomGenerator, p: number): boolean {
  return uniformFloat64(rng) < p;
}

/** Bell-shaped noise with mean 0 and standard deviation 1, bounded to about ±3.5 (Irwin-Hall of 4). */
export function noise(rng: RandomGenerator): number {
  const s = uniformFloat64(rng) + uniformFloat64(rng) + uniformFloat64(rng) + uniformFloat64(rng);
  return (s - 2) * Math.sqrt(3);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
