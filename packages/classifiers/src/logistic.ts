import {
  ParameterError,
  type FloatArray,
  type Tensor,
  allocLike,
  copyLike,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
} from "@scatterkit/core";
import { checkLabels, checkMatrix, checkFittedX } from "./checks.js";
import { gemm } from "@scatterkit/linalg";
import { lbfgs } from "./lbfgs.js";
import { argBestRows } from "./linalg.js";
import { softmaxObjective } from "./kernels.js";
import { packedSoftmaxObjective, packedSoftmaxObjectives } from "./objective.js";
import { parallelSoftmaxObjective } from "./parallel.js";

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** Inverse regularisation strength (> 0). Default 1. */
  C?: number;
  /** Maximum number of L-BFGS iterations. Default 100 (scikit-learn's default). */
  maxIter?: number;
  /**
   * Tolerance (> 0). Default 1e-4. The solver stops when the largest gradient entry
   * of the objective is <= tol * 1e-4 * max(1, max|W|), i.e. far tighter than
   * scikit-learn's stopping rule, so that the coefficients are those of the unique
   * optimum (to ~1e-8) rather than of an early stop.
   */
  tol?: number;
  /**
   * L-BFGS memory (number of correction pairs). Default 50: more pairs than scipy's 10
   * cost 4 * memory * (k d) flops per iteration (small next to one pass over X) and
   * cut the iterations needed to reach the optimum (measured on digits, C = 1: relative
   * coefficient error after 100 unpreconditioned iterations 3e-5 with 10 pairs, 7e-7 with 50).
   */
  memory?: number;
  /**
   * Scale the L-BFGS initial inverse Hessian by the inverse Hessian diagonal at the
   * start (C (k-1)/k^2 sum_i x_ij^2 + 1 for w_cj). Does not change the optimum. Default
   * true: on features of unequal scales it cut the iterations to the optimum 2-6x in our
   * measurements (e.g. 273 -> 44); on standardised features it costs little.
   */
  precondition?: boolean;
  /** Start from the current coef / intercept when the model is already fitted with the same k and d. Default false. */
  warmStart?: boolean;
  /**
   * Products X W^T and R^T X when X is a Float32Array. "auto" (default): float32 products
   * (f32x4 SIMD) summed a few at a time in float32 and accumulated in float64, about twice
   * as fast, while the gradient is large next to their rounding error (max|g| >
   * 1000 * 2^-24 * C * sqrt(max_j sum_i x_ij^2)); then, and whenever the solver would stop or
   * stall, float64 products to the end, so the optimum reached is the float64 one.
   * "float64": float64 products throughout. Float64Array X always uses float64 products.
   */
  products?: "auto" | "float64";
  /**
   * Progress callback, called after every L-BFGS iteration with the objective and the
   * largest gradient entry; return false to stop early (stopReason "callback").
   */
  onIteration?: (info: {
    iteration: number;
    objective: number;
    gradientMaxAbs: number;
  }) => boolean | undefined;
}

/**
 * Multinomial (softmax) logistic regression with an L2 penalty, fitted by L-BFGS:
 * minimises  f(W, b) = C * sum_i [ log sum_c exp(w_c . x_i + b_c) - (w_{y_i} . x_i + b_{y_i}) ]
 *                     + 0.5 * ||W||_F^2
 * (scikit-learn's `LogisticRegression(multi_class="multinomial", solver="lbfgs")`
 * objective; the intercept b is not penalised). The gradient is
 * dW = C (P - Y)^T X + W, db = C (P - Y)^T 1 with P the softmax probabilities and Y
 * the one-hot labels. Starting from zero keeps sum_c b_c = 0 (b is identified only up
 * to a constant); the fitted intercept is re-centred to sum 0. With k = 2 classes the
 * same softmax formulation is used (coef has two rows with W_0 = -W_1 at the optimum;
 * scikit-learn reports only row 1 as its coef_).
 *
 * X stays in its own float type (never copied); the objective is evaluated in one pass
 * over X per L-BFGS evaluation, four rows at a time, in float64.
 */
