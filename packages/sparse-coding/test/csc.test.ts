import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cbpdn, cscReconstruct, lassoCD } from "../src/index";
import { gauss } from "./helpers";

/** Dense matrix of x -> sum_m d_m * x_m (circular), rows = signal points, columns = (m, point). */
function denseOperator(D: Float64Array, M: number, fdims: number[], dims: number[]): Float64Array {
  const P = dims.reduce((a, b) => a * b, 1);
  const A = new Float64Array(P * M * P);
  const fs = fdims.reduce((a, b) => a * b, 1);
  for (let m = 0; m < M; m++) {
    for (let q = 0; q < fs; q++) {
      const fr = dims.length === 1 ? 0 : Math.floor(q / fdims[1]);
      const fc2 = dims.length === 1 ? q : q % fdims[1];
      for (let k = 0; k < P; k++) {
        // x_m[k] contributes d[q] to s[k + q] (circularly)
        const kr = dims.length === 1 ? 0 : Math.floor(k / dims[1]);
        const kc = dims.length === 1 ? k : k % dims[1];
        const H = dims.length === 1 ? 1 : dims[0];
        const W = dims.length === 1 ? dims[0] : dims[1];
        const n = ((kr + fr) % H) * W + ((kc + fc2) % W);
        A[n * (M * P) + m * P + k] += D[m * fs + q];
      }
    }
  }
  return A;
}

function randomCase(seed: number, M: number, fdims: number[], dims: number[]) {
  const g = gauss(seed);
  const fs = fdims.reduce((a, b) => a * b, 1);
  const P = dims.reduce((a, b) => a * b, 1);
  const D = new Float64Array(M * fs).map(() => g());
  const s = new Float64Array(P).map(() => g());
  return { D: { data: D, shape: [M, ...fdims] }, s: { data: s, shape: dims } };
}

describe("cscReconstruct", () => {
  it("equals the dense circular-convolution operator (1-D and 2-D)", () => {
    for (const [fdims, dims] of [
      [[3], [11]],
      [
        [2, 3],
        [5, 6],
      ],
    ] as const) {
      const { D } = randomCase(4, 2, [...fdims], [...dims]);
      const P = dims.reduce((a: number, b: number) => a * b, 1);
      const g = gauss(8);
      const x = new Float64Array(2 * P).map(() => g());
      const A = denseOperator(D.data, 2, [...fdims], [...dims]);
      const r = cscReconstruct(D, { data: x, shape: [2, ...dims] });
      for (let n = 0; n < P; n++) {
        let v = 0;
        for (let k = 0; k < 2 * P; k++) v += A[n * 2 * P + k] * x[k];
        expect(r.data[n]).toBeCloseTo(v, 12);
      }
    }
  });
});

describe("cbpdn (ADMM, Sherman-Morrison in the Fourier domain)", () => {
  it("reaches the objective of a slow dense Lasso solve of the same problem (fast-check, 1-D and 2-D)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        (seed, twoD, M, lambda) => {
          const fdims = twoD ? [2, 2] : [4];
          const dims = twoD ? [4, 5] : [16];
          const { D, s } = randomCase(seed, M, fdims, dims);
          const P = dims.reduce((a, b) => a * b, 1);
          // Fixed-rho ADMM converges linearly but slowly on some random cases (seed 192888, 1-D,
          // M = 3, lambda = 0.05 needs 15,503 iterations; at 5,000 its gap was 8.5e-5).
          const r = cbpdn(D, s, { lambda, tol: 1e-9, maxIter: 50000 });
          const A = denseOperator(D.data, M, fdims, dims);
          // (1/2)||Ax - s||^2 + lambda ||x||_1 = P * [ (1/(2P))||Ax - s||^2 + (lambda/P) ||x||_1 ]
          const ref = lassoCD({ data: A, shape: [P, M * P] }, s.data, { alpha: lambda / P });
          const Fstar = ref.objective * P;
          expect(r.objective).toBeGreaterThanOrEqual(Fstar - 1e-9 * Fstar);
          expect((r.objective - Fstar) / Fstar).toBeLessThan(1e-6);
          expect(r.x.shape).toEqual([M, ...dims]);
        },
      ),
      { numRuns: 12 },
    );
  });
  it("float32 in gives float32 out; non-negative maps; errors", () => {
    const { D, s } = randomCase(3, 2, [3], [12]);
    const r = cbpdn(
      D,
      { data: Float32Array.from(s.data), shape: s.shape },
      { lambda: 0.1, nonNegative: true },
    );
    expect(r.x.data).toBeInstanceOf(Float32Array);
    for (const v of r.x.data) expect(v).toBeGreaterThanOrEqual(0);
    expect(() => cbpdn(D, { data: new Float64Array(6), shape: [2, 3] }, { lambda: 0.1 })).toThrow(/D\.shape/);
    expect(() => cbpdn({ data: new Float64Array(40), shape: [2, 20] }, s, { lambda: 0.1 })).toThrow(
      /no larger than the signal/,
    );
    expect(() => cbpdn(D, s, { lambda: -1 })).toThrow(/Invalid lambda/);
    const Dz = { data: Float64Array.from(D.data), shape: D.shape };
    Dz.data.fill(0, 3, 6);
    expect(() => cbpdn(Dz, s, { lambda: 0.1 })).toThrow(/D filter 1/);
  });
});
