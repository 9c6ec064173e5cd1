/** Symmetric rank-k update (BLAS SYRK) and Gram matrices, row-major. */
import { type FloatArray, ParameterError, type Tensor, checkTensor } from "@scatterkit/core";
import { checkArray, checkDim, checkScalar, checkView } from "./check.js";
import { gemm } from "./gemm.js";

/** Rows of C per block of the upper block-triangle. @internal */
const SYRK_BLOCK = 96;

/**
 * Symmetric rank-k update, row-major (BLAS xSYRK), writing the WHOLE symmetric matrix:
 *
 *   C <- alpha op(A) op(A)^T + beta C,   C [n, n], op(A) [n, k],
 *
 * op(A) = A (trans false: A [n, k], C = alpha A A^T + beta C, the Gram matrix of the rows) or
 * A^T (trans true: A [k, n], C = alpha A^T A + beta C, the Gram matrix of the columns /
 * scatter matrix). Only the upper block-triangle is computed (blocks of 96 rows, each a
 * {@link gemm} call, so about half the work of a full product); the strictly lower part is
 * then copied from the upper part, so C is exactly symmetric. beta scales the upper
 * triangle of the input C (its strictly lower triangle is never read).
 */
export function syrk(
  trans: boolean,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  aOffset: number,
  lda: number,
  beta: number,
  c: FloatArray,
  cOffset: number,
  ldc: number,
): void {
  checkDim("n", n);
  checkDim("k", k);
  checkScalar("alpha", alpha);
  checkScalar("beta", beta);
  checkArray("A", a);
  checkArray("C", c);
  checkView("A", a, aOffset, lda, trans ? k : n, trans ? n : k);
  checkView("C", c, cOffset, ldc, n, n);
  for (let i0 = 0; i0 < n; i0 += SYRK_BLOCK) {
    const nb = Math.min(SYRK_BLOCK, n - i0);
    // C[i0:i0+nb, i0:n] = alpha op(A)[i0:i0+nb, :] op(A)[i0:n, :]^T + beta C[...]
    const aRow = trans ? aOffset + i0 : aOffset + i0 * lda;
    gemm(
      trans,
      !trans,
      nb,
      n - i0,
      k,
      alpha,
      a,
      aRow,
      lda,
      a,
      aRow,
      lda,
      beta,
      c,
      cOffset + i0 * ldc + i0,
      ldc,
    );
  }
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) c[cOffset + i * ldc + j] = c[cOffset + j * ldc + i];
  }
}

/**
 * Gram matrix of a [n, d] Tensor as a new float64 [n, n] (rows: G = X X^T) or [d, d]
 * (columns: G = X^T X) Tensor, optionally of the centred data (X - 1 mu^T with mu the
 * column means, computed in float64). Uses {@link syrk}.
 */
export function gram(
  X: Tensor,
  options: { of?: "rows" | "columns"; center?: boolean } = {},
): Tensor<Float64Array> {
  checkTensor("X", X, { minRank: 2 });
  if (X.shape.length !== 2) throw new ParameterError("X.shape", X.shape, "a 2-D shape [n, d]");
  const of = options.of ?? "rows";
  if (of !== "rows" && of !== "columns") throw new ParameterError("of", of, '"rows" or "columns"');
  const [n, d] = X.shape;
  let x: FloatArray = X.data;
  if (options.center) {
    const mu = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] += x[i * d + j];
    for (let j = 0; j < d; j++) mu[j] /= n;
    const xc = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xc[i * d + j] = x[i * d + j] - mu[j];
    x = xc;
  }
  const size = of === "rows" ? n : d;
  const g = new Float64Array(size * size);
  syrk(of === "columns", size, of === "rows" ? d : n, 1, x, 0, d, 0, g, 0, size);
  return { data: g, shape: [size, size] };
}