export class LogisticRegression {
  readonly C: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly memory: number;
  readonly precondition: boolean;
  readonly warmStart: boolean;
  readonly products: "auto" | "float64";
  private readonly onIteration: LogisticRegressionOptions["onIteration"];
  /** Coefficients W [k, d] (float64). */
  coef: Tensor<Float64Array> = { data: new Float64Array(0), shape: [0, 0] };
  /** Intercepts b [k] (float64, summing to 0). */
  intercept: Float64Array = new Float64Array(0);
  /** Number of classes seen in fit. */
  nClasses = 0;
  /** L-BFGS iterations used by the last fit. */
  nIter = 0;
  /** Objective + gradient evaluations (passes over X) used by the last fit. */
  nEvaluations = 0;
  /** L-BFGS iteration at which the last fit switched from float32 to float64 products (-1: it did not). */
  refinedAt = -1;
  /** Largest |gradient entry| at the returned solution. */
  gradientMaxAbs = Number.NaN;
  /** Objective value at the returned solution. */
  objective = Number.NaN;
  /** Why the solver stopped: "gtol" (converged), "maxIter", "precision" (float64 limit reached) or "callback". */
  stopReason: "gtol" | "maxIter" | "precision" | "callback" | null = null;
  private fitted = false;

  constructor(options: LogisticRegressionOptions = {}) {
    const o = checkOptions("options", options);
    this.C = o.C === undefined ? 1 : checkNumber("C", o.C, { min: 0, minExclusive: true });
    this.maxIter = o.maxIter === undefined ? 100 : checkInteger("maxIter", o.maxIter, 1);
    this.tol = o.tol === undefined ? 1e-4 : checkNumber("tol", o.tol, { min: 0, minExclusive: true });
    this.memory = o.memory === undefined ? 50 : checkInteger("memory", o.memory, 1, 1000);
    this.precondition = o.precondition === undefined ? true : Boolean(o.precondition);
    this.warmStart = Boolean(o.warmStart);
    this.products =
      o.products === undefined ? "auto" : checkOneOf("products", o.products, ["auto", "float64"]);
    if (o.onIteration !== undefined && typeof o.onIteration !== "function") {
      throw new ParameterError("onIteration", o.onIteration, "a function");
    }
    this.onIteration = o.onIteration as LogisticRegressionOptions["onIteration"];
  }

  /**
   * Fits on X [n, d] (finite values) and labels y (n integers in 0..k-1, every class
   * present, k >= 2).
   */
  fit(X: Tensor, y: ArrayLike<number>): this {
    const p = this.prepare(X, y);
    const packed = packedSoftmaxObjectives(p.data, p.n, p.d, p.k, p.labels, this.C);
    if (packed) {
      if (!this.mixed(p.data)) return this.solve(p, packed.exact);
      return this.solve(p, packed.fast, () => packed.exact);
    }
    const z = new Float64Array(4 * p.k);
    const r = new Float64Array(4 * p.k);
    return this.solve(p, (theta, grad) =>
      softmaxObjective(p.data, p.n, p.d, p.k, p.labels, this.C, theta, grad, z, r),
    );
  }

