import {
  NotFittedError,
  ParameterError,
  ShapeError,
  type FloatArray,
  type Tensor,
  allocLike,
  copyLike,
  checkInteger,
  checkOneOf,
  checkOptions,
  Random,
} from "@scatterkit/core";
import { checkMatrix } from "./checks.js";
import {
  gramMatrix,
  mulXB,
  mulXWt,
  mulYtX,
  orthonormalizeRows,
  scatterMatrix,
  symmetricEigen,
} from "./linalg.js";

/** Which algorithm {@link PCA} uses. */
/** The PCA solvers, as {@link PCAOptions.svdSolver} accepts them. */
export const PCA_SOLVERS = ["auto", "full", "randomized"] as const;
/** One of {@link PCA_SOLVERS}. */
export type PCASolver = (typeof PCA_SOLVERS)[number];

/** Options of {@link PCA}. */
export interface PCAOptions {
  /** Number of principal components kept, 1 <= nComponents <= min(n, d). */
  nComponents: number;
  /**
   * "full": exact eigen-decomposition of the d x d covariance (or of the n x n Gram
   * matrix when n < d). "randomized": randomised subspace iteration (Halko, Martinsson
   * & Tropp 2011) for large problems. "auto" (default): full when min(n, d) <= 500 or
   * nComponents >= 0.8 min(n, d), randomized otherwise.
   */
  svdSolver?: PCASolver;
  /**
   * Power (subspace) iterations of the randomized solver. Given: exactly that many
   * (scikit-learn's n_iter). Default: at least scikit-learn's "auto" count (7 when
   * nComponents < 0.1 min(n, d), else 4), then more rounds (at most 50) until the Ritz
   * vectors change by <= 1e-12 between rounds.
   */
  nIter?: number;
  /** Extra columns of the randomized solver's subspace (default 10). */
  nOversamples?: number;
  /** Seed of the randomized solver's Gaussian start. Default 0. */
  seed?: number;
}

/** Result of {@link principalSubspace}: the top-r principal axes of a set of rows. */
export interface PrincipalSubspace {
  mean: Float64Array;
  /** [r, d] row-major, orthonormal rows, sign-normalised (largest-|.| entry positive). */
  components: Float64Array;
  /** Eigenvalues of the scatter matrix (sum of squares along each axis), decreasing. */
  eigenvalues: Float64Array;
  /** Sum of all eigenvalues (= total sum of squares around the mean). */
  totalScatter: number;
}

/**
 * Top-r principal axes of the rows `rows` of X [*, d], around their mean. Exact path:
 * eigen-decomposition of the scatter matrix S = Xc^T Xc (d <= m) or of the Gram matrix
 * G = Xc Xc^T (m < d, axes v = Xc^T u / sqrt(lambda)). Randomized path: subspace
 * iteration Z <- orth(S Z) from a Gaussian start, then Rayleigh-Ritz on Z.
 * @internal
 */
