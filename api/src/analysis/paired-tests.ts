import ttest from '@stdlib/stats-ttest';
import wilcoxon from '@stdlib/stats-wilcoxon';

export interface PairedTTest {
  t: number;
  df: number;
  p: number;
}

export interface WilcoxonTest {
  /** Sum of the ranks of the positive differences (R's V). */
  v: number;
  p: number;
  /** exact: signed-rank distribution (n <= 50, no ties, no zeros); else normal approximation. */
  method: 'exact' | 'normal_approximation';
  /** Non-zero differences ranked (zero differences are dropped, zero_method "wilcox"). */
  n: number;
  zeros: number;
  ties: boolean;
  /** Continuity correction of 0.5 (normal approximation only). */
  continuityCorrection: boolean;
}

export interface PairedStatistics {
  n: number;
  mean: number;
  /** Standard deviation of the differences (n - 1). */
  sd: number | null;
  ci95: [number, number] | null;
  /** Cohen's d_z = mean / SD of the differences. */
  dz: number | null;
  pairedT: PairedTTest | null;
  wilcoxon: WilcoxonTest | null;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Paired analysis of per-person differences (intervention minus baseline): the t-test, its 95 %
 * CI and the Wilcoxon signed-rank test come from stdlib (no hand-written distributions).
 * Wilcoxon's method follows R's wilcox.test: exact unless there are ties, zeros or more than 50
 * differences, then the normal approximation with tie-corrected variance and continuity correction.
 */
export function pairedStatistics(diffs: number[]): PairedStatistics | null {
  const n = diffs.length;
  if (n === 0) return null;
  const m = mean(diffs);
  if (n < 2) return { n, mean: m, sd: null, ci95: null, dz: null, pairedT: null, wilcoxon: null };
  const sd = Math.sqrt(diffs.reduce((a, d) => a + (d - m) ** 2, 0) / (n - 1));
  const out: PairedStatistics = { n, mean: m, sd, ci95: null, dz: null, pairedT: null, wilcoxon: null };
  if (sd > 0) {
    const t = ttest(diffs, { alpha: 0.05 });
    out.ci95 = [t.ci[0]!, t.ci[1]!];
    out.dz = m / sd;
    out.pairedT = { t: t.statistic, df: t.df, p: t.pValue };
  }
  out.wilcoxon = wilcoxonOf(diffs);
  return out;
}

function wilcoxonOf(diffs: number[]): WilcoxonTest | null {
  const nonZero = diffs.filter((d) => d !== 0);
  if (nonZero.length === 0) return null; // nothing to rank
  const abs = nonZero.map(Math.abs);
  const ties = new Set(abs).size !== abs.length;
  const zeros = diffs.length - nonZero.length;
  const w = wilcoxon(diffs, { zeroMethod: 'wilcox', correction: true, alternative: 'two-sided' });
  // the same rule stdlib applies inside (it does not report which one it took)
  const exact = nonZero.length <= 50 && !ties && zeros === 0;
  return {
    v: w.statistic,
    p: w.pValue,
    method: exact ? 'exact' : 'normal_approximation',
    n: nonZero.length,
    zeros,
    ties,
    continuityCorrection: !exact,
  };
}
