import {
  ParameterError,
  type FloatArray,
  type Tensor,
  copyLike,
  checkInteger,
  checkOneOf,
  checkOptions,
} from "@scatterkit/core";
import { checkLabels, checkMatrix, checkFittedX } from "./checks.js";
import { argBestRows, mulXWt } from "./linalg.js";
import { PCA_SOLVERS, type PCASolver, principalSubspace } from "./pca.js";

/** Options of {@link AffineSpaceClassifier}. */
export interface AffineSpaceOptions {
  /** Dimension of each class's affine space (number of principal directions, >= 0). */
  dim: number;
  /** PCA solver per class (see PCAOptions.svdSolver). Default "auto". */
  svdSolver?: PCASolver;
  /**
   * Power iterations of the randomized solver per class. Default: scikit-learn's fixed
   * "auto" count (7 when dim < 0.1 min(n_c, d), else 4); classification does not need
   * the iterate-to-convergence default of {@link PCA}.
   */
  nIter?: number;
}

/**
 * The PCA affine-space classifier of Bruna & Mallat ("Invariant scattering convolution
 * networks", IEEE PAMI 2013, section 5): for each class c, the affine space
 * A_c = mu_c + span(V_c) with mu_c the class mean and V_c its first `dim` principal
 * directions. A sample is assigned to the class whose affine space is nearest:
 * predict(x) = argmin_c || (I - V_c^T V_c)(x - mu_c) ||^2
 *            = argmin_c ( ||x - mu_c||^2 - ||V_c (x - mu_c)||^2 ).
 * A class with n_c samples uses min(dim, n_c - 1, d) directions (its span is at most
 * n_c - 1 dimensional); dim = 0 is the nearest-class-mean classifier.
 */
export class AffineSpaceClassifier {
  readonly dim: number;
  readonly svdSolver: PCASolver;
  readonly nIter: number | undefined;
  /** Class means [k, d]. */
  means: Tensor<Float64Array> | null = null;
  /** Per class, its principal directions [dim_c, d] (orthonormal rows). */
  directions: Tensor<Float64Array>[] = [];
  nClasses = 0;

  constructor(options: AffineSpaceOptions) {
    const o = checkOptions("options", options);
    if (o.dim === undefined) throw new ParameterError("dim", undefined, "an integer >= 0");
    this.dim = checkInteger("dim", o.dim, 0);
    this.svdSolver = checkOneOf("svdSolver", o.svdSolver ?? "auto", PCA_SOLVERS);
    this.nIter = o.nIter === undefined ? undefined : checkInteger("nIter", o.nIter, 0);
  }

  /** Fits each class's mean and principal directions on X [n, d], labels 0..k-1 (k >= 2, all present). */
  fit(X: Tensor, y: ArrayLike<number>): this {
    const { data, n, d } = checkMatrix("X", X);
    const { labels, k, counts } = checkLabels("y", y, n, { requireTwo: true });
    const means = new Float64Array(k * d);
    const directions: Tensor<Float64Array>[] = [];
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        throw new ParameterError(
          "y",
          `labels without class ${c}`,
          `every class 0..${k - 1} present at least once`,
        );
      }
      const rows = new Int32Array(counts[c]);
      let q = 0;
      for (let i = 0; i < n; i++) if (labels[i] === c) rows[q++] = i;
      const r = Math.min(this.dim, counts[c] - 1, d);
      if (r === 0) {
        for (let a = 0; a < rows.length; a++) {
          const o = rows[a] * d;
          for (let j = 0; j < d; j++) means[c * d + j] += data[o + j];
        }
        for (let j = 0; j < d; j++) means[c * d + j] /= rows.length;
        directions.push({ data: new Float64Array(0), shape: [0, d] });
        continue;
      }
      const nIter = this.nIter ?? (r < 0.1 * Math.min(rows.length, d) ? 7 : 4);
      const sub = principalSubspace(data, d, rows, r, this.svdSolver, { nIter });
      means.set(sub.mean, c * d);
      directions.push({ data: sub.components, shape: [r, d] });
    }
    this.means = { data: means, shape: [k, d] };
    this.directions = directions;
    this.nClasses = k;
    return this;
  }

  /** Squared distances to each class's affine space, shape [n, k], X's float type. */
  distances(X: Tensor): Tensor {
    const { data, n } = this.checkX(X);
    const dist = this.dist(data, n);
    return { data: copyLike(data, dist), shape: [n, this.nClasses] };
  }

  /** Label of the nearest affine space (first on ties). */
  predict(X: Tensor): Int32Array {
    const { data, n } = this.checkX(X);
    return argBestRows(this.dist(data, n), n, this.nClasses, "min");
  }

  private dist(x: FloatArray, n: number): Float64Array {
    const means = (this.means as Tensor<Float64Array>).data;
    const k = this.nClasses;
    const d = means.length / k;
    const out = new Float64Array(n * k);
    let proj = new Float64Array(0);
    for (let c = 0; c < k; c++) {
      const mo = c * d;
      // squared distance to the mean, computed directly (no cancellation)
      for (let i = 0; i < n; i++) {
        const o = i * d;
        let sq = 0;
        for (let j = 0; j < d; j++) {
          const v = x[o + j] - means[mo + j];
          sq += v * v;
        }
        out[i * k + c] = sq;
      }
      const V = this.directions[c];
      const r = V.shape[0];
      if (r === 0) continue;
      // projections V_c (x_i - mu_c) = V_c x_i - V_c mu_c, by the tiled X V^T kernel
      const shift = new Float64Array(r);
      for (let p = 0; p < r; p++) {
        let s = 0;
        for (let j = 0; j < d; j++) s -= V.data[p * d + j] * means[mo + j];
        shift[p] = s;
      }
      if (proj.length < n * r) proj = new Float64Array(n * r);
      mulXWt(x, n, d, V.data, r, shift, proj);
      for (let i = 0; i < n; i++) {
        let s = out[i * k + c];
        for (let p = 0; p < r; p++) s -= proj[i * r + p] ** 2;
        out[i * k + c] = Math.max(0, s);
      }
    }
    return out;
  }

  private checkX(X: Tensor): { data: FloatArray; n: number } {
    return checkFittedX(X, "AffineSpaceClassifier", this.means !== null, this.means?.shape[1] ?? 0);
  }
}