export function principalSubspace(
  x: FloatArray,
  d: number,
  rows: Int32Array,
  r: number,
  solver: PCASolver = "auto",
  { nIter, nOversamples = 10, seed = 0 }: { nIter?: number; nOversamples?: number; seed?: number } = {},
): PrincipalSubspace {
  const m = rows.length;
  // mean of the selected rows
  const mean = new Float64Array(d);
  for (let a = 0; a < m; a++) {
    const o = rows[a] * d;
    for (let j = 0; j < d; j++) mean[j] += x[o + j];
  }
  for (let j = 0; j < d; j++) mean[j] /= m;
  const corr = new Float64Array(d);
  let total = 0;
  for (let a = 0; a < m; a++) {
    const o = rows[a] * d;
    for (let j = 0; j < d; j++) corr[j] += x[o + j] - mean[j];
  }
  for (let j = 0; j < d; j++) mean[j] += corr[j] / m;
  for (let a = 0; a < m; a++) {
    const o = rows[a] * d;
    for (let j = 0; j < d; j++) total += (x[o + j] - mean[j]) ** 2;
  }
  const small = Math.min(m, d);
  const useFull = solver === "full" || (solver === "auto" && (small <= 500 || r >= 0.8 * small));
  const components = new Float64Array(r * d);
  const eigenvalues = new Float64Array(r);
  if (useFull) {
    if (d <= m) {
      const s = scatterMatrix(x, d, rows, mean);
      const { values, vectors } = symmetricEigen(s, d);
      for (let c = 0; c < r; c++) {
        eigenvalues[c] = Math.max(0, values[c]);
        components.set(vectors.subarray(c * d, c * d + d), c * d);
      }
    } else {
      const g = gramMatrix(x, d, rows, mean);
      const { values, vectors } = symmetricEigen(g, m);
      for (let c = 0; c < r; c++) {
        const lam = Math.max(0, values[c]);
        eigenvalues[c] = lam;
        const out = components.subarray(c * d, c * d + d);
        for (let a = 0; a < m; a++) {
          const u = vectors[c * m + a];
          if (u === 0) continue;
          const o = rows[a] * d;
          for (let j = 0; j < d; j++) out[j] += u * (x[o + j] - mean[j]);
        }
      }
      // normalise (re-orthonormalise against rounding; zero-eigenvalue axes get any orthonormal completion)
      completeOrthonormalRows(components, r, d);
    }
  } else {
    randomizedSubspace(x, d, rows, mean, r, components, eigenvalues, nIter, nOversamples, seed);
  }
  signNormalize(components, r, d);
  return { mean, components, eigenvalues, totalScatter: total };
}

function randomizedSubspace(
  x: FloatArray,
  d: number,
  rows: Int32Array,
  mean: Float64Array,
  r: number,
  components: Float64Array,
  eigenvalues: Float64Array,
  nIter: number | undefined,
  nOversamples: number,
  seed: number,
): void {
  const m = rows.length;
  const l = Math.min(Math.min(m, d), r + nOversamples);
  // gather the rows once when they are a subset (contiguous X for the products)
  let xs: FloatArray = x;
  let identity = m * d === x.length;
  if (identity) for (let a = 0; a < m && identity; a++) identity = rows[a] === a;
  if (!identity) {
    xs = allocLike(x, m * d);
    for (let a = 0; a < m; a++) xs.set(x.subarray(rows[a] * d, rows[a] * d + d), a * d);
  }
  const rng = new Random(seed);
  // Z [l, d]: orthonormal rows spanning the current subspace
  const z = new Float64Array(l * d);
  for (let i = 0; i < z.length; i++) z[i] = rng.normal();
  orthonormalizeRows(z, l, d);
  const y = new Float64Array(m * l);
  const yt = new Float64Array(l * m);
  const shift = new Float64Array(l);
  // Y = Xc Z^T = X Z^T - 1 (Z mu)^T
  const project = (): void => {
    mulXWt(xs, m, d, z, l, null, y);
    for (let c = 0; c < l; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += z[c * d + j] * mean[j];
      shift[c] = s;
    }
    for (let i = 0; i < m; i++) for (let c = 0; c < l; c++) y[i * l + c] -= shift[c];
  };
  const mm = new Float64Array(l * l);
  // Rayleigh-Ritz on the current subspace: M = Y^T Y = Z S Z^T (Y = Xc Z^T from project())
  const ritz = (): void => {
    mm.fill(0);
    for (let a = 0; a < m; a++) {
      const o = a * l;
      for (let p = 0; p < l; p++) {
        const v = y[o + p];
        for (let q = p; q < l; q++) mm[p * l + q] += v * y[o + q];
      }
    }
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) mm[q * l + p] = mm[p * l + q];
    const { values, vectors } = symmetricEigen(mm, l);
    for (let c = 0; c < r; c++) {
      eigenvalues[c] = Math.max(0, values[c]);
      const out = components.subarray(c * d, c * d + d);
      out.fill(0);
      for (let p = 0; p < l; p++) {
        const u = vectors[c * l + p];
        const zo = p * d;
        for (let j = 0; j < d; j++) out[j] += u * z[zo + j];
      }
    }
    signNormalize(components, r, d);
  };
  const adaptive = nIter === undefined;
  const minIter = nIter ?? (r < 0.1 * Math.min(m, d) ? 7 : 4);
  const maxIter = adaptive ? minIter + 50 : minIter;
  const previous = adaptive ? new Float64Array(r * d) : null;
  for (let it = 0; ; it++) {
    project();
    if (it >= minIter) {
      ritz();
      if (it >= maxIter || !previous) break;
      // stop once the Ritz vectors no longer move (to ~1e-12) between rounds
      let change = 0;
      for (let i = 0; i < r * d; i++) change = Math.max(change, Math.abs(components[i] - previous[i]));
      if (it > minIter && change <= 1e-12) break;
      previous.set(components);
    }
    // orthonormalise the columns of Y (as rows of its transpose)
    for (let i = 0; i < m; i++) for (let c = 0; c < l; c++) yt[c * m + i] = y[i * l + c];
    orthonormalizeRows(yt, l, m);
    for (let i = 0; i < m; i++) for (let c = 0; c < l; c++) y[i * l + c] = yt[c * m + i];
    // Z = Y^T Xc = Y^T X - (Y^T 1) mu^T
    mulYtX(xs, m, d, y, l, z);
    for (let c = 0; c < l; c++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += y[i * l + c];
      for (let j = 0; j < d; j++) z[c * d + j] -= s * mean[j];
    }
    orthonormalizeRows(z, l, d);
  }
}