  /**
   * Same result as {@link fit} (up to float64 summation order), with each objective
   * evaluation split over `workers` threads (the calling thread plus workers - 1 workers of
   * @scatterkit/core's worker pool, each on a contiguous block of rows). Rows of X are shared
   * without copying when X.data lives on a SharedArrayBuffer; otherwise each worker receives a
   * copy of its own block. Where the workers cannot run (no SharedArrayBuffer, a calling
   * thread that may not block such as a page's main thread, no worker support) or
   * workers = 1, this is fit(X, y). The calling thread blocks while fitting, as with fit.
   */
  async fitAsync(X: Tensor, y: ArrayLike<number>, options: { workers?: number } = {}): Promise<this> {
    const o = checkOptions("options", options);
    const workers = o.workers === undefined ? 2 : checkInteger("workers", o.workers, 1, 256);
    const p = this.prepare(X, y);
    // the workers' float32 X kernels use float32 products: products "float64" runs fit
    if (p.data instanceof Float32Array && !this.mixed(p.data)) return this.fit(X, y);
    const par =
      workers > 1
        ? await parallelSoftmaxObjective(p.data, p.n, p.d, p.k, p.labels, this.C, workers, {
            pairs: Math.max(1, Math.min(this.memory, this.maxIter)),
          })
        : null;
    if (!par) return this.fit(X, y);
    try {
      // mixed precision: the refinement (float64 products) runs on this thread
      const exact = () =>
        packedSoftmaxObjective(p.data, p.n, p.d, p.k, p.labels, this.C, true, "float64") ??
        ((th: Float64Array, g: Float64Array) =>
          softmaxObjective(
            p.data,
            p.n,
            p.d,
            p.k,
            p.labels,
            this.C,
            th,
            g,
            new Float64Array(4 * p.k),
            new Float64Array(4 * p.k),
          ));
      return this.solve(p, par.fg, this.mixed(p.data) ? exact : undefined, par.bank);
    } finally {
      await par.close();
    }
  }

