/**
 * The multinomial logistic objective on @scatterkit/linalg's PackedRows: X is copied once
 * into kernel memory (WebAssembly SIMD when available), and each evaluation is one fused
 * pass over blocks of rows (scores, softmax residuals, R^T X while the block is in cache).
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import { PackedRows, type RowBlockFn, type RowProducts } from "@scatterkit/linalg";

/**
 * Softmax residuals of one block of rows: for q < count, with z the block's scores
 * (row stride lp), r[q lp + c] = C (softmax(z_q)_c - [c = y[row0 + q]]), gb[c] += r[q lp + c];
 * returns sum_q (lse(z_q) - z_{q, y}). Self-contained (its source also runs in worker threads).
 * @internal
 */
export function softmaxBlock(
  z: Float64Array,
  r: Float64Array,
  row0: number,
  count: number,
  lp: number,
  k: number,
  y: Int32Array,
  C: number,
  gb: Float64Array,
): number {
  let loss = 0;
  for (let q = 0; q < count; q++) {
    const o = q * lp;
    const label = y[row0 + q];
    let m = -Infinity;
    for (let c = 0; c < k; c++) if (z[o + c] > m) m = z[o + c];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[o + c] - m);
      r[o + c] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let c = 0; c < k; c++) {
      const v = C * (r[o + c] * inv - (c === label ? 1 : 0));
      r[o + c] = v;
      gb[c] += v;
    }
    loss += m + Math.log(sum) - z[o + label];
  }
  return loss;
}

/**
 * Objective and gradient at theta = [W (k*d) | b (k)], as softmaxObjective of kernels.ts:
 * f = C sum_i (lse(z_i) - z_{i,y_i}) + 0.5 ||W||^2 (penalty false: without the 0.5||W||^2
 * term and W in the gradient), z_i = W x_i + b; grad_W = C (P - Y)^T X (+ W), grad_b = C (P - Y)^T 1.
 * Float32 X: products as PackedRows' `products` ("float32" by default: float32 products,
 * float64 accumulation; "float64": exact products). Returns null when X does not fit in
 * kernel memory (the caller then uses softmaxObjective).
 * @internal
 */
export function packedSoftmaxObjective(
  x: FloatArray,
  n: number,
  d: number,
  k: number,
  y: Int32Array,
  C: number,
  penalty = true,
  products: RowProducts = "float32",
): ((theta: Float64Array, grad: Float64Array) => number) | null {
  const pair = packedSoftmaxObjectives(x, n, d, k, y, C, penalty);
  if (!pair) return null;
  return products === "float64" ? pair.exact : pair.fast;
}

/**
 * The two objectives of {@link packedSoftmaxObjective} on one copy of X: `fast` (float32
 * products when X is float32) and `exact` (float64 products); the same function twice for
 * float64 X. Null when X does not fit in kernel memory.
 * @internal
 */
export function packedSoftmaxObjectives(
  x: FloatArray,
  n: number,
  d: number,
  k: number,
  y: Int32Array,
  C: number,
  penalty = true,
): {
  fast: (theta: Float64Array, grad: Float64Array) => number;
  exact: (theta: Float64Array, grad: Float64Array) => number;
} | null {
  let rows: PackedRows;
  try {
    rows = new PackedRows({ data: x, shape: [n, d] });
  } catch (e) {
    if (e instanceof RangeError) return null; // memory could not be allocated
    throw e;
  }
  const kd = k * d;
  const gb = new Float64Array(k);
  const block: RowBlockFn = (z, r, row0, count, lp) => softmaxBlock(z, r, row0, count, lp, k, y, C, gb);
  const make = (products: RowProducts) => (theta: Float64Array, grad: Float64Array) => {
    rows.products = products;
    gb.fill(0);
    const W = theta.subarray(0, kd);
    const loss = rows.pass(W, k, theta.subarray(kd, kd + k), block, grad);
    let f = 0;
    if (penalty) {
      for (let i = 0; i < kd; i++) {
        const w = theta[i];
        f += 0.5 * w * w;
        grad[i] += w;
      }
    }
    for (let c = 0; c < k; c++) grad[kd + c] = gb[c];
    return f + C * loss;
  };
  if (rows.dtype === "float64") {
    const both = make("float64");
    return { fast: both, exact: both };
  }
  return { fast: make("float32"), exact: make("float64") };
}
