// Numbers behind the plots: differences, their median with a distribution-free CI, histogram bins, axis ticks.
import type { PersonResult } from './effect-types.js';

export interface Pair {
  pseudonym: string;
  baseline: number;
  intervention: number;
  difference: number;
}

/** Included people with both period means, in pseudonym order (stable across runs). */
export function pairsOf(people: PersonResult[]): Pair[] {
  return people
    .filter((p) => p.included && p.baseline.mean !== null && p.intervention.mean !== null)
    .map((p) => ({
      pseudonym: p.pseudonym,
      baseline: p.baseline.mean!,
      intervention: p.intervention.mean!,
      difference: p.difference ?? p.intervention.mean! - p.baseline.mean!,
    }))
    .sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0));
}

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** P(X <= k) for X ~ Binomial(n, 1/2), through logs so that large n does not underflow. */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logC = 0; // log C(n, 0)
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    sum += Math.exp(logC - n * Math.LN2);
  }
  return Math.min(1, sum);
}

/**
 * Distribution-free CI of the median from order statistics (sign-test inversion): [x(k), x(n-k+1)]
 * with the largest k whose coverage is still at least `level`. Null with too few values (n < 6 at 95 %).
 */
export function medianCi(xs: readonly number[], level = 0.95): { low: number; high: number; coverage: number } | null {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const alpha = 1 - level;
  let k = 0;
  while (k + 1 <= n / 2 && 2 * binomialHalfCdf(k, n) <= alpha) k++;
  if (k === 0) return null;
  return { low: s[k - 1]!, high: s[n - k]!, coverage: 1 - 2 * binomialHalfCdf(k - 1, n) };
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** Equal-width bins on round edges (Sturges' number of bins), with zero always on an edge. */
export function histogram(xs: readonly number[]): Bin[] {
  if (!xs.length) return [];
  const lo = Math.min(...xs, 0);
  const hi = Math.max(...xs, 0);
  const wanted = Math.max(4, Math.ceil(Math.log2(xs.length) + 1));
  const edges = niceTicks(lo, hi, wanted);
  const bins = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1]!, count: 0 }));
  for (const x of xs) {
    // the last bin includes its upper edge
    const i = bins.findIndex((b, j) => x >= b.from && (x < b.to || j === bins.length - 1));
    if (i >= 0) bins[i]!.count++;
  }
  return bins;
}