/** Normalises rows of A [r, d]; rows that vanish are replaced by an orthonormal completion. */
function completeOrthonormalRows(a: Float64Array, r: number, d: number): void {
  let probe = 0;
  for (let c = 0; c < r; c++) {
    const row = a.subarray(c * d, c * d + d);
    for (let attempt = 0; ; attempt++) {
      for (let p = 0; p < c; p++) {
        const prev = a.subarray(p * d, p * d + d);
        let dot = 0;
        for (let j = 0; j < d; j++) dot += row[j] * prev[j];
        for (let j = 0; j < d; j++) row[j] -= dot * prev[j];
      }
      let nrm = 0;
      for (let j = 0; j < d; j++) nrm += row[j] * row[j];
      nrm = Math.sqrt(nrm);
      if (nrm > 1e-10 || attempt > d) {
        for (let j = 0; j < d; j++) row[j] /= nrm;
        break;
      }
      row.fill(0);
      row[probe++ % d] = 1;
    }
  }
}

/** Flips each row of A [r, d] so that its largest-|.| entry (first one on ties) is positive. */
export function signNormalize(a: Float64Array, r: number, d: number): void {
  for (let c = 0; c < r; c++) {
    const o = c * d;
    let best = 0;
    for (let j = 1; j < d; j++) if (Math.abs(a[o + j]) > Math.abs(a[o + best])) best = j;
    if (a[o + best] < 0) for (let j = 0; j < d; j++) a[o + j] = -a[o + j];
  }
}

/**
 * Principal component analysis (scikit-learn's PCA without whitening). With Xc the
 * centred data and Xc = U S V^T its SVD: components = the first nComponents rows of V^T,
 * explainedVariance = S^2 / (n - 1) (the eigenvalues of the sample covariance
 * Xc^T Xc / (n - 1)), transform(X) = (X - mean) components^T. Each component is
 * sign-normalised so that its largest-|.| entry is positive. See {@link PCAOptions}
 * for the exact and randomized solvers.
 */
export class PCA {
  readonly nComponents: number;
  readonly svdSolver: PCASolver;
  private readonly nIter: number | undefined;
  private readonly nOversamples: number;
  private readonly seed: number;
  /** [nComponents, d], float64, orthonormal rows. */
  components: Tensor<Float64Array> | null = null;
  /** Variance along each component, S^2 / (n - 1), decreasing. */
  explainedVariance: Float64Array | null = null;
  /** explainedVariance / total variance. */
  explainedVarianceRatio: Float64Array | null = null;
  /** Singular values S of the centred data. */
  singularValues: Float64Array | null = null;
  /** Column means [d]. */
  mean: Float64Array | null = null;
  /** Mean of the discarded eigenvalues of the covariance (scikit-learn's noise_variance_; 0 if none). */
  noiseVariance = 0;

