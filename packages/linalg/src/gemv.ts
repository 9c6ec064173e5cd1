/** Matrix-vector product (BLAS GEMV), row-major. */
import type { FloatArray } from "@scatterkit/core";
import { checkArray, checkDim, checkScalar, checkVector, checkView } from "./check.js";

/**
 * Matrix-vector product, row-major (BLAS xGEMV):
 *
 *   y <- alpha op(A) x + beta y,   A [m, n] with A[i, j] = a[aOffset + i lda + j],
 *
 * op(A) = A (trans false: x has n entries, y has m) or A^T (trans true: x has m entries,
 * y has n). x[i] = x[xOffset + i incx], y[i] = y[yOffset + i incy] (negative increments
 * walk backwards from the offset). Float64 arithmetic; with trans false each y entry is
 * beta y + alpha (sequential float64 sum over j of A[i, j] x[j]); with trans true,
 * beta y + alpha (sequential sum over i of A[i, j] x[i]). With beta = 0, y is not read.
 */
export function gemv(
  trans: boolean,
  m: number,
  n: number,
  alpha: number,
  a: FloatArray,
  aOffset: number,
  lda: number,
  x: FloatArray,
  xOffset: number,
  incx: number,
  beta: number,
  y: FloatArray,
  yOffset: number,
  incy: number,
): void {
  checkDim("m", m);
  checkDim("n", n);
  checkScalar("alpha", alpha);
  checkScalar("beta", beta);
  checkArray("A", a);
  checkArray("x", x);
  checkArray("y", y);
  checkView("A", a, aOffset, lda, m, n);
  const lx = trans ? m : n;
  const ly = trans ? n : m;
  checkVector("x", x, lx, xOffset, incx);
  checkVector("y", y, ly, yOffset, incy);
  if (ly === 0) return;
  if (!trans) {
    let i = 0;
    for (; i + 3 < m; i += 4) {
      const r0 = aOffset + i * lda;
      const r1 = r0 + lda;
      const r2 = r1 + lda;
      const r3 = r2 + lda;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0, xo = xOffset; j < n; j++, xo += incx) {
        const v = x[xo];
        s0 += a[r0 + j] * v;
        s1 += a[r1 + j] * v;
        s2 += a[r2 + j] * v;
        s3 += a[r3 + j] * v;
      }
      const yo = yOffset + i * incy;
      y[yo] = beta === 0 ? alpha * s0 : alpha * s0 + beta * y[yo];
      y[yo + incy] = beta === 0 ? alpha * s1 : alpha * s1 + beta * y[yo + incy];
      y[yo + 2 * incy] = beta === 0 ? alpha * s2 : alpha * s2 + beta * y[yo + 2 * incy];
      y[yo + 3 * incy] = beta === 0 ? alpha * s3 : alpha * s3 + beta * y[yo + 3 * incy];
    }
    for (; i < m; i++) {
      const r0 = aOffset + i * lda;
      let s0 = 0;
      for (let j = 0, xo = xOffset; j < n; j++, xo += incx) s0 += a[r0 + j] * x[xo];
      const yo = yOffset + i * incy;
      y[yo] = beta === 0 ? alpha * s0 : alpha * s0 + beta * y[yo];
    }
    return;
  }
  // y = alpha A^T x + beta y: accumulate rows of A into a float64 sum (sequential over i)
  const s = new Float64Array(n);
  for (let i = 0, xo = xOffset; i < m; i++, xo += incx) {
    const v = x[xo];
    if (v === 0) continue;
    const r = aOffset + i * lda;
    for (let j = 0; j < n; j++) s[j] += a[r + j] * v;
  }
  for (let j = 0, yo = yOffset; j < n; j++, yo += incy) {
    y[yo] = beta === 0 ? alpha * s[j] : alpha * s[j] + beta * y[yo];
  }
}
