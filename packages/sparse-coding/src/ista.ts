/**
 * Proximal-gradient Lasso solvers: ISTA, FISTA (Beck & Teboulle 2009) and the
 * homotopy ISTC of Zarka, Thiry, Angles & Mallat (2020).
 */
import { ParameterError, type Tensor, checkInteger, checkNumber, checkOptions } from "@scatterkit/core";
import { gapOf } from "./lasso";
import {
  type Matrix,
  asMatrix,
  asVector,
  checkAlpha,
  dot,
  matTVec,
  matVec,
  optionalVector,
  spectralNormSquared,
} from "./util";

/** Options of {@link ista} and {@link fista}. */
export interface IstaOptions {
  /** l1 weight alpha >= 0 of F(w) = (1/(2n))||y - Xw||^2 + alpha ||w||_1. */
  alpha: number;
  /** Maximum number of iterations (default 1000). */
  maxIter?: number;
  /**
   * Stop when the duality gap is below tol * F(0) = tol * ||y||^2 / (2n) (default 1e-10; 0 runs maxIter iterations).
   */
  tol?: number;
  /** Constrain w >= 0 (non-negative soft threshold max(v - t, 0)); default false. */
  positive?: boolean;
  /** Initial point w_0 (warm start); default zeros. */
  warmStart?: Float64Array | Float32Array;
  /** Step size; default 1/L with L = ||X||_2^2 / n the gradient's Lipschitz constant (power iteration). */
  stepSize?: number;
  /** Record F(w_k) and the duality gap at every iterate (default true; FISTA then costs two extra products per step). */
  history?: boolean;
  /** Without history, check the gap every `checkEvery` iterations (default 10). */
  checkEvery?: number;
  /** Called after every iteration k = 1..K with the iterate w_k (read it, do not keep it: it is reused). */
  onIteration?: (k: number, w: Float64Array) => void;
}

/** Result of {@link ista} / {@link fista}. */
export interface IstaResult {
  /** Final iterate w_K. */
  coef: Float64Array;
  /** Iterations performed K. */
  nIter: number;
  /** F(w_K). */
  objective: number;
  /** Duality gap at w_K (an upper bound on F(w_K) - F*). */
  dualGap: number;
  /** True if the gap tolerance was met. */
  converged: boolean;
  /** The step size used. */
  stepSize: number;
  /** F(w_k) and gap(w_k) for k = 0..K (empty when history is off). */
  history: { objective: Float64Array; dualGap: Float64Array };
}

interface Problem {
  m: Matrix;
  y: Float64Array;
  alpha: number;
  positive: boolean;
}

/** Residual, correlation, objective and gap at w. */
function evaluate(
  pr: Problem,
  w: Float64Array,
  r: Float64Array,
  c: Float64Array,
): { obj: number; gap: number } {
  const { m, y, alpha, positive } = pr;
  matVec(m, w, r);
  for (let i = 0; i < m.n; i++) r[i] = y[i] - r[i];
  matTVec(m, r, c);
  let l1 = 0;
  for (let j = 0; j < m.p; j++) l1 += Math.abs(w[j]);
  const obj = dot(r, r) / (2 * m.n) + alpha * l1;
  return { obj, gap: gapOf(m.n, y, w, r, c, alpha, positive) };
}

function proxStep(
  src: Float64Array,
  c: Float64Array,
  out: Float64Array,
  eta: number,
  n: number,
  alpha: number,
  positive: boolean,
): void {
  const t = eta * alpha;
  const g = eta / n;
  for (let j = 0; j < src.length; j++) {
    const v = src[j] + g * c[j];
    out[j] = positive ? (v > t ? v - t : 0) : v > t ? v - t : v < -t ? v + t : 0;
  }
}

