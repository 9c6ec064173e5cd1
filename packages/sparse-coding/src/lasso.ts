/**
 * Coordinate-descent Lasso (scikit-learn's `Lasso`, no intercept) and the
 * quantities every Lasso solver here reports: objective, duality gap, KKT residual.
 *
 * Objective (scikit-learn's scaling, n = number of samples):
 *   F(w) = (1 / (2n)) * ||y - X w||_2^2 + alpha * ||w||_1.
 */
import type { Tensor } from "@scatterkit/core";
import {
  type Matrix,
  asMatrix,
  asVector,
  checkAlpha,
  cholSolve,
  cholesky,
  columnSquaredNorms,
  dot,
  matTVec,
  matVec,
  optionalVector,
  transpose,
} from "./util";
import { checkInteger, checkNumber, checkOptions } from "@scatterkit/core";

/** Options of {@link lasso} and {@link lassoCD}. */
export interface LassoOptions {
  /** Weight of the l1 penalty, >= 0. */
  alpha: number;
  /**
   * Stopping tolerance, as in scikit-learn: a sweep whose largest coefficient
   * change is below `tol * max|w|` triggers a duality-gap check, and the solver
   * stops when gap * n < tol * ||y||^2. Default 1e-12 (scikit-learn's default is
   * 1e-4; tighter here so coefficients are exact to ~1e-10).
   */
  tol?: number;
  /** Maximum number of coordinate sweeps (default 100000). */
  maxIter?: number;
  /** Constrain w >= 0 (default false). */
  positive?: boolean;
  /** Initial coefficients (warm start, length p; default zeros). */
  warmStart?: Float64Array | Float32Array;
  /**
   * After coordinate descent, re-solve the optimality equations exactly on the
   * found support (X_S^T X_S w_S = X_S^T y - n alpha sign(w_S)) and keep the
   * result if it satisfies the KKT conditions. Default true.
   */
  polish?: boolean;
}

/** Full result of {@link lassoCD}. */
export interface LassoResult {
  /** Coefficients w (length p). */
  coef: Float64Array;
  /** Coordinate sweeps performed. */
  nIter: number;
  /** Duality gap of the returned w, in the objective's scale (see {@link lassoDualGap}). */
  dualGap: number;
  /** F(w). */
  objective: number;
  /** True when the tolerance was reached before maxIter. */
  converged: boolean;
}

/** F(w) = (1/(2n))||y - Xw||^2 + alpha ||w||_1 for a validated problem. */
export function objectiveOf(m: Matrix, y: Float64Array, w: Float64Array, alpha: number): number {
  const r = new Float64Array(m.n);
  matVec(m, w, r);
  let s = 0;
  for (let i = 0; i < m.n; i++) s += (y[i] - r[i]) ** 2;
  let l1 = 0;
  for (let j = 0; j < m.p; j++) l1 += Math.abs(w[j]);
  return s / (2 * m.n) + alpha * l1;
}

/**
 * Duality gap of the Lasso at w given the residual r = y - Xw and c = X^T r:
 * with the dual-feasible scaling k = min(1, n alpha / ||c||_inf) (||.||_inf
 * replaced by max(c) when positive), gap = P(w) - D(k r / n) =
 *   (1/n) [ (||r||^2 (1 + k^2)) / 2 + n alpha ||w||_1 - k r.y ],
 * which is >= 0 and 0 exactly at the optimum (the formula of scikit-learn's cd_fast, divided by n).
 */
export function gapOf(
  n: number,
  y: Float64Array,
  w: Float64Array,
  r: Float64Array,
  c: Float64Array,
  alpha: number,
  positive: boolean,
): number {
  let dn = 0;
  for (let j = 0; j < c.length; j++) {
    const v = positive ? c[j] : Math.abs(c[j]);
    if (v > dn) dn = v;
  }
  const na = n * alpha;
  const k = dn > na ? na / dn : 1;
  const rn = dot(r, r);
  let l1 = 0;
  for (let j = 0; j < w.length; j++) l1 += Math.abs(w[j]);
  const gap = 0.5 * rn * (1 + k * k) + na * l1 - k * dot(r, y);
  return gap / n;
}

function prepare(X: Tensor, y: Float64Array, name = "X"): { m: Matrix; y: Float64Array } {
  const m = asMatrix(name, X);
  const yy = asVector("y", y, m.n, `the number of rows of ${name}, shape [${m.n}, ${m.p}]`);
  return { m, y: yy };
}

/**
 * The Lasso objective F(w) = (1/(2n)) ||y - Xw||^2 + alpha ||w||_1 (scikit-learn's scaling).
 */
export function lassoObjective(X: Tensor, y: Float64Array, w: Float64Array, alpha: number): number {
  const { m, y: yy } = prepare(X, y);
  const ww = asVector("w", w, m.p, "the number of columns of X");
  return objectiveOf(m, yy, ww, checkAlpha("alpha", alpha));
}

