import {
  NotFittedError,
  ShapeError,
  type FloatArray,
  type Tensor,
  allocLike,
  checkOptions,
} from "@scatterkit/core";
import { checkMatrix } from "./checks.js";
import { gemv } from "@scatterkit/linalg";

// The loops over X as functions of their own (each optimised on its own, and kept apart from
// the one-shot methods that call them once per X).

/** corr[j] += t and m2[j] += t^2 with t = x_ij - mu_j, rows i = 0..n-1 in order. */
function centredSums(
  data: FloatArray,
  n: number,
  d: number,
  mu: Float64Array,
  corr: Float64Array,
  m2: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const t = data[o + j] - mu[j];
      corr[j] += t;
      m2[j] += t * t;
    }
  }
}

/** out_ij = (x_ij - mean_j) / scale_j (rounded to out's float type). */
function standardizeRows(
  out: FloatArray,
  data: FloatArray,
  n: number,
  d: number,
  mean: Float64Array,
  scale: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) out[o + j] = (data[o + j] - mean[j]) / scale[j];
  }
}

/** Options of {@link StandardScaler}. */
export interface StandardScalerOptions {
  /** Subtract the column mean (default true). */
  withMean?: boolean;
  /** Divide by the column standard deviation (default true). */
  withStd?: boolean;
  /**
   * false: `transform`, `fitTransform` and `inverseTransform` overwrite the input's array
   * (in place, as scikit-learn's copy=False) instead of allocating a new one (default true).
   */
  copy?: boolean;
}

/**
 * Standardises features as scikit-learn's StandardScaler: z = (x - mean) / scale with
 * mean_j = (1/n) sum_i x_ij and scale_j = sqrt((1/n) sum_i (x_ij - mean_j)^2) (population
 * standard deviation, ddof = 0); a column of zero variance gets scale 1.
 * Statistics are computed in float64; `transform` returns the input's float type.
 */
export class StandardScaler {
  /** Column means [d] (zeros when withMean is false). */
  mean: Float64Array | null = null;
  /** Column scales [d] (ones when withStd is false). */
  scale: Float64Array | null = null;
  /** Column variances [d] (population). */
  variance: Float64Array | null = null;
  /** Number of samples seen by fit / partialFit. */
  nSamplesSeen = 0;
  readonly withMean: boolean;
  readonly withStd: boolean;
  /** Whether transforms return a new array (true) or overwrite the input's (false). */
  readonly copy: boolean;
  private runMean: Float64Array | null = null;
  private runM2: Float64Array | null = null;

  constructor(options: StandardScalerOptions = {}) {
    const o = checkOptions("options", options);
    this.withMean = o.withMean === undefined ? true : Boolean(o.withMean);
    this.withStd = o.withStd === undefined ? true : Boolean(o.withStd);
    this.copy = o.copy === undefined ? true : Boolean(o.copy);
  }

  /** Learns mean and scale from X [n, d] (n >= 1, finite values), forgetting earlier data. */
  fit(X: Tensor): this {
    this.runMean = null;
    this.runM2 = null;
    this.nSamplesSeen = 0;
    return this.partialFit(X);
  }

  /**
   * Updates mean and scale with one more batch X [n, d] (streaming; for features computed
   * in chunks). Batches are merged exactly with the pairwise update of Chan, Golub & LeVeque
   * (1979): with delta = mean_B - mean_A, n = n_A + n_B,
   * mean = mean_A + delta n_B / n and M2 = M2_A + M2_B + delta^2 n_A n_B / n.
   */
  partialFit(X: Tensor): this {
    const { data, n, d } = checkMatrix("X", X);
    if (this.runMean && this.runMean.length !== d) {
      throw new ShapeError("X.shape[1]", d, `${this.runMean.length} (features seen in earlier batches)`);
    }
    // two passes: column sums (@scatterkit/linalg's gemv: 1^T X), then the sums of
    // t = x - mu0 and t^2 together; mu = mu0 + sum(t)/n and
    // M2 = sum (x - mu)^2 = sum t^2 - (sum t)^2 / n (the first-pass rounding removed)
    const ones = new Float64Array(n).fill(1);
    const mu = new Float64Array(d);
    gemv(true, n, d, 1 / n, data, 0, d, ones, 0, 1, 0, mu, 0, 1);
    const m2 = new Float64Array(d);
    const corr = new Float64Array(d);
    centredSums(data, n, d, mu, corr, m2);
    for (let j = 0; j < d; j++) {
      const c = corr[j];
      mu[j] += c / n;
      m2[j] = Math.max(0, m2[j] - (c * c) / n);
    }
    if (!this.runMean || !this.runM2) {
      this.runMean = mu;
      this.runM2 = m2;
      this.nSamplesSeen = n;
    } else {
      const na = this.nSamplesSeen;
      const nt = na + n;
      for (let j = 0; j < d; j++) {
        const delta = mu[j] - this.runMean[j];
        this.runMean[j] += (delta * n) / nt;
        this.runM2[j] += m2[j] + (delta * delta * na * n) / nt;
      }
      this.nSamplesSeen = nt;
    }
    const mean = this.runMean;
    const v = new Float64Array(d);
    const scale = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      v[j] = this.runM2[j] / this.nSamplesSeen;
      const s = Math.sqrt(v[j]);
      // treat a variance at rounding level of the mean as zero (constant column)
      scale[j] = this.withStd ? (s > 0 && s > 1e-15 * Math.abs(mean[j]) ? s : 1) : 1;
    }
    this.mean = this.withMean ? Float64Array.from(mean) : new Float64Array(d);
    this.scale = scale;
    this.variance = v;
    return this;
  }

  /** z_ij = (x_ij - mean_j) / scale_j, same float type as X; X is not modified. */
  transform(X: Tensor): Tensor {
    const { mean, scale } = this.fitted();
    const { data, n, d } = checkMatrix("X", X);
    if (d !== mean.length) throw new ShapeError("X.shape[1]", d, `${mean.length} (features seen in fit)`);
    const out: FloatArray = this.copy ? allocLike(data, n * d) : data;
    standardizeRows(out, data, n, d, mean, scale);
    return { data: out, shape: [n, d] };
  }

  /** fit(X) then transform(X). */
  fitTransform(X: Tensor): Tensor {
    return this.fit(X).transform(X);
  }

  /** x_ij = z_ij * scale_j + mean_j. */
  inverseTransform(Z: Tensor): Tensor {
    const { mean, scale } = this.fitted();
    const { data, n, d } = checkMatrix("Z", Z);
    if (d !== mean.length) throw new ShapeError("Z.shape[1]", d, `${mean.length} (features seen in fit)`);
    const out: FloatArray = this.copy ? allocLike(data, n * d) : data;
    for (let i = 0; i < n; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) out[o + j] = data[o + j] * scale[j] + mean[j];
    }
    return { data: out, shape: [n, d] };
  }

  private fitted(): { mean: Float64Array; scale: Float64Array } {
    if (!this.mean || !this.scale)
      throw new NotFittedError("StandardScaler is not fitted: call fit(X) first.");
    return { mean: this.mean, scale: this.scale };
  }
}
