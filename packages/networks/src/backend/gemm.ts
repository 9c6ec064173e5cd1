/**
 * The single entry point of every dense matrix product in @scatterkit/networks (so that the
 * whole package can switch GEMM kernels in one place).
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import { gemm as linalgGemm } from "@scatterkit/linalg";

/**
 * C = alpha op(A) op(B) + beta C, row-major, with op(X) = X or X^T:
 * op(A) is m x k, op(B) is k x n, C is m x n; lda, ldb, ldc are the row strides of the
 * stored A, B, C. beta = 0 overwrites C (NaN in C is not propagated).
 * Products with k >= 1 run on @scatterkit/linalg's blocked GEMM (WebAssembly SIMD where
 * available, float64 accumulation; measured 2-4x faster than the loops below on this
 * package's shapes); the same inputs always give the same bits.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: FloatArray,
  lda: number,
  B: FloatArray,
  ldb: number,
  beta: number,
  C: FloatArray,
  ldc: number,
): void {
  if (m === 0 || n === 0) return;
  if (beta === 0 && k > 0 && alpha !== 0) {
    // linalg with beta = 0 stores 0 + the sum, as a zero fill followed by beta = 1 would
    linalgGemm(transA, transB, m, n, k, alpha, A, 0, lda, B, 0, ldb, 0, C, 0, ldc);
    return;
  }
  if (beta === 0) {
    for (let i = 0; i < m; i++) C.fill(0, i * ldc, i * ldc + n);
  } else if (beta !== 1) {
    for (let i = 0; i < m; i++) for (let j = i * ldc, e = j + n; j < e; j++) C[j] *= beta;
  }
  if (k === 0 || alpha === 0) return;
  linalgGemm(transA, transB, m, n, k, alpha, A, 0, lda, B, 0, ldb, 1, C, 0, ldc);
}

/**
 * The same product with plain loops (the package's first kernel, kept as the reference of
 * the tests): C = alpha op(A) op(B) + beta C, sums over p in increasing order.
 */
export function gemmLoops(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: FloatArray,
  lda: number,
  B: FloatArray,
  ldb: number,
  beta: number,
  C: FloatArray,
  ldc: number,
): void {
  if (m === 0 || n === 0) return;
  if (beta === 0 && k > 0 && alpha !== 0) {
    // linalg with beta = 0 stores 0 + the sum, as a zero fill followed by beta = 1 would
    linalgGemm(transA, transB, m, n, k, alpha, A, 0, lda, B, 0, ldb, 0, C, 0, ldc);
    return;
  }
  if (beta === 0) {
    for (let i = 0; i < m; i++) C.fill(0, i * ldc, i * ldc + n);
  } else if (beta !== 1) {
    for (let i = 0; i < m; i++) for (let j = i * ldc, e = j + n; j < e; j++) C[j] *= beta;
  }
  if (k === 0 || alpha === 0) return;
  if (!transB) {
    // C[i, :] += sum_p alpha a(i, p) B[p, :]
    const sa = transA ? 1 : lda; // stride between rows i of op(A)
    const sp = transA ? lda : 1; // stride between p of op(A)
    for (let i = 0; i < m; i++) {
      const ci = i * ldc;
      const ai = i * sa;
      let p = 0;
      for (; p + 3 < k; p += 4) {
        const a0 = alpha * A[ai + p * sp];
        const a1 = alpha * A[ai + (p + 1) * sp];
        const a2 = alpha * A[ai + (p + 2) * sp];
        const a3 = alpha * A[ai + (p + 3) * sp];
        const b0 = p * ldb;
        const b1 = b0 + ldb;
        const b2 = b1 + ldb;
        const b3 = b2 + ldb;
        for (let j = 0; j < n; j++) {
          C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
        }
      }
      for (; p < k; p++) {
        const a0 = alpha * A[ai + p * sp];
        const b0 = p * ldb;
        for (let j = 0; j < n; j++) C[ci + j] += a0 * B[b0 + j];
      }
    }
    return;
  }
  // op(B) = B^T: B stored n x k; C[i, j] += alpha sum_p a(i, p) B[j, p]
  if (!transA) {
    for (let i = 0; i < m; i++) {
      const ai = i * lda;
      const ci = i * ldc;
      let j = 0;
      for (; j + 3 < n; j += 4) {
        const b0 = j * ldb;
        const b1 = b0 + ldb;
        const b2 = b1 + ldb;
        const b3 = b2 + ldb;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let p = 0; p < k; p++) {
          const a = A[ai + p];
          s0 += a * B[b0 + p];
          s1 += a * B[b1 + p];
          s2 += a * B[b2 + p];
          s3 += a * B[b3 + p];
        }
        C[ci + j] += alpha * s0;
        C[ci + j + 1] += alpha * s1;
        C[ci + j + 2] += alpha * s2;
        C[ci + j + 3] += alpha * s3;
      }
      for (; j < n; j++) {
        const b0 = j * ldb;
        let s0 = 0;
        for (let p = 0; p < k; p++) s0 += A[ai + p] * B[b0 + p];
        C[ci + j] += alpha * s0;
      }
    }
    return;
  }
  // both transposed (rare): plain loops
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[p * lda + i] * B[j * ldb + p];
      C[i * ldc + j] += alpha * s;
    }
  }
}
