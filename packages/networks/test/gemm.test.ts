// The package's one GEMM entry point against its plain-loop reference and a naive triple loop.
import { describe, expect, it } from "vitest";
import { gemm, gemmLoops } from "../src/backend/gemm.js";
import { Random } from "@scatterkit/core";

function naive(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: ArrayLike<number>,
  lda: number,
  B: ArrayLike<number>,
  ldb: number,
  beta: number,
  C: ArrayLike<number>,
  ldc: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (tA ? A[p * lda + i] : A[i * lda + p]) * (tB ? B[j * ldb + p] : B[p * ldb + j]);
      out[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * C[i * ldc + j]);
    }
  }
  return out;
}

describe("gemm", () => {
  it("every transpose case, strides, alpha/beta, float64 and float32, both kernels", () => {
    const rng = new Random(1);
    for (const [m, n, k] of [
      [1, 1, 1],
      [5, 7, 3],
      [17, 9, 33],
      [64, 49, 20],
    ]) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          for (const [alpha, beta] of [
            [1, 0],
            [0.5, 1],
            [-2, 0.25],
          ]) {
            for (const Ctor of [Float64Array, Float32Array]) {
              const lda = (tA ? m : k) + 2;
              const ldb = (tB ? k : n) + 1;
              const ldc = n + 3;
              const A = new Ctor((tA ? k : m) * lda).map(() => rng.normal());
              const B = new Ctor((tB ? n : k) * ldb).map(() => rng.normal());
              const C0 = new Ctor(m * ldc).map(() => rng.normal());
              const want = naive(tA, tB, m, n, k, alpha, A, lda, B, ldb, beta, C0, ldc);
              for (const f of [gemm, gemmLoops]) {
                const C = C0.slice();
                f(tA, tB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
                const tol = Ctor === Float64Array ? 1e-12 : 1e-5;
                let err = 0;
                let mx = 0;
                for (let i = 0; i < m; i++) {
                  for (let j = 0; j < n; j++) {
                    err = Math.max(err, Math.abs(C[i * ldc + j] - want[i * n + j]));
                    mx = Math.max(mx, Math.abs(want[i * n + j]));
                  }
                  // entries beyond n in each row are untouched
                  for (let j = n; j < ldc && i * ldc + j < C.length; j++)
                    expect(C[i * ldc + j]).toBe(C0[i * ldc + j]);
                }
                expect(err / mx).toBeLessThan(tol);
              }
            }
          }
        }
      }
    }
  });
});