  private prepare(
    X: Tensor,
    y: ArrayLike<number>,
  ): { data: FloatArray; n: number; d: number; k: number; labels: Int32Array } {
    const { data, n, d } = checkMatrix("X", X);
    const { labels, k, counts } = checkLabels("y", y, n, { requireTwo: true });
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        throw new ParameterError(
          "y",
          `labels without class ${c}`,
          `every class 0..${k - 1} present at least once (labels are 0..k-1)`,
        );
      }
    }
    return { data, n, d, k, labels };
  }

  /** Whether the fit runs float32 products first (products "auto" on Float32Array X). */
  private mixed(data: FloatArray): boolean {
    return this.products === "auto" && data instanceof Float32Array;
  }

  private solve(
    p: { data: FloatArray; n: number; d: number; k: number },
    fg: (theta: Float64Array, grad: Float64Array) => number,
    exact?: () => (theta: Float64Array, grad: Float64Array) => number,
    bank?: { memory: WebAssembly.Memory; beforeFirstUse: (pair: number) => void },
  ): this {
    const { data, n, d, k } = p;
    const C = this.C;
    const kd = k * d;
    const x0 = new Float64Array(kd + k);
    if (this.warmStart && this.fitted && this.nClasses === k && this.coef.shape[1] === d) {
      x0.set(this.coef.data);
      x0.set(this.intercept, kd);
    }
    const tol = this.tol;
    const gtol = (theta: Float64Array): number => {
      let m = 0;
      for (let i = 0; i < kd; i++) m = Math.max(m, Math.abs(theta[i]));
      return tol * 1e-4 * Math.max(1, m);
    };
    // diagonal preconditioner: inverse of the Hessian diagonal at theta = 0 (p = 1/k),
    // C (1/k)(1 - 1/k) sum_i x_ij^2 + 1 for w_cj and C (1/k)(1 - 1/k) n for b_c
    let precond: Float64Array | undefined;
    const sq = this.precondition || exact ? new Float64Array(d) : null;
    if (sq) columnSquares(data, n, d, sq);
    if (this.precondition && sq) {
      precond = new Float64Array(kd + k);
      const a = (C * (k - 1)) / (k * k);
      for (let c = 0; c < k; c++) {
        for (let j = 0; j < d; j++) precond[c * d + j] = 1 / (a * sq[j] + 1);
        precond[kd + c] = 1 / (a * n);
      }
    }
    const cb = this.onIteration;
    const callback = cb
      ? (iteration: number, objective: number, gradientMaxAbs: number) =>
          cb({ iteration, objective, gradientMaxAbs })
      : undefined;
    // float32 products: each gradient entry sum_i r_ic x_ij (|r| <= C) carries a rounding error
    // of about 2^-24 C sqrt(sum_i x_ij^2) (measured: within 2x on digits and Fashion-MNIST)
    let refine:
      | { threshold: number; fg: () => (theta: Float64Array, grad: Float64Array) => number }
      | undefined;
    if (exact && sq) {
      let m = 0;
      for (let j = 0; j < d; j++) m = Math.max(m, sq[j]);
      refine = { threshold: 1000 * 2 ** -24 * C * Math.sqrt(m), fg: exact };
    }
    const res = lbfgs(fg, x0, {
      maxIter: this.maxIter,
      gtol,
      memory: this.memory,
      precond,
      callback,
      refine,
      bankMemory: bank?.memory,
      beforeFirstUse: bank?.beforeFirstUse,
    });
    const theta = res.x;
    const coef = Float64Array.from(theta.subarray(0, kd));
    const intercept = Float64Array.from(theta.subarray(kd));
    let mean = 0;
    for (let c = 0; c < k; c++) mean += intercept[c];
    mean /= k;
    for (let c = 0; c < k; c++) intercept[c] -= mean;
    this.coef = { data: coef, shape: [k, d] };
    this.intercept = intercept;
    this.nClasses = k;
    this.nIter = res.iterations;
    this.nEvaluations = res.evaluations;
    this.refinedAt = res.refinedAt;
    this.gradientMaxAbs = res.gradMaxAbs;
    this.objective = res.f;
    this.stopReason = res.reason;
    this.fitted = true;
    return this;
  }

  /** Scores s_ic = w_c . x_i + b_c, shape [n, k], same float type as X. */
  decisionFunction(X: Tensor): Tensor {
    const { data, n } = this.checkX(X);
    const s = this.scores(data, n);
    return { data: copyLike(data, s), shape: [n, this.nClasses] };
  }

  /** Softmax probabilities p_ic = exp(s_ic) / sum_c' exp(s_ic'), shape [n, k], same float type as X. */
  predictProba(X: Tensor): Tensor {
    const { data, n } = this.checkX(X);
    const k = this.nClasses;
    const s = this.scores(data, n);
    const out = allocLike(data, n * k);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      let m = -Infinity;
      for (let c = 0; c < k; c++) m = Math.max(m, s[o + c]);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp(s[o + c] - m);
        s[o + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) out[o + c] = s[o + c] / sum;
    }
    return { data: out, shape: [n, k] };
  }

  /** Predicted labels argmax_c s_ic (first maximum on ties). */
  predict(X: Tensor): Int32Array {
    const { data, n } = this.checkX(X);
    return argBestRows(this.scores(data, n), n, this.nClasses, "max");
  }

  /** Mean accuracy of predict(X) against y. */
  score(X: Tensor, y: ArrayLike<number>): number {
    const p = this.predict(X);
    const { labels } = checkLabels("y", y, p.length);
    let ok = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === labels[i]) ok++;
    return ok / p.length;
  }

  private checkX(X: Tensor): { data: FloatArray; n: number } {
    return checkFittedX(X, "LogisticRegression", this.fitted, this.coef.shape[1]);
  }

  private scores(x: FloatArray, n: number): Float64Array {
    return linearScores(x, n, this.coef.data, this.intercept, this.nClasses);
  }
}

/** sq[j] += x_ij^2 for rows i = 0..n-1 in order (a function of its own: optimised apart from solve). */
function columnSquares(data: FloatArray, n: number, d: number, sq: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) sq[j] += data[o + j] * data[o + j];
  }
}

/** s [n, k] = X W^T + 1 b^T for W [k, d] row-major (@scatterkit/linalg's gemm). @internal */
export function linearScores(
  x: FloatArray,
  n: number,
  w: Float64Array,
  b: Float64Array,
  k: number,
): Float64Array {
  const d = w.length / k;
  const s = new Float64Array(n * k);
  if (n === 0) return s;
  gemm(false, true, n, k, d, 1, x, 0, d, w, 0, d, 0, s, 0, k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let c = 0; c < k; c++) s[o + c] += b[c];
  }
  return s;
}
