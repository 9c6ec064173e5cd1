/** Tensor-level matrix product. */
import { ParameterError, ShapeError, type Tensor, checkTensor } from "@scatterkit/core";
import { gemm } from "./gemm.js";

/**
 * Matrix product of two 2-D Tensors: C = op(A) op(B) with op(X) = X or X^T
 * (`transA` / `transB`), as a new Tensor [m, n]. The result is a Float32Array when both
 * inputs are float32, else a Float64Array; products and sums are float64 either way (see
 * {@link gemm}).
 */
export function matmul(A: Tensor, B: Tensor, options: { transA?: boolean; transB?: boolean } = {}): Tensor {
  checkTensor("A", A, { minRank: 2, allowEmpty: true, allowNonFinite: true });
  checkTensor("B", B, { minRank: 2, allowEmpty: true, allowNonFinite: true });
  if (A.shape.length !== 2) throw new ParameterError("A.shape", A.shape, "a 2-D shape");
  if (B.shape.length !== 2) throw new ParameterError("B.shape", B.shape, "a 2-D shape");
  const tA = Boolean(options.transA);
  const tB = Boolean(options.transB);
  const [ar, ac] = A.shape;
  const [br, bc] = B.shape;
  const m = tA ? ac : ar;
  const k = tA ? ar : ac;
  const kb = tB ? bc : br;
  const n = tB ? br : bc;
  if (k !== kb) {
    throw new ShapeError(
      "B.shape",
      B.shape,
      `${tB ? "columns" : "rows"} equal to the ${tA ? "rows" : "columns"} of A (${k})`,
    );
  }
  const f32 = A.data instanceof Float32Array && B.data instanceof Float32Array;
  const c = f32 ? new Float32Array(m * n) : new Float64Array(m * n);
  gemm(tA, tB, m, n, k, 1, A.data, 0, ac, B.data, 0, bc, 0, c, 0, n);
  return { data: c, shape: [m, n] };
}
