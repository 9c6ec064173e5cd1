import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gemm, gemv, gram, rowLogSumExp, rowMax, rowSums, syrk } from "@scatterkit/linalg";
import { naiveGemm, randomArray } from "./helpers";

describe("gemv", () => {
  it("matches gemm / the naive loop, both transposes, strided and negative increments", () => {
    for (const f32 of [false, true]) {
      for (const trans of [false, true]) {
        for (const [m, n] of [
          [1, 1],
          [7, 33],
          [33, 7],
          [1000, 13],
        ]) {
          const lda = n + 2;
          const a = randomArray(m * lda, f32, m + n);
          const lx = trans ? m : n;
          const ly = trans ? n : m;
          const x = randomArray(3 * lx, f32, 5);
          const y = randomArray(2 * ly + 1, f32, 6);
          const y0 = y.slice();
          // x with increment 3 from 0; y with increment -2 from 2(ly-1)+1
          gemv(trans, m, n, 0.5, a, 0, lda, x, 0, 3, 2, y, 2 * (ly - 1) + 1, -2);
          const xs = Float64Array.from({ length: lx }, (_, i) => x[3 * i]);
          const yc = Float64Array.from({ length: ly }, (_, i) => y0[2 * (ly - 1) + 1 - 2 * i]);
          const want = naiveGemm(trans, false, ly, 1, lx, 0.5, a, 0, lda, xs, 0, 1, 2, yc, 0, 1);
          const tol = f32 ? 1e-5 * lx : 1e-13 * lx;
          for (let i = 0; i < ly; i++)
            expect(Math.abs(y[2 * (ly - 1) + 1 - 2 * i] - want[i])).toBeLessThan(tol);
          // entries between the strided ones untouched
          for (let q = 0; q < y.length; q++) if ((q - 1) % 2 !== 0 || q < 1) expect(y[q]).toBe(y0[q]);
        }
      }
    }
  });
  it("rejects a zero increment", () => {
    const a = new Float64Array(4);
    expect(() => gemv(false, 2, 2, 1, a, 0, 2, a, 0, 0, 0, a, 0, 1)).toThrow(
      /Invalid incx: got 0; expected a non-zero integer/,
    );
  });
});

describe("syrk and gram", () => {
  it("equals gemm(A, A^T) in both forms and is exactly symmetric", () => {
    for (const trans of [false, true]) {
      for (const [n, k] of [
        [1, 5],
        [7, 1],
        [33, 40],
        [200, 33],
      ]) {
        const lda = (trans ? n : k) + 1;
        const a = randomArray((trans ? k : n) * lda, false, n * k);
        const c = randomArray(n * n, false, 3);
        const c0 = c.slice();
        syrk(trans, n, k, 1.5, a, 0, lda, 0.25, c, 0, n);
        const want = naiveGemm(trans, !trans, n, n, k, 1.5, a, 0, lda, a, 0, lda, 0.25, c0, 0, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(c[i * n + j]).toBe(c[j * n + i]);
            if (j >= i) expect(Math.abs(c[i * n + j] - want[i * n + j])).toBeLessThan(1e-13 * k);
          }
        }
      }
    }
  });
  it("gram of centred columns is the scatter matrix (n - 1) cov", () => {
    const X = { data: Float64Array.of(1, 2, 3, 4, 5, 9), shape: [3, 2] };
    const g = gram(X, { of: "columns", center: true });
    // columns (1,3,5) and (2,4,9): centred (-2,0,2), (-3,-1,4)
    expect(Array.from(g.data)).toEqual([8, 14, 14, 26]);
    const r = gram(X);
    expect(Array.from(r.data)).toEqual([5, 11, 23, 11, 25, 51, 23, 51, 106]);
  });
});

describe("row reductions", () => {
  it("sums, maxima and log-sum-exp on a strided view; stable for large entries", () => {
    const a = Float64Array.of(9, 1, 2, 3, 9, -1, 5, 0.5, 9);
    expect(Array.from(rowSums(a, 2, 3, 1, 4))).toEqual([6, 4.5]);
    expect(Array.from(rowMax(a, 2, 3, 1, 4))).toEqual([3, 5]);
    const l = rowLogSumExp(Float64Array.of(1000, 1000, 1000, -Infinity, -Infinity, -Infinity), 2, 3);
    expect(l[0]).toBeCloseTo(1000 + Math.log(3), 12);
    expect(l[1]).toBe(-Infinity);
  });
  it("log-sum-exp property: lse(x + c) = lse(x) + c and lse >= max", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (xs, c) => {
          const a = Float64Array.from(xs);
          const b = a.map((v) => v + c);
          const la = rowLogSumExp(a, 1, a.length)[0];
          const lb = rowLogSumExp(b, 1, b.length)[0];
          return (
            Math.abs(lb - la - c) < 1e-9 * (1 + Math.abs(la) + Math.abs(c)) && la >= Math.max(...xs) - 1e-12
          );
        },
      ),
    );
  });
});

describe("gemm with float32 output", () => {
  it("rounds once at the end: equals Math.fround of the float64 result", () => {
    const m = 17;
    const n = 9;
    const k = 700;
    const a = randomArray(m * k, true, 1);
    const b = randomArray(k * n, true, 2);
    const c32 = new Float32Array(m * n);
    const c64 = new Float64Array(m * n);
    gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c32, 0, n);
    gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c64, 0, n);
    for (let q = 0; q < m * n; q++) expect(c32[q]).toBe(Math.fround(c64[q]));
  });
});