/**
 * Checks (X, y, w, alpha) and returns the float64 matrix and vectors with the residual
 * r = y - X w and the correlations c = X^T r, as the duality gap and the KKT check use them.
 */
function residualAndCorrelation(X: Tensor, y: Float64Array, w: Float64Array, alpha: number) {
  const { m, y: yy } = prepare(X, y);
  const ww = asVector("w", w, m.p, "the number of columns of X");
  checkAlpha("alpha", alpha);
  const r = new Float64Array(m.n);
  matVec(m, ww, r);
  for (let i = 0; i < m.n; i++) r[i] = yy[i] - r[i];
  const c = matTVec(m, r, new Float64Array(m.p));
  return { m, yy, ww, r, c };
}

/**
 * Duality gap P(w) - D(theta) >= F(w) - F* of the Lasso at w (objective scale,
 * see {@link gapOf} for the formula). `positive` uses the non-negative Lasso's dual.
 */
export function lassoDualGap(
  X: Tensor,
  y: Float64Array,
  w: Float64Array,
  alpha: number,
  positive = false,
): number {
  const { m, yy, ww, r, c } = residualAndCorrelation(X, y, w, alpha);
  return gapOf(m.n, yy, ww, r, c, alpha, positive);
}

/**
 * Largest violation of the Lasso's KKT conditions at w, with c = X^T (y - Xw) / n:
 *   w_j != 0  =>  c_j = alpha sign(w_j);   w_j = 0  =>  |c_j| <= alpha
 * (non-negative Lasso: w_j > 0 => c_j = alpha; w_j = 0 => c_j <= alpha).
 * Returns max_j of the violation, in the units of alpha.
 */
export function lassoKKTViolation(
  X: Tensor,
  y: Float64Array,
  w: Float64Array,
  alpha: number,
  positive = false,
): number {
  const { m, ww, c } = residualAndCorrelation(X, y, w, alpha);
  let worst = 0;
  for (let j = 0; j < m.p; j++) {
    const cj = c[j] / m.n;
    let v: number;
    if (ww[j] !== 0) v = Math.abs(cj - alpha * Math.sign(ww[j]));
    else v = positive ? Math.max(0, cj - alpha) : Math.max(0, Math.abs(cj) - alpha);
    if (ww[j] < 0 && positive) v = Math.max(v, -ww[j]);
    if (v > worst) worst = v;
  }
  return worst;
}

/**
 * Re-solves the stationarity equations on the support of w and returns the
 * exact solution if it is KKT-valid (signs kept, inactive correlations <= alpha), else undefined.
 */
function polishSupport(
  m: Matrix,
  mt: Matrix,
  y: Float64Array,
  w: Float64Array,
  alpha: number,
  positive: boolean,
): Float64Array | undefined {
  const S: number[] = [];
  for (let j = 0; j < m.p; j++) if (w[j] !== 0) S.push(j);
  const k = S.length;
  if (k === 0 || k > m.n) return undefined;
  const n = m.n;
  const G = new Float64Array(k * k);
  const b = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const ca = S[a] * n;
    for (let c = 0; c <= a; c++) {
      const cc = S[c] * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += mt.a[ca + i] * mt.a[cc + i];
      G[a * k + c] = s;
      G[c * k + a] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += mt.a[ca + i] * y[i];
    b[a] = s - n * alpha * Math.sign(w[S[a]]);
  }
  if (!cholesky(G, k)) return undefined;
  // reject badly conditioned supports
  let dmin = Infinity;
  let dmax = 0;
  for (let a = 0; a < k; a++) {
    dmin = Math.min(dmin, G[a * k + a]);
    dmax = Math.max(dmax, G[a * k + a]);
  }
  if (dmin < 1e-7 * dmax) return undefined;
  cholSolve(G, k, b);
  const out = new Float64Array(m.p);
  for (let a = 0; a < k; a++) {
    if (Math.sign(b[a]) !== Math.sign(w[S[a]])) return undefined;
    out[S[a]] = b[a];
  }
  const r = new Float64Array(n);
  matVec(m, out, r);
  for (let i = 0; i < n; i++) r[i] = y[i] - r[i];
  const c = matTVec(m, r, new Float64Array(m.p));
  const lim = n * alpha * (1 + 1e-9) + 1e-12 * Math.sqrt(dot(y, y));
  for (let j = 0; j < m.p; j++) {
    if (out[j] !== 0) continue;
    const v = positive ? c[j] : Math.abs(c[j]);
    if (v > lim) return undefined;
  }
  return out;
}

