/** Row-wise reductions of a row-major [m, n] matrix into float64 vectors. */
import { type FloatArray, ParameterError } from "@scatterkit/core";
import { checkArray, checkDim, checkView } from "./check.js";

function prepare(
  a: FloatArray,
  m: number,
  n: number,
  offset: number,
  lda: number,
  out: Float64Array | undefined,
): Float64Array {
  checkDim("m", m);
  checkDim("n", n);
  checkArray("A", a);
  checkView("A", a, offset, lda, m, n);
  if (out === undefined) return new Float64Array(m);
  if (!(out instanceof Float64Array) || out.length < m) {
    throw new ParameterError("out", out, `a Float64Array of at least ${m} entries`);
  }
  return out;
}

/**
 * Row sums: out[i] = sum_j A[i, j] (sequential float64 sum), A[i, j] = a[offset + i lda + j].
 * Writes into `out` (a Float64Array of at least m entries) or a new array; returns it.
 */
export function rowSums(
  a: FloatArray,
  m: number,
  n: number,
  offset = 0,
  lda = n,
  out?: Float64Array,
): Float64Array {
  const o = prepare(a, m, n, offset, lda, out);
  for (let i = 0; i < m; i++) {
    const r = offset + i * lda;
    let s = 0;
    for (let j = 0; j < n; j++) s += a[r + j];
    o[i] = s;
  }
  return o;
}

/**
 * Row maxima: out[i] = max_j A[i, j] (-Infinity for n = 0; NaN if the row holds a NaN).
 * Same layout and `out` rule as {@link rowSums}.
 */
export function rowMax(
  a: FloatArray,
  m: number,
  n: number,
  offset = 0,
  lda = n,
  out?: Float64Array,
): Float64Array {
  const o = prepare(a, m, n, offset, lda, out);
  for (let i = 0; i < m; i++) {
    const r = offset + i * lda;
    let v = -Infinity;
    for (let j = 0; j < n; j++) {
      const x = a[r + j];
      if (Number.isNaN(x)) {
        v = x;
        break;
      }
      if (x > v) v = x;
    }
    o[i] = v;
  }
  return o;
}

/**
 * Row-wise log-sum-exp, computed stably: out[i] = m_i + log sum_j exp(A[i, j] - m_i) with
 * m_i = max_j A[i, j] (-Infinity for an empty or all -Infinity row, +Infinity if the row
 * holds +Infinity). Same layout and `out` rule as {@link rowSums}.
 */
export function rowLogSumExp(
  a: FloatArray,
  m: number,
  n: number,
  offset = 0,
  lda = n,
  out?: Float64Array,
): Float64Array {
  const o = rowMax(a, m, n, offset, lda, out);
  for (let i = 0; i < m; i++) {
    const mx = o[i];
    if (!Number.isFinite(mx)) continue;
    const r = offset + i * lda;
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(a[r + j] - mx);
    o[i] = mx + Math.log(s);
  }
  return o;
}
