// Reference data shared by the analysis unit tests; the values were computed with SciPy 1.10.1
// (calls in tests/unit/analysis-statistics.test.ts).

/** 30 people's baseline and intervention means (steps/day); no ties among the differences. */
export const COHORT30 = {
  baseline: [
    3706.8, 1978.7, 2805.1, 325.7, 2568.4, 2700.7, 2937.3, 3844.4, 4480.1, 5042.6, 4985.9, 3419.1, 4139.9, 2285.5,
    3814.4, 4085.9, 2168.9, 3960.6, 827.9, 2444.9, 614.5, 4742.5, 3285.4, 1565.7, 736.1, 1148.7, 2331.2, 4012.9, 4719.0,
    3067.7,
  ],
  intervention: [
    4117.2, 2439.9, 2447.3, 209.3, 2817.9, 2797.5, 2880.1, 3696.0, 5470.3, 5973.5, 5439.0, 3995.1, 4746.0, 2339.0,
    3962.0, 4561.9, 2745.3, 4417.8, 912.8, 2557.4, 630.3, 5658.5, 3418.2, 1636.6, 970.7, 1095.3, 2739.1, 4535.2, 4912.2,
    3512.5,
  ],
};
/** scipy on intervention - baseline (ttest_rel gives the same t = 4.927365300365044, p = 3.104092411687878e-05). */
export const COHORT30_REF = {
  mean: 296.2466666666666,
  sd: 329.30576896140815,
  dz: 0.8996097080260511,
  t: 4.927365300365044,
  df: 29,
  pT: 3.104092411687878e-5,
  ci: [173.2818716666318, 419.21146166670144],
  v: 422,
  pW: 2.366676926612854e-5,
};