  constructor(options: PCAOptions) {
    const o = checkOptions("options", options);
    if (o.nComponents === undefined) throw new ParameterError("nComponents", undefined, "an integer >= 1");
    this.nComponents = checkInteger("nComponents", o.nComponents, 1);
    this.svdSolver = checkOneOf("svdSolver", o.svdSolver ?? "auto", PCA_SOLVERS);
    this.nIter = o.nIter === undefined ? undefined : checkInteger("nIter", o.nIter, 0);
    this.nOversamples = o.nOversamples === undefined ? 10 : checkInteger("nOversamples", o.nOversamples, 0);
    this.seed = o.seed === undefined ? 0 : checkInteger("seed", o.seed);
  }

  /** Fits the principal axes on X [n, d] (n >= 2, nComponents <= min(n, d)). */
  fit(X: Tensor): this {
    const { data, n, d } = checkMatrix("X", X, 2);
    if (this.nComponents > Math.min(n, d)) {
      throw new ParameterError(
        "nComponents",
        this.nComponents,
        `an integer in [1, ${Math.min(n, d)}] (min(n, d))`,
      );
    }
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
    const r = this.nComponents;
    const sub = principalSubspace(data, d, rows, r, this.svdSolver, {
      nIter: this.nIter,
      nOversamples: this.nOversamples,
      seed: this.seed,
    });
    const ev = new Float64Array(r);
    const sv = new Float64Array(r);
    const ratio = new Float64Array(r);
    const totalVar = sub.totalScatter / (n - 1);
    let kept = 0;
    for (let c = 0; c < r; c++) {
      ev[c] = sub.eigenvalues[c] / (n - 1);
      sv[c] = Math.sqrt(sub.eigenvalues[c]);
      ratio[c] = totalVar > 0 ? ev[c] / totalVar : 0;
      kept += ev[c];
    }
    const rest = Math.min(n, d) - r;
    this.noiseVariance = rest > 0 ? Math.max(0, totalVar - kept) / rest : 0;
    this.components = { data: sub.components, shape: [r, d] };
    this.explainedVariance = ev;
    this.explainedVarianceRatio = ratio;
    this.singularValues = sv;
    this.mean = sub.mean;
    return this;
  }

  /** Projections (X - mean) components^T, shape [n, nComponents], same float type as X. */
  transform(X: Tensor): Tensor {
    if (!this.components || !this.mean) throw new NotFittedError("PCA is not fitted: call fit(X) first.");
    const { data, n, d } = checkMatrix("X", X);
    const comp = this.components.data;
    const r = this.nComponents;
    const dd = this.mean.length;
    if (d !== dd) throw new ShapeError("X.shape[1]", d, `${dd} (features seen in fit)`);
    // components^T as [d, r] for a row-friendly product
    const ct = new Float64Array(d * r);
    for (let c = 0; c < r; c++) for (let j = 0; j < d; j++) ct[j * r + c] = comp[c * d + j];
    const prod = mulXB(data, n, d, ct, r, this.mean, new Float64Array(n * r));
    return { data: copyLike(data, prod), shape: [n, r] };
  }

  /** fit(X) then transform(X). */
  fitTransform(X: Tensor): Tensor {
    return this.fit(X).transform(X);
  }

  /** Back-projection Z components + mean, shape [n, d], same float type as Z. */
  inverseTransform(Z: Tensor): Tensor {
    if (!this.components || !this.mean) throw new NotFittedError("PCA is not fitted: call fit(X) first.");
    const { data, n, d: r } = checkMatrix("Z", Z);
    if (r !== this.nComponents) throw new ShapeError("Z.shape[1]", r, `${this.nComponents} (nComponents)`);
    const d = this.mean.length;
    const prod = mulXB(data, n, r, this.components.data, d, null, new Float64Array(n * d));
    const out = allocLike(data, n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = prod[i * d + j] + this.mean[j];
    return { data: out, shape: [n, d] };
  }
}