/** Core coordinate descent on validated data (shared with dictionary learning). */
export function cdSolve(
  m: Matrix,
  mt: Matrix,
  y: Float64Array,
  alpha: number,
  opts: {
    tol: number;
    maxIter: number;
    positive: boolean;
    w0?: Float64Array;
    polish: boolean;
    norms?: Float64Array;
  },
): LassoResult {
  const { n, p } = m;
  const X = mt.a; // column j at X[j*n .. j*n+n)
  const norms = opts.norms ?? columnSquaredNorms(m);
  const w: Float64Array = opts.w0 ? Float64Array.from(opts.w0) : new Float64Array(p);
  const R = Float64Array.from(y);
  for (let j = 0; j < p; j++) {
    const wj = w[j];
    if (wj !== 0) for (let i = 0; i < n; i++) R[i] -= wj * X[j * n + i];
  }
  const na = alpha * n;
  const yy = dot(y, y);
  const tolGap = opts.tol * yy;
  const c = new Float64Array(p);
  let nIter = 0;
  let converged = false;
  let gap = Infinity;
  if (yy === 0) {
    return { coef: new Float64Array(p), nIter: 0, dualGap: 0, objective: 0, converged: true };
  }
  for (let it = 0; it < opts.maxIter; it++) {
    nIter = it + 1;
    let wMax = 0;
    let dMax = 0;
    for (let j = 0; j < p; j++) {
      if (norms[j] === 0) continue; // an all-zero column never enters (w_j = 0), as in scikit-learn
      const o = j * n;
      const wOld = w[j];
      if (wOld !== 0) for (let i = 0; i < n; i++) R[i] += wOld * X[o + i];
      let t = 0;
      for (let i = 0; i < n; i++) t += X[o + i] * R[i];
      let wNew: number;
      if (opts.positive && t < 0) wNew = 0;
      else wNew = (Math.sign(t) * Math.max(Math.abs(t) - na, 0)) / norms[j];
      if (wNew === 0) wNew = 0; // no negative zeros
      w[j] = wNew;
      if (wNew !== 0) for (let i = 0; i < n; i++) R[i] -= wNew * X[o + i];
      const d = Math.abs(wNew - wOld);
      if (d > dMax) dMax = d;
      if (Math.abs(wNew) > wMax) wMax = Math.abs(wNew);
    }
    if (wMax === 0 || dMax / wMax < opts.tol || it === opts.maxIter - 1) {
      matTVec(m, R, c);
      gap = gapOf(n, y, w, R, c, alpha, opts.positive) * n;
      if (gap < tolGap) {
        converged = true;
        break;
      }
    }
  }
  let coef: Float64Array = w;
  if (opts.polish) {
    const pol = polishSupport(m, mt, y, w, alpha, opts.positive);
    if (pol && objectiveOf(m, y, pol, alpha) <= objectiveOf(m, y, w, alpha) + 1e-14 * (yy / n)) coef = pol;
  }
  const r = new Float64Array(n);
  matVec(m, coef, r);
  for (let i = 0; i < n; i++) r[i] = y[i] - r[i];
  matTVec(m, r, c);
  return {
    coef,
    nIter,
    dualGap: gapOf(n, y, coef, r, c, alpha, opts.positive),
    objective: objectiveOf(m, y, coef, alpha),
    converged,
  };
}

/**
 * Coordinate-descent Lasso with full diagnostics. Minimises
 *   F(w) = (1/(2n)) ||y - Xw||^2 + alpha ||w||_1   (optionally subject to w >= 0)
 * by cyclic coordinate descent: w_j <- S_{n alpha}(X_j^T r_j) / ||X_j||^2 where r_j is
 * the residual without feature j and S the soft threshold (scikit-learn's cd_fast).
 * All-zero columns of X get w_j = 0 (their coefficient does not change F).
 */
export function lassoCD(X: Tensor, y: Float64Array | Float32Array, options: LassoOptions): LassoResult {
  const { m, y: yy } = prepare(X, y as Float64Array);
  const o = checkOptions<LassoOptions>("options", options);
  const alpha = checkAlpha("alpha", o.alpha);
  const tol = o.tol === undefined ? 1e-12 : checkNumber("tol", o.tol, { min: 0 });
  const maxIter = o.maxIter === undefined ? 100000 : checkInteger("maxIter", o.maxIter, 1);
  const positive = o.positive ?? false;
  const w0 = optionalVector("warmStart", o.warmStart, m.p, "the number of columns of X");
  return cdSolve(m, transpose(m), yy, alpha, { tol, maxIter, positive, w0, polish: o.polish ?? true });
}

/**
 * scikit-learn's `Lasso(alpha, fit_intercept=False).fit(X, y).coef_`: minimises
 *   (1/(2n)) ||y - Xw||_2^2 + alpha ||w||_1
 * over w in R^p (X is [n, p]) by coordinate descent (see {@link lassoCD}),
 * converged far beyond scikit-learn's default tolerance. Returns w (Float64Array, length p).
 */
export function lasso(X: Tensor, y: Float64Array, options: LassoOptions): Float64Array {
  return lassoCD(X, y, options).coef;
}
