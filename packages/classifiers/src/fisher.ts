import type { Tensor } from "@scatterkit/core";
import { checkLabels, checkMatrix } from "./checks.js";

/** Result of {@link fisherRatio}. */
export interface FisherRatio {
  /** Per feature j: between-class variance / within-class variance (Infinity when within is 0 and between > 0, 0 when both are 0). */
  perFeature: Float64Array;
  /** Between-class variance per feature: (1/n) sum_c n_c (mu_cj - mu_j)^2. */
  between: Float64Array;
  /** Within-class variance per feature: (1/n) sum_c sum_{i in c} (x_ij - mu_cj)^2. */
  within: Float64Array;
  /** Overall ratio: sum_j between_j / sum_j within_j (= trace(S_B) / trace(S_W)). */
  overall: number;
}

/**
 * Fisher discriminant ratio of labelled data X [n, d], labels 0..k-1:
 * for feature j, F_j = sum_c n_c (mu_cj - mu_j)^2 / sum_c sum_{i in c} (x_ij - mu_cj)^2
 * (between-class over within-class variance; the total variance is their sum),
 * and overall trace(S_B) / trace(S_W). Computed in float64. Empty classes are ignored.
 */
export function fisherRatio(X: Tensor, y: ArrayLike<number>): FisherRatio {
  const { data, n, d } = checkMatrix("X", X);
  const { labels, k, counts } = checkLabels("y", y, n, { requireTwo: true });
  const mu = new Float64Array(k * d);
  const all = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    const co = labels[i] * d;
    for (let j = 0; j < d; j++) mu[co + j] += data[o + j];
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < d; j++) {
      all[j] += mu[c * d + j];
      mu[c * d + j] /= counts[c];
    }
  }
  for (let j = 0; j < d; j++) all[j] /= n;
  const within = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    const co = labels[i] * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j] - mu[co + j];
      within[j] += v * v;
    }
  }
  const between = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < d; j++) between[j] += counts[c] * (mu[c * d + j] - all[j]) ** 2;
  }
  const perFeature = new Float64Array(d);
  let sb = 0;
  let sw = 0;
  for (let j = 0; j < d; j++) {
    between[j] /= n;
    within[j] /= n;
    sb += between[j];
    sw += within[j];
    perFeature[j] = within[j] > 0 ? between[j] / within[j] : between[j] > 0 ? Infinity : 0;
  }
  const overall = sw > 0 ? sb / sw : sb > 0 ? Infinity : 0;
  return { perFeature, between, within, overall };
}
