/**
 * Orthogonal matching pursuit (Pati, Rezaiifar & Krishnaprasad 1993).
 */
import { type Tensor, checkInteger, checkNumber, checkOptions } from "@scatterkit/core";
import { asMatrix, asVector, checkNoZeroColumns, cholSolve, transpose } from "./util";

/** Options of {@link omp}. */
export interface OmpOptions {
  /** Number of atoms to select (default: max(1, floor(k / 10)), as scikit-learn; capped at min(m, k)). */
  nNonzero?: number;
  /** Stop as soon as ||x - D a||^2 <= tol (overrides nNonzero when given). */
  tol?: number;
}

/** Result of {@link omp}. */
export interface OmpResult {
  /** Code a (length k), non-zero only on `support`. */
  coef: Float64Array;
  /** Selected atoms in order of selection. */
  support: number[];
  /** ||x - D a||_2 after each selection (length support.length). */
  residualNorms: Float64Array;
}

/**
 * Orthogonal matching pursuit: greedily approximates
 *   min ||x - D a||_2^2  subject to  ||a||_0 <= s
 * (D: [m, k], x: length m). Step t selects j_t = argmax_j |d_j^T r_{t-1}| / ||d_j||,
 * then a = argmin over the selected atoms S of ||x - D_S a_S||^2 (normal
 * equations by an updated Cholesky factor of D_S^T D_S), r_t = x - D_S a_S.
 * Stops after s atoms, when ||r||^2 <= tol, or when the next atom is linearly dependent on S.
 * Zero columns are rejected (they cannot be normalised).
 */
export function omp(D: Tensor, x: Float64Array | Float32Array, options: OmpOptions = {}): OmpResult {
  const m = asMatrix("D", D);
  const xx = asVector("x", x, m.n, `the number of rows of D, shape [${m.n}, ${m.p}]`);
  const o = checkOptions<OmpOptions>("options", options);
  const norms2 = checkNoZeroColumns("D", m);
  const tol = o.tol === undefined ? undefined : checkNumber("tol", o.tol, { min: 0 });
  const kMax = Math.min(m.n, m.p);
  let s: number;
  if (tol !== undefined) s = kMax;
  else if (o.nNonzero === undefined) s = Math.min(kMax, Math.max(1, Math.floor(m.p / 10)));
  else s = Math.min(kMax, checkInteger("nNonzero", o.nNonzero, 1));
  const n = m.n;
  const cols = transpose(m).a; // atom j at cols[j*n ..]
  const norms = norms2.map(Math.sqrt);
  const L = new Float64Array(s * s);
  const support: number[] = [];
  const res: number[] = [];
  const r = Float64Array.from(xx);
  const coefS = new Float64Array(s);
  const dty = new Float64Array(s);
  const chosen = new Uint8Array(m.p);
  let rn2 = 0;
  for (let i = 0; i < n; i++) rn2 += r[i] * r[i];
  while (support.length < s && !(tol !== undefined && rn2 <= tol)) {
    let best = -1;
    let bestV = -1;
    for (let j = 0; j < m.p; j++) {
      if (chosen[j]) continue;
      let c = 0;
      const o2 = j * n;
      for (let i = 0; i < n; i++) c += cols[o2 + i] * r[i];
      const v = Math.abs(c) / norms[j];
      if (v > bestV) {
        bestV = v;
        best = j;
      }
    }
    if (best < 0 || bestV === 0) break;
    const k = support.length;
    // new Cholesky row: L[k, :k] solves L[:k,:k] z = D_S^T d_best
    const ob = best * n;
    for (let a = 0; a < k; a++) {
      const oa = support[a] * n;
      let g = 0;
      for (let i = 0; i < n; i++) g += cols[oa + i] * cols[ob + i];
      for (let q = 0; q < a; q++) g -= L[a * s + q] * L[k * s + q];
      L[k * s + a] = g / L[a * s + a];
    }
    let d2 = norms2[best];
    for (let a = 0; a < k; a++) d2 -= L[k * s + a] ** 2;
    if (!(d2 > 1e-12 * norms2[best])) break; // atom in the span of the selected ones
    L[k * s + k] = Math.sqrt(d2);
    chosen[best] = 1;
    support.push(best);
    let b = 0;
    for (let i = 0; i < n; i++) b += cols[ob + i] * xx[i];
    dty[k] = b;
    const kk = k + 1;
    for (let a = 0; a < kk; a++) coefS[a] = dty[a];
    cholSolve(L, kk, coefS, s);
    r.set(xx);
    for (let a = 0; a < kk; a++) {
      const oa = support[a] * n;
      const ca = coefS[a];
      for (let i = 0; i < n; i++) r[i] -= ca * cols[oa + i];
    }
    rn2 = 0;
    for (let i = 0; i < n; i++) rn2 += r[i] * r[i];
    res.push(Math.sqrt(rn2));
  }
  const coef = new Float64Array(m.p);
  for (let a = 0; a < support.length; a++) coef[support[a]] = coefS[a];
  return { coef, support, residualNorms: Float64Array.from(res) };
}