function run(
  X: Tensor,
  y: Float64Array | Float32Array,
  options: IstaOptions,
  accelerated: boolean,
): IstaResult {
  const m = asMatrix("X", X);
  const yy = asVector("y", y, m.n, `the number of rows of X, shape [${m.n}, ${m.p}]`);
  const o = checkOptions<IstaOptions>("options", options);
  const alpha = checkAlpha("alpha", o.alpha);
  const maxIter = o.maxIter === undefined ? 1000 : checkInteger("maxIter", o.maxIter, 0);
  const tol = o.tol === undefined ? 1e-10 : checkNumber("tol", o.tol, { min: 0 });
  const positive = o.positive ?? false;
  const record = o.history ?? true;
  const checkEvery = o.checkEvery === undefined ? 10 : checkInteger("checkEvery", o.checkEvery, 1);
  const w0 = optionalVector("warmStart", o.warmStart, m.p, "the number of columns of X");
  const onIter = o.onIteration;
  if (onIter !== undefined && typeof onIter !== "function") {
    throw new ParameterError("onIteration", onIter, "a function (k, w) => void");
  }
  let eta: number;
  if (o.stepSize === undefined) {
    const L = spectralNormSquared(m) / m.n;
    eta = L > 0 ? 1 / L : 1;
  } else {
    eta = checkNumber("stepSize", o.stepSize, { min: 0, minExclusive: true });
  }
  const pr: Problem = { m, y: yy, alpha, positive };
  const { n, p } = m;
  let w = w0 ? Float64Array.from(w0) : new Float64Array(p);
  if (positive) for (let j = 0; j < p; j++) if (w[j] < 0) w[j] = 0;
  let wPrev = Float64Array.from(w);
  const z = Float64Array.from(w);
  const r = new Float64Array(n);
  const c = new Float64Array(p);
  const hObj: number[] = [];
  const hGap: number[] = [];
  const target = (tol * dot(yy, yy)) / (2 * n);
  let ev = evaluate(pr, w, r, c);
  if (record) {
    hObj.push(ev.obj);
    hGap.push(ev.gap);
  }
  let converged = tol > 0 && ev.gap <= target;
  let t = 1;
  let k = 0;
  let fresh = true; // ev/r/c describe the current w
  while (!converged && k < maxIter) {
    if (accelerated) {
      // gradient at the extrapolated point z
      matVec(m, z, r);
      for (let i = 0; i < n; i++) r[i] = yy[i] - r[i];
      matTVec(m, r, c);
      const tmp = wPrev;
      wPrev = w;
      w = tmp;
      proxStep(z, c, w, eta, n, alpha, positive);
      const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      const beta = (t - 1) / tNext;
      for (let j = 0; j < p; j++) z[j] = w[j] + beta * (w[j] - wPrev[j]);
      t = tNext;
      fresh = false;
    } else {
      if (!fresh) {
        matVec(m, w, r);
        for (let i = 0; i < n; i++) r[i] = yy[i] - r[i];
        matTVec(m, r, c);
      }
      proxStep(w, c, w, eta, n, alpha, positive);
      fresh = false;
    }
    k++;
    if (onIter) onIter(k, w);
    if (record || (tol > 0 && k % checkEvery === 0) || k === maxIter) {
      ev = evaluate(pr, w, r, c);
      fresh = true;
      if (record) {
        hObj.push(ev.obj);
        hGap.push(ev.gap);
      }
      if (tol > 0 && ev.gap <= target) converged = true;
    }
  }
  if (!fresh) ev = evaluate(pr, w, r, c);
  return {
    coef: w,
    nIter: k,
    objective: ev.obj,
    dualGap: ev.gap,
    converged,
    stepSize: eta,
    history: { objective: Float64Array.from(hObj), dualGap: Float64Array.from(hGap) },
  };
}

/**
 * ISTA for the Lasso F(w) = (1/(2n))||y - Xw||^2 + alpha ||w||_1 (X: [n, p]):
 *   w_{k+1} = S_{eta alpha}( w_k + (eta/n) X^T (y - X w_k) ),
 * S_t the soft threshold (max(v - t, 0) when `positive`), eta = 1/L, L = ||X||_2^2/n.
 * F(w_k) - F* <= L ||w_0 - w*||^2 / (2k). Stops on the duality gap.
 */
export function ista(X: Tensor, y: Float64Array | Float32Array, options: IstaOptions): IstaResult {
  return run(X, y, options, false);
}

