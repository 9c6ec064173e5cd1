/**
 * Internal helpers: argument checks shared by the solvers and small dense
 * linear-algebra kernels (plain loops over Float64Array, row-major).
 */
import { ParameterError, ShapeError, checkTensor, isFloatArray } from "@scatterkit/core";
import { gemv } from "@scatterkit/linalg";

/** A dense matrix in float64, row-major, with its column-major copy made on demand. */
export interface Matrix {
  /** Rows. */
  n: number;
  /** Columns. */
  p: number;
  /** Row-major data, length n * p. */
  a: Float64Array;
}

/** Validates a 2-D tensor (finite, non-empty) and returns it as a float64 row-major matrix (a copy). */
export function asMatrix(name: string, x: unknown): Matrix {
  const t = checkTensor(name, x);
  if (t.shape.length !== 2) {
    throw new ShapeError(`${name}.shape`, t.shape, "a 2-D shape [rows, columns]");
  }
  return { n: t.shape[0], p: t.shape[1], a: Float64Array.from(t.data) };
}

/** Validates a 1-D float vector (finite, optional length) and returns a float64 copy. */
export function asVector(name: string, y: unknown, length?: number, lengthWhat?: string): Float64Array {
  if (!isFloatArray(y)) {
    throw new ParameterError(name, y, "a Float64Array or a Float32Array");
  }
  if (length !== undefined && y.length !== length) {
    throw new ShapeError(`${name}.length`, y.length, `${length}${lengthWhat ? ` (${lengthWhat})` : ""}`);
  }
  if (y.length === 0) throw new ShapeError(`${name}.length`, 0, "a non-empty vector");
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      throw new ParameterError(`${name}[${i}]`, y[i], "finite values only (no NaN or Infinity)");
    }
  }
  return Float64Array.from(y);
}

/** Validates a regularisation weight: a finite number >= 0. */
export function checkAlpha(name: string, alpha: unknown): number {
  if (typeof alpha !== "number" || !Number.isFinite(alpha) || alpha < 0) {
    throw new ParameterError(name, alpha, "a finite number >= 0");
  }
  return alpha;
}

/** Throws a ParameterError naming the first column of `m` whose Euclidean norm is 0. */
export function checkNoZeroColumns(name: string, m: Matrix, what = "dictionary"): Float64Array {
  const norms = columnSquaredNorms(m);
  for (let j = 0; j < m.p; j++) {
    if (!(norms[j] > 0)) {
      throw new ParameterError(
        `${name} column ${j}`,
        "an all-zero column",
        `a ${what} whose every column has a non-zero norm (a zero atom cannot be normalised or selected; remove it)`,
      );
    }
  }
  return norms;
}

/** Squared Euclidean norm of every column. */
export function columnSquaredNorms(m: Matrix): Float64Array {
  const out = new Float64Array(m.p);
  const { n, p, a } = m;
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let j = 0; j < p; j++) out[j] += a[o + j] * a[o + j];
  }
  return out;
}

/** Transposed copy (p x n row-major), i.e. the column-major layout of `m`. */
export function transpose(m: Matrix): Matrix {
  const { n, p, a } = m;
  const t = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) t[j * n + i] = a[i * p + j];
  return { n: p, p: n, a: t };
}

/** out = A x  (A n x p row-major; @scatterkit/linalg's gemv). */
export function matVec(m: Matrix, x: Float64Array, out: Float64Array): Float64Array {
  const { n, p, a } = m;
  gemv(false, n, p, 1, a, 0, p, x, 0, 1, 0, out, 0, 1);
  return out;
}

/** out = A^T r  (A n x p row-major; @scatterkit/linalg's gemv, rows accumulated in order). */
export function matTVec(m: Matrix, r: Float64Array, out: Float64Array): Float64Array {
  const { n, p, a } = m;
  gemv(true, n, p, 1, a, 0, p, r, 0, 1, 0, out, 0, 1);
  return out;
}

/** Dot product. */
export function dot(x: Float64Array, y: Float64Array, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

/** Largest singular value squared of `m` (power iteration on A^T A, deterministic start). */
export function spectralNormSquared(m: Matrix, iters = 100, tol = 1e-10): number {
  const v = new Float64Array(m.p);
  for (let j = 0; j < m.p; j++) v[j] = 1 + 0.01 * Math.sin(j + 1);
  let nv = Math.sqrt(dot(v, v));
  for (let j = 0; j < m.p; j++) v[j] /= nv;
  const u = new Float64Array(m.n);
  const w = new Float64Array(m.p);
  let est = 0;
  for (let it = 0; it < iters; it++) {
    matVec(m, v, u);
    matTVec(m, u, w);
    nv = Math.sqrt(dot(w, w));
    if (nv === 0) return 0;
    const prev = est;
    est = nv;
    for (let j = 0; j < m.p; j++) v[j] = w[j] / nv;
    if (Math.abs(est - prev) <= tol * est) break;
  }
  // a small safety margin: power iteration approaches the top eigenvalue from below
  return est * (1 + 1e-6);
}

/**
 * In-place Cholesky factorisation of a symmetric positive definite k x k matrix
 * stored row-major in `g` (lower triangle written, upper left untouched).
 * Returns false when a pivot is not positive.
 */
export function cholesky(g: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let s = g[j * k + j];
    for (let q = 0; q < j; q++) s -= g[j * k + q] * g[j * k + q];
    if (!(s > 0)) return false;
    const d = Math.sqrt(s);
    g[j * k + j] = d;
    for (let i = j + 1; i < k; i++) {
      let t = g[i * k + j];
      for (let q = 0; q < j; q++) t -= g[i * k + q] * g[j * k + q];
      g[i * k + j] = t / d;
    }
  }
  return true;
}

/** Solves L L^T x = b in place in `b`, L lower triangular (row stride `ld`, size k). */
export function cholSolve(L: Float64Array, k: number, b: Float64Array, ld = k): void {
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let q = 0; q < i; q++) s -= L[i * ld + q] * b[q];
    b[i] = s / L[i * ld + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i];
    for (let q = i + 1; q < k; q++) s -= L[q * ld + i] * b[q];
    b[i] = s / L[i * ld + i];
  }
}

/** Soft thresholding S_t(v) = sign(v) max(|v| - t, 0); non-negative variant max(v - t, 0). */
export function soft(v: number, t: number, positive: boolean): number {
  if (positive) return v > t ? v - t : 0;
  return v > t ? v - t : v < -t ? v + t : 0;
}

/** Checks an optional warm start / initial code vector. */
export function optionalVector(
  name: string,
  v: unknown,
  length: number,
  what: string,
): Float64Array | undefined {
  if (v === undefined) return undefined;
  return asVector(name, v, length, what);
}
