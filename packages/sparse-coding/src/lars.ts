/**
 * Least Angle Regression (LAR) and the LARS-Lasso homotopy (Efron, Hastie,
 * Johnstone, Tibshirani 2004), following scikit-learn's `lars_path` step by step
 * (Gram=None, copy of X, Cholesky updates of the active Gram matrix) so that
 * knots, entry order and coefficients agree with it to rounding.
 */
import { ParameterError, type Tensor, checkInteger, checkNumber, checkOptions } from "@scatterkit/core";
import { asMatrix, asVector, cholSolve } from "./util";

/** Options of {@link larsPath}. */
export interface LarsPathOptions {
  /** 'lasso' (LARS-Lasso homotopy: variables leave the active set when their coefficient crosses 0) or 'lar'. */
  method: "lasso" | "lar";
  /** Smallest alpha of the path (default 0: the path runs to the least-squares / interpolating solution). */
  alphaMin?: number;
  /** Maximum number of steps (default 500, as scikit-learn). */
  maxIter?: number;
  /** Non-negative coefficients only (default false). */
  positive?: boolean;
  /** Machine-precision regularisation of degenerate Cholesky pivots (default 2.22e-16, numpy's float64 eps). */
  eps?: number;
}

/** Result of {@link larsPath}. */
export interface LarsPathResult {
  /** Knots: alphas[k] = max_j |X_j^T (y - X coefs[:, k])| / n, decreasing (alphas[0] = ||X^T y||_inf / n). */
  alphas: Float64Array;
  /** Active set at the end of the path, in order of entry (variables that left are removed). */
  active: number[];
  /** Coefficients at every knot: shape [p, alphas.length], column k is the solution at alphas[k]. */
  coefs: Tensor<Float64Array>;
  /** Number of steps taken (alphas.length - 1). */
  nIter: number;
}

const TINY32 = 1.1754943508222875e-38; // numpy.finfo(float32).tiny
const EQ_TOL = 1.1920928955078125e-7; // numpy.finfo(float32).eps

/** Smallest strictly positive value of the list, or Number.MAX_VALUE. */
function minPos(v: ArrayLike<number>, n = v.length): number {
  let m = Number.MAX_VALUE;
  for (let i = 0; i < n; i++) if (v[i] > 0 && v[i] < m) m = v[i];
  return m;
}

/** numpy's around(x, 15): round half to even of x * 1e15, divided back. */
function around15(x: number): number {
  const s = x * 1e15;
  if (!Number.isFinite(s) || Math.abs(s) >= 4503599627370496) return x;
  let r = Math.round(s);
  if (Math.abs(s - Math.trunc(s)) === 0.5) r = 2 * Math.round(s / 2);
  return r / 1e15;
}

/**
 * The LARS / LARS-Lasso regularisation path of
 *   min_w (1/(2n)) ||y - Xw||^2 + alpha ||w||_1      (X: [n, p], no intercept, no normalisation)
 * for every alpha from alpha_max = ||X^T y||_inf / n down to `alphaMin`. The
 * solution is piecewise linear in alpha; this returns its knots. At each step
 * the active set A moves along the equiangular direction u = X_A (X_A^T X_A)^{-1} s_A
 * (normalised), until an inactive correlation reaches the active one (a variable
 * enters) or, for 'lasso', an active coefficient crosses zero (it leaves).
 * Same numbers as scikit-learn's `lars_path(X, y, method=...)` (alphas, active, coefs).
 */