/**
 * FISTA (Beck & Teboulle 2009) for the same Lasso objective as {@link ista}:
 *   w_k = S_{eta alpha}( z_k + (eta/n) X^T (y - X z_k) ),
 *   t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2,   z_{k+1} = w_k + ((t_k - 1)/t_{k+1}) (w_k - w_{k-1}),
 * with t_1 = 1, z_1 = w_0. F(w_k) - F* <= 2 L ||w_0 - w*||^2 / (k + 1)^2.
 */
export function fista(X: Tensor, y: Float64Array | Float32Array, options: IstaOptions): IstaResult {
  return run(X, y, options, true);
}

/** Options of {@link istc}. */
export interface IstcOptions {
  /** Final threshold lambda* > 0 of min_{a >= 0} (1/2)||x - D a||^2 + lambda* ||a||_1. */
  lambda: number;
  /** Number N of homotopy iterations (thresholds decrease geometrically over them); default 20. */
  nIter?: number;
  /** Further ISTA iterations at lambda* after the homotopy (default 0). */
  extraIter?: number;
  /** Gradient step eta (default 1/||D||_2^2; Zarka et al. use 1 with a normalised dictionary). */
  stepSize?: number;
}

/** Result of {@link istc}. */
export interface IstcResult {
  /** Non-negative code a (length k). */
  coef: Float64Array;
  /** Thresholds lambda_1..lambda_N used (then lambda* for the extra iterations). */
  thresholds: Float64Array;
  /** lambda_0 = ||D^T x||_inf. */
  lambda0: number;
  /** Objective (1/2)||x - D a||^2 + lambda* ||a||_1 at the returned code. */
  objective: number;
}

/**
 * ISTC, the homotopy iterated soft thresholding of Zarka et al. (2020): with
 * lambda_0 = ||D^T x||_inf and gamma = (lambda* / lambda_0)^(1/N),
 *   a_0 = 0,  a_n = rho_{eta lambda_n}( a_{n-1} + eta D^T (x - D a_{n-1}) ),  lambda_n = lambda_0 gamma^n,
 * for n = 1..N (so lambda_N = lambda*), rho_t(v) = max(v - t, 0) the non-negative soft threshold.
 * D is [m, k] with non-zero columns; x has length m.
 */
export function istc(D: Tensor, x: Float64Array | Float32Array, options: IstcOptions): IstcResult {
  const m = asMatrix("D", D);
  const xx = asVector("x", x, m.n, `the number of rows of D, shape [${m.n}, ${m.p}]`);
  const o = checkOptions<IstcOptions>("options", options);
  const lamStar = checkNumber("lambda", o.lambda, { min: 0, minExclusive: true });
  const N = o.nIter === undefined ? 20 : checkInteger("nIter", o.nIter, 1);
  const extra = o.extraIter === undefined ? 0 : checkInteger("extraIter", o.extraIter, 0);
  let eta: number;
  if (o.stepSize === undefined) {
    const L = spectralNormSquared(m);
    eta = L > 0 ? 1 / L : 1;
  } else eta = checkNumber("stepSize", o.stepSize, { min: 0, minExclusive: true });
  const c = matTVec(m, xx, new Float64Array(m.p));
  let lam0 = 0;
  for (let j = 0; j < m.p; j++) lam0 = Math.max(lam0, Math.abs(c[j]));
  const a = new Float64Array(m.p);
  const r = new Float64Array(m.n);
  const th: number[] = [];
  const gamma = lam0 > lamStar ? (lamStar / lam0) ** (1 / N) : 1;
  for (let it = 1; it <= N + extra; it++) {
    const lam = it <= N && lam0 > lamStar ? (it === N ? lamStar : lam0 * gamma ** it) : lamStar;
    th.push(lam);
    matVec(m, a, r);
    for (let i = 0; i < m.n; i++) r[i] = xx[i] - r[i];
    matTVec(m, r, c);
    const t = eta * lam;
    for (let j = 0; j < m.p; j++) {
      const v = a[j] + eta * c[j];
      a[j] = v > t ? v - t : 0;
    }
  }
  matVec(m, a, r);
  let s = 0;
  for (let i = 0; i < m.n; i++) s += (xx[i] - r[i]) ** 2;
  let l1 = 0;
  for (let j = 0; j < m.p; j++) l1 += a[j];
  return { coef: a, thresholds: Float64Array.from(th), lambda0: lam0, objective: 0.5 * s + lamStar * l1 };
}
