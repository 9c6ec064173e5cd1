import { describe, expect, it } from "vitest";
import { PackedRows, setEngine } from "@scatterkit/linalg";
import { randomArray } from "./helpers";

function naiveScores(
  x: ArrayLike<number>,
  n: number,
  d: number,
  w: Float64Array,
  l: number,
  b: Float64Array,
) {
  const z = new Float64Array(n * l);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < l; c++) {
      let s = b[c];
      for (let j = 0; j < d; j++) s += x[i * d + j] * w[c * d + j];
      z[i * l + c] = s;
    }
  return z;
}
function naiveRtX(x: ArrayLike<number>, n: number, d: number, r: Float64Array, l: number) {
  const g = new Float64Array(l * d);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < l; c++) for (let j = 0; j < d; j++) g[c * d + j] += r[i * l + c] * x[i * d + j];
  return g;
}

describe.each(["typescript", "auto"] as const)("PackedRows (engine %s)", (engine) => {
  it("scores, transposeTimes and the fused pass match naive loops on odd shapes", () => {
    setEngine(engine);
    for (const [f32, products] of [
      [false, "float64"],
      [true, "float64"],
      [true, "float32"],
    ] as const) {
      // float32 products: each x fl32(w) with relative error <= 2^-23, at most 8 summed in
      // float32 (scores; 4 in the transposed product) before float64 accumulation
      const single = products === "float32";
      for (const [n, d, l] of [
        [1, 1, 1],
        [7, 33, 3],
        [33, 7, 10],
        [101, 300, 10],
      ]) {
        const x = randomArray(n * d, f32, n + d);
        const P = new PackedRows({ data: x, shape: [n, d] }, { products });
        expect(P.products).toBe(products);
        expect(P.engine).toBe(engine === "typescript" ? "typescript" : "wasm-simd");
        const w = randomArray(l * d, false, 3) as Float64Array;
        const b = randomArray(l, false, 4) as Float64Array;
        const z = P.scores(w, l, b);
        const zw = naiveScores(x, n, d, w, l, b);
        const zAbs = naiveScores(x.map(Math.abs), n, d, w.map(Math.abs), l, new Float64Array(l));
        for (let q = 0; q < z.length; q++)
          expect(Math.abs(z[q] - zw[q])).toBeLessThan(single ? 2 ** -20 * zAbs[q] + 1e-13 : 1e-13 * d);
        const r = randomArray(n * l, false, 5) as Float64Array;
        const g = P.transposeTimes(r, l);
        const gw = naiveRtX(x, n, d, r, l);
        const gAbs = naiveRtX(x.map(Math.abs), n, d, r.map(Math.abs), l);
        for (let q = 0; q < g.length; q++)
          expect(Math.abs(g[q] - gw[q])).toBeLessThan(single ? 2 ** -20 * gAbs[q] + 1e-13 : 1e-13 * n);
        // fused pass: r = 2 z (so G = 2 Z^T X) and the returned total = sum z
        const grad = new Float64Array(l * d);
        const total = P.pass(
          w,
          l,
          b,
          (zb, rb, row0, rows, lp) => {
            let s = 0;
            for (let q = 0; q < rows; q++)
              for (let c = 0; c < l; c++) {
                expect(zb[q * lp + c]).toBe(z[(row0 + q) * l + c]);
                rb[q * lp + c] = 2 * zb[q * lp + c];
                s += zb[q * lp + c];
              }
            return s;
          },
          grad,
        );
        const g2 = naiveRtX(
          x,
          n,
          d,
          z.map((v) => 2 * v),
          l,
        );
        const g2Abs = naiveRtX(
          x.map(Math.abs),
          n,
          d,
          z.map((v) => 2 * Math.abs(v)),
          l,
        );
        for (let q = 0; q < grad.length; q++)
          expect(Math.abs(grad[q] - g2[q])).toBeLessThan(
            single ? 2 ** -20 * g2Abs[q] + 1e-12 : 1e-12 * n * d,
          );
        const zAbsSum = zAbs.reduce((a, v) => a + v, 0);
        expect(Math.abs(total - zw.reduce((a, v) => a + v, 0))).toBeLessThan(
          single ? 2 ** -20 * zAbsSum + 1e-9 * n * l : 1e-9 * n * l,
        );
      }
    }
  });
});

describe("PackedRows engines", () => {
  it("WebAssembly and TypeScript give the same bits", () => {
    const x = randomArray(77 * 301, true, 9);
    const w = randomArray(10 * 301, false, 10) as Float64Array;
    const run = (e: "typescript" | "auto") => {
      setEngine(e);
      const P = new PackedRows({ data: x, shape: [77, 301] });
      const grad = new Float64Array(10 * 301);
      const z = P.scores(w, 10, null);
      P.pass(
        w,
        10,
        null,
        (zb, rb, _r, rows, lp) => {
          for (let q = 0; q < rows * lp; q++) rb[q] = Math.tanh(zb[q]);
          return 0;
        },
        grad,
      );
      return [...z, ...grad];
    };
    expect(run("auto")).toEqual(run("typescript"));
    setEngine("auto");
  });
  it("checks its arguments", () => {
    expect(() => new PackedRows({ data: new Float64Array(6), shape: [2, 2] })).toThrow(/Invalid X.shape/);
    const P = new PackedRows({ data: new Float64Array(6), shape: [2, 3] });
    expect(() => P.scores(new Float64Array(5), 2)).toThrow(/Invalid W: .*at least 6 entries/);
    expect(
      () => new PackedRows({ data: new Float32Array(6), shape: [2, 3] }, { products: "half" as never }),
    ).toThrow(/Invalid products: .*"float32" or "float64"/);
  });
});