export function larsPath(X: Tensor, y: Float64Array, options: LarsPathOptions): LarsPathResult {
  const m = asMatrix("X", X);
  const n = m.n;
  const p = m.p;
  const yy = asVector("y", y, n, `the number of rows of X, shape [${n}, ${p}]`);
  const o = checkOptions<LarsPathOptions>("options", options);
  const method = o.method;
  if (method !== "lasso" && method !== "lar") {
    throw new ParameterError("method", method, "'lasso' or 'lar'");
  }
  const alphaMin = o.alphaMin === undefined ? 0 : checkNumber("alphaMin", o.alphaMin, { min: 0 });
  const maxIter = o.maxIter === undefined ? 500 : checkInteger("maxIter", o.maxIter, 0);
  const positive = o.positive ?? false;
  const eps = o.eps === undefined ? 2.220446049250313e-16 : checkNumber("eps", o.eps, { min: 0 });

  // column-major copy of X: column j at xt[j*n .. j*n+n)
  const xt = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) xt[j * n + i] = m.a[i * p + j];
  const col = (feature: number) => feature * n;

  const maxFeatures = Math.min(maxIter, p);
  const indices = Int32Array.from({ length: p }, (_, i) => i); // position -> feature
  const cov = new Float64Array(p); // correlation at each position (inactive positions >= nActive)
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xt[j * n + i] * yy[i];
    cov[j] = s;
  }
  const L = new Float64Array(Math.max(1, maxFeatures + 1) * Math.max(1, maxFeatures + 1));
  const ld = Math.max(1, maxFeatures + 1);
  let signActive: number[] = [];
  const active: number[] = [];
  const alphas: number[] = [];
  const coefs: Float64Array[] = [];
  let nActive = 0;
  let nIter = 0;
  let drop = false;
  let dropIdx: number[] = [];
  let coef: Float64Array = new Float64Array(p);
  let prevCoef = coef;
  const eqDir = new Float64Array(n);
  const corr = new Float64Array(p);

  const rebuildCholesky = () => {
    const k = nActive;
    const G = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b <= a; b++) {
        const ca = col(indices[a]);
        const cb = col(indices[b]);
        let s = 0;
        for (let i = 0; i < n; i++) s += xt[ca + i] * xt[cb + i];
        G[a * k + b] = s;
      }
    }
    // Cholesky in place (lower), tolerant of tiny pivots
    for (let j = 0; j < k; j++) {
      let s = G[j * k + j];
      for (let q = 0; q < j; q++) s -= G[j * k + q] ** 2;
      const d = Math.max(Math.sqrt(Math.abs(s)), eps);
      G[j * k + j] = d;
      for (let i = j + 1; i < k; i++) {
        let t = G[i * k + j];
        for (let q = 0; q < j; q++) t -= G[i * k + q] * G[j * k + q];
        G[i * k + j] = t / d;
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) L[a * ld + b] = G[a * k + b];
  };

  for (;;) {
    // largest remaining correlation
    let cIdx = -1;
    let C = 0;
    let cSigned = 0;
    for (let q = nActive; q < p; q++) {
      const v = positive ? cov[q] : Math.abs(cov[q]);
      if (cIdx < 0 || v > C) {
        C = v;
        cIdx = q;
      }
    }
    if (cIdx < 0) C = 0;
    else cSigned = cov[cIdx];
    let alpha = C / n;
    if (nIter > 0) prevCoef = coefs[nIter - 1];
    if (alpha <= alphaMin + EQ_TOL) {
      if (Math.abs(alpha - alphaMin) > EQ_TOL) {
        if (nIter > 0) {
          const prevAlpha = alphas[nIter - 1];
          const ss = (prevAlpha - alphaMin) / (prevAlpha - alpha);
          const c2 = new Float64Array(p);
          for (let j = 0; j < p; j++) c2[j] = prevCoef[j] + ss * (coef[j] - prevCoef[j]);
          coef = c2;
        }
        alpha = alphaMin;
      }
      alphas[nIter] = alpha;
      coefs[nIter] = coef;
      break;
    }
    alphas[nIter] = alpha;
    coefs[nIter] = coef;
    if (nIter >= maxIter || nActive >= p) break;

    if (!drop) {
      const mPos = nActive;
      const nPos = cIdx;
      signActive[nActive] = Math.sign(cSigned);
      let t = cov[nPos];
      cov[nPos] = cov[mPos];
      cov[mPos] = t;
      t = indices[nPos];
      indices[nPos] = indices[mPos];
      indices[mPos] = t;
      const cNew = col(indices[nActive]);
      let c = 0;
      for (let i = 0; i < n; i++) c += xt[cNew + i] * xt[cNew + i];
      for (let b = 0; b < nActive; b++) {
        const cb = col(indices[b]);
        let s = 0;
        for (let i = 0; i < n; i++) s += xt[cNew + i] * xt[cb + i];
        L[nActive * ld + b] = s;
      }
      // forward substitution: L[:k,:k] z = row
      for (let a = 0; a < nActive; a++) {
        let s = L[nActive * ld + a];
        for (let q = 0; q < a; q++) s -= L[a * ld + q] * L[nActive * ld + q];
        L[nActive * ld + a] = s / L[a * ld + a];
      }
      let v = 0;
      for (let a = 0; a < nActive; a++) v += L[nActive * ld + a] ** 2;
      const diag = Math.max(Math.sqrt(Math.abs(c - v)), eps);
      L[nActive * ld + nActive] = diag;
      if (diag < 1e-7) {
        // degenerate regressor (collinear with the active set): never select it again
        cov[mPos] = 0;
        t = cov[nPos];
        cov[nPos] = cov[mPos];
        cov[mPos] = t;
        t = indices[nPos];
        indices[nPos] = indices[mPos];
        indices[mPos] = t;
        signActive.length = nActive;
        continue;
      }
      active.push(indices[nActive]);
      nActive++;
    }
    if (method === "lasso" && nIter > 0 && alphas[nIter - 1] < alpha) {
      // correlations no longer decrease: numerical noise dominates, stop (as scikit-learn)
      break;
    }

    // equiangular direction: least squares (X_A^T X_A) ls = s_A, then normalised
    const k = nActive;
    let ls = new Float64Array(k);
    for (let a = 0; a < k; a++) ls[a] = signActive[a];
    cholSolve(L, k, ls, ld);
    let AA: number;
    if (k === 1 && ls[0] === 0) {
      ls[0] = 1;
      AA = 1;
    } else {
      let s = 0;
      for (let a = 0; a < k; a++) s += ls[a] * signActive[a];
      AA = 1 / Math.sqrt(s);
      if (!Number.isFinite(AA)) {
        const L2 = new Float64Array(k * k);
        for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) L2[a * k + b] = L[a * ld + b];
        let it = 0;
        while (!Number.isFinite(AA)) {
          for (let a = 0; a < k; a++) L2[a * k + a] += 2 ** it * eps;
          ls = new Float64Array(k);
          for (let a = 0; a < k; a++) ls[a] = signActive[a];
          cholSolve(L2, k, ls, k);
          let tmp = 0;
          for (let a = 0; a < k; a++) tmp += ls[a] * signActive[a];
          AA = 1 / Math.sqrt(Math.max(tmp, eps));
          it++;
        }
      }
      for (let a = 0; a < k; a++) ls[a] *= AA;
    }
    eqDir.fill(0);
    for (let a = 0; a < k; a++) {
      const ca = col(indices[a]);
      const la = ls[a];
      for (let i = 0; i < n; i++) eqDir[i] += xt[ca + i] * la;
    }
    for (let q = k; q < p; q++) {
      const cq = col(indices[q]);
      let s = 0;
      for (let i = 0; i < n; i++) s += xt[cq + i] * eqDir[i];
      corr[q] = around15(s);
    }
    let g1 = Number.MAX_VALUE;
    let g2 = Number.MAX_VALUE;
    for (let q = k; q < p; q++) {
      const a1 = (C - cov[q]) / (AA - corr[q] + TINY32);
      if (a1 > 0 && a1 < g1) g1 = a1;
      if (!positive) {
        const a2 = (C + cov[q]) / (AA + corr[q] + TINY32);
        if (a2 > 0 && a2 < g2) g2 = a2;
      }
    }
    let gamma = Math.min(g1, g2, C / AA);
    drop = false;
    const z = new Float64Array(k);
    for (let a = 0; a < k; a++) z[a] = -coef[active[a]] / (ls[a] + TINY32);
    const zPos = minPos(z);
    if (zPos < gamma) {
      dropIdx = [];
      for (let a = k - 1; a >= 0; a--) if (z[a] === zPos) dropIdx.push(a);
      for (const a of dropIdx) signActive[a] = -signActive[a];
      if (method === "lasso") gamma = zPos;
      drop = true;
    }
    nIter++;
    const next = new Float64Array(p);
    for (let a = 0; a < k; a++) next[active[a]] = coef[active[a]] + gamma * ls[a];
    prevCoef = coef;
    coef = next;
    for (let q = k; q < p; q++) cov[q] -= gamma * corr[q];

    if (drop && method === "lasso") {
      // remove the variables whose coefficient reached 0 (positions in dropIdx, descending)
      for (const a of dropIdx) {
        const feature = active[a];
        coef[feature] = 0;
        active.splice(a, 1);
        signActive.splice(a, 1);
        // bubble the dropped column to the first inactive position (inactive positions keep their correlations)
        for (let q = a; q < nActive - 1; q++) {
          const t = indices[q];
          indices[q] = indices[q + 1];
          indices[q + 1] = t;
        }
        nActive--;
        // its correlation from the residual y - X_A w_A
        const r = Float64Array.from(yy);
        for (let b = 0; b < nActive; b++) {
          const cb = col(indices[b]);
          const wb = coef[indices[b]];
          for (let i = 0; i < n; i++) r[i] -= xt[cb + i] * wb;
        }
        const cd = col(indices[nActive]);
        let s = 0;
        for (let i = 0; i < n; i++) s += xt[cd + i] * r[i];
        cov[nActive] = s;
      }
      rebuildCholesky();
    }
  }
  const K = alphas.length;
  const out = new Float64Array(p * K);
  for (let kk = 0; kk < K; kk++) {
    const c = coefs[kk];
    for (let j = 0; j < p; j++) out[j * K + kk] = c[j];
  }
  signActive = [];
  return { alphas: Float64Array.from(alphas), active, coefs: { data: out, shape: [p, K] }, nIter };
}
