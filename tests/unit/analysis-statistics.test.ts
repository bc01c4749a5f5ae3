// The paired statistics against reference values computed independently, once, with SciPy 1.10.1
// (Debian 12 python3-scipy) and hard-coded here, compared to 4 significant digits. For each data set d:
//   t  = scipy.stats.ttest_1samp(d, 0.0)                 # = ttest_rel(after, before) on the pairs
//   ci = t.confidence_interval(0.95)
//   w  = scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, alternative='two-sided', method=M)
//   V  = scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, alternative='greater', method=M).statistic
//   sd = d.std(ddof=1); dz = d.mean() / sd
// with M = 'exact' for darwin and cohort30, 'approx' for ties_zeros and n60.
import { describe, expect, it } from 'vitest';
import { pairedStatistics } from '../../api/src/analysis/paired-tests.js';
import { COHORT30, COHORT30_REF } from '../helpers/analysis-reference.js';

/** Equal to 4 significant digits. */
function sig4(actual: number | null | undefined, expected: number) {
  expect(actual).not.toBeNull();
  expect(Number(actual!.toPrecision(4))).toBe(Number(expected.toPrecision(4)));
}

// Darwin's Zea mays: differences of crossed minus self-fertilised plant heights (Fisher 1935); R's
// wilcox.test gives V = 96, p = 0.04126 and t.test t = 2.148, df = 14, p = 0.0497 on the same data.
const DARWIN = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];

const TIES_ZEROS = [120, -40, 85, 85, 0, 230, -40, 15, 310, 60, 60, 0, 150, -90, 200];
const N60 = [
  150.5, 269.5, 40.3, -206.2, -31.9, -246.7, 174.1, 686.1, -46.9, -98.2, 345.9, 292.8, 192.2, -222.2, 138.3, 428.1,
  -387.7, -33.0, -610.5, -365.8, -586.7, 56.0, -357.0, 258.5, 212.7, 75.2, -856.7, -65.5, 130.6, 195.3, -462.1, -41.1,
  -241.4, -173.5, 574.4, -173.0, 137.0, 503.8, -83.4, 105.3, 194.2, 175.5, -340.0, 180.5, 693.5, -468.9, 493.8, 197.7,
  -106.6, 950.2, 454.9, -329.7, 179.8, 380.7, 74.5, 423.2, 123.4, 416.9, 725.4, -120.3,
];

const CASES = [
  {
    name: 'Darwin (published example, exact Wilcoxon)',
    d: DARWIN,
    ref: {
      mean: 20.933333333333334,
      sd: 37.7443783262898,
      dz: 0.5546079777065185,
      t: 2.14798746133112,
      df: 14,
      pT: 0.049702944021800956,
      ci: [0.031193318401520287, 41.83547334826515],
      v: 96,
      pW: 0.041259765625,
    },
    method: 'exact',
  },
  {
    name: '30 people without ties (exact Wilcoxon)',
    d: COHORT30.intervention.map((x, i) => x - COHORT30.baseline[i]!),
    ref: COHORT30_REF,
    method: 'exact',
  },
  {
    name: 'ties and zero differences (normal approximation, zeros dropped, tie-corrected, continuity-corrected)',
    d: TIES_ZEROS,
    ref: {
      mean: 76.33333333333333,
      sd: 110.73563542230185,
      dz: 0.6893294380099796,
      t: 2.669761433463169,
      df: 14,
      pT: 0.01830844551087118,
      ci: [15.009982443030879, 137.65668422363578],
      v: 78,
      pW: 0.025195520623635694,
    },
    method: 'normal_approximation',
  },
  {
    name: 'more than 50 people (normal approximation)',
    d: N60,
    ref: {
      mean: 66.26333333333332,
      sd: 355.6972493695159,
      dz: 0.18629138530249273,
      t: 1.443006865636927,
      df: 59,
      pT: 0.15430701040296835,
      ci: [-25.623009570017757, 158.1496762366844],
      v: 1122,
      pW: 0.12846799893310593,
    },
    method: 'normal_approximation',
  },
] as const;

describe('paired statistics against SciPy reference values', () => {
  it.each(CASES)('agree to 4 significant digits: $name', ({ d, ref, method }) => {
    const s = pairedStatistics([...d])!;
    expect(s.n).toBe(d.length);
    sig4(s.mean, ref.mean);
    sig4(s.sd, ref.sd);
    sig4(s.dz, ref.dz);
    sig4(s.pairedT?.t, ref.t);
    expect(s.pairedT?.df).toBe(ref.df);
    sig4(s.pairedT?.p, ref.pT);
    sig4(s.ci95?.[0], ref.ci[0]);
    sig4(s.ci95?.[1], ref.ci[1]);
    expect(s.wilcoxon?.v).toBe(ref.v);
    sig4(s.wilcoxon?.p, ref.pW);
    expect(s.wilcoxon?.method).toBe(method);
  });

  it('reports zeros and ties of the Wilcoxon test', () => {
    expect(pairedStatistics([...TIES_ZEROS])!.wilcoxon).toMatchObject({
      n: 13,
      zeros: 2,
      ties: true,
      continuityCorrection: true,
    });
    expect(pairedStatistics([...DARWIN])!.wilcoxon).toMatchObject({
      n: 15,
      zeros: 0,
      ties: false,
      continuityCorrection: false,
    });
  });

  it('gives no test where none is defined: one person, or no spread', () => {
    expect(pairedStatistics([])).toBeNull();
    expect(pairedStatistics([120])).toMatchObject({
      n: 1,
      mean: 120,
      sd: null,
      ci95: null,
      pairedT: null,
      wilcoxon: null,
    });
    const flat = pairedStatistics([50, 50, 50])!;
    expect(flat).toMatchObject({ sd: 0, ci95: null, dz: null, pairedT: null });
    expect(pairedStatistics([0, 0])!.wilcoxon).toBeNull();
  });
});
