import {
  ParameterError,
  type FloatArray,
  type Tensor,
  copyLike,
  checkInteger,
  checkNumber,
  checkOptions,
  Random,
} from "@scatterkit/core";
import { checkLabels, checkMatrix, checkFittedX } from "./checks.js";
import { argBestRows } from "./linalg.js";
import { linearScores } from "./logistic.js";

/** Options of {@link LinearSVC}. */
export interface LinearSVCOptions {
  /** Penalty parameter C (> 0). Default 1. */
  C?: number;
  /** Maximum number of passes (epochs) over the data per binary problem. Default 1000. */
  maxIter?: number;
  /** Stopping tolerance on the projected-gradient spread, as LIBLINEAR's eps. Default 1e-4. */
  tol?: number;
  /** Scale of the constant feature that carries the intercept (LIBLINEAR's bias). Default 1. */
  interceptScaling?: number;
  /** Seed of the coordinate order. Default 0. */
  seed?: number;
}

/**
 * Linear support vector classifier, one-vs-rest, squared hinge loss, L2 penalty
 * (scikit-learn's `LinearSVC()` defaults): for each class c with t_i = +1 if y_i = c
 * else -1, minimises  0.5 ||w||^2 + C sum_i max(0, 1 - t_i w . [x_i, s])^2
 * (s = interceptScaling; the intercept is w's last entry times s and is penalised, as
 * in LIBLINEAR). Solved by dual coordinate descent (Hsieh et al., ICML 2008, LIBLINEAR's
 * solver 1 with shrinking): dual  min_a 0.5 a^T (Q + D) a - 1^T a,  a >= 0,
 * Q_ij = t_i t_j x_i . x_j, D = 1/(2C) I, primal w = sum_i a_i t_i x_i.
 * With k = 2 classes a single problem (class 1 positive) is solved, as scikit-learn.
 */
export class LinearSVC {
  readonly C: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly interceptScaling: number;
  readonly seed: number;
  /** Weights [nProblems, d] (nProblems = k, or 1 when k = 2). */
  coef: Tensor<Float64Array> = { data: new Float64Array(0), shape: [0, 0] };
  /** Intercepts [nProblems]. */
  intercept: Float64Array = new Float64Array(0);
  /** Dual variables a [nProblems, n] of the last fit (a >= 0). */
  dualCoef: Float64Array = new Float64Array(0);
  /** Epochs used by each binary problem. */
  nIter: Int32Array = new Int32Array(0);
  nClasses = 0;
  private fitted = false;

  constructor(options: LinearSVCOptions = {}) {
    const o = checkOptions("options", options);
    this.C = o.C === undefined ? 1 : checkNumber("C", o.C, { min: 0, minExclusive: true });
    this.maxIter = o.maxIter === undefined ? 1000 : checkInteger("maxIter", o.maxIter, 1);
    this.tol = o.tol === undefined ? 1e-4 : checkNumber("tol", o.tol, { min: 0, minExclusive: true });
    this.interceptScaling =
      o.interceptScaling === undefined ? 1 : checkNumber("interceptScaling", o.interceptScaling, { min: 0 });
    this.seed = o.seed === undefined ? 0 : checkInteger("seed", o.seed);
  }

  /** Fits on X [n, d] and labels y in 0..k-1 (every class present, k >= 2). */
  fit(X: Tensor, y: ArrayLike<number>): this {
    const { data, n, d } = checkMatrix("X", X);
    const { labels, k, counts } = checkLabels("y", y, n, { requireTwo: true });
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        throw new ParameterError(
          "y",
          `labels without class ${c}`,
          `every class 0..${k - 1} present at least once`,
        );
      }
    }
    const np = k === 2 ? 1 : k;
    const coef = new Float64Array(np * d);
    const intercept = new Float64Array(np);
    const dual = new Float64Array(np * n);
    const iters = new Int32Array(np);
    const s = this.interceptScaling;
    const diag = 0.5 / this.C;
    const qd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      let q = s * s + diag;
      for (let j = 0; j < d; j++) q += data[o + j] * data[o + j];
      qd[i] = q;
    }
    const t = new Int8Array(n);
    const w = new Float64Array(d + 1);
    const index = new Int32Array(n);
    for (let p = 0; p < np; p++) {
      const cls = k === 2 ? 1 : p;
      for (let i = 0; i < n; i++) t[i] = labels[i] === cls ? 1 : -1;
      w.fill(0);
      const alpha = dual.subarray(p * n, p * n + n);
      const rng = new Random(this.seed);
      for (let i = 0; i < n; i++) index[i] = i;
      let active = n;
      let pgMaxOld = Infinity;
      let iter = 0;
      while (iter < this.maxIter) {
        let pgMax = -Infinity;
        let pgMin = Infinity;
        for (let a = active - 1; a > 0; a--) {
          const b = rng.nextInt(a + 1);
          const tmp = index[a];
          index[a] = index[b];
          index[b] = tmp;
        }
        for (let q = 0; q < active; q++) {
          const i = index[q];
          const ti = t[i];
          const o = i * d;
          let wx = w[d] * s;
          for (let j = 0; j < d; j++) wx += w[j] * data[o + j];
          const G = ti * wx - 1 + alpha[i] * diag;
          let pg = 0;
          if (alpha[i] === 0) {
            if (G > pgMaxOld) {
              active--;
              index[q] = index[active];
              index[active] = i;
              q--;
              continue;
            }
            if (G < 0) pg = G;
          } else {
            pg = G;
          }
          if (pg > pgMax) pgMax = pg;
          if (pg < pgMin) pgMin = pg;
          if (Math.abs(pg) > 1e-12) {
            const old = alpha[i];
            const next = Math.max(old - G / qd[i], 0);
            alpha[i] = next;
            const delta = (next - old) * ti;
            for (let j = 0; j < d; j++) w[j] += delta * data[o + j];
            w[d] += delta * s;
          }
        }
        iter++;
        if (pgMax - pgMin <= this.tol) {
          if (active === n) break;
          active = n;
          pgMaxOld = Infinity;
          continue;
        }
        // (no upper bound on a for the squared hinge, so only the a = 0 side is shrunk)
        pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
      }
      iters[p] = iter;
      coef.set(w.subarray(0, d), p * d);
      intercept[p] = w[d] * s;
    }
    this.coef = { data: coef, shape: [np, d] };
    this.intercept = intercept;
    this.dualCoef = dual;
    this.nIter = iters;
    this.nClasses = k;
    this.fitted = true;
    return this;
  }

  /** Decision values w_p . x_i + b_p, shape [n, nProblems] (one column when k = 2), X's float type. */
  decisionFunction(X: Tensor): Tensor {
    const { data, n } = this.checkX(X);
    const np = this.coef.shape[0];
    const sc = linearScores(data, n, this.coef.data, this.intercept, np);
    return { data: copyLike(data, sc), shape: [n, np] };
  }

  /** Predicted labels: argmax of the decision values (k > 2), or decision > 0 (k = 2). */
  predict(X: Tensor): Int32Array {
    const { data, n } = this.checkX(X);
    const np = this.coef.shape[0];
    const sc = linearScores(data, n, this.coef.data, this.intercept, np);
    if (np > 1) return argBestRows(sc, n, np, "max");
    // Binary: one decision function, class 1 where it is positive.
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = sc[i] > 0 ? 1 : 0;
    return out;
  }

  private checkX(X: Tensor): { data: FloatArray; n: number } {
    return checkFittedX(X, "LinearSVC", this.fitted, this.coef.shape[1]);
  }
}
