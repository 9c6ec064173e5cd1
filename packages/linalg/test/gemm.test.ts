import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gemm, getEngineName, matmul, setEngine } from "@scatterkit/linalg";
import { naiveGemm, randomArray } from "./helpers";

type Case = { m: number; n: number; k: number; tA: boolean; tB: boolean; f32: boolean; pad: number };

/** Runs gemm on a (possibly strided, offset) layout and returns max |got - want| / (k scale). */
function runCase({ m, n, k, tA, tB, f32, pad }: Case, alpha = 0.75, beta = -0.5, seed = 1) {
  const ar = tA ? k : m;
  const ac = tA ? m : k;
  const br = tB ? n : k;
  const bc = tB ? k : n;
  const lda = ac + pad;
  const ldb = bc + 2 * pad;
  const ldc = n + pad;
  const aOff = pad ? 3 : 0;
  const bOff = pad ? 5 : 0;
  const cOff = pad ? 2 : 0;
  const a = randomArray(aOff + Math.max(0, ar * lda), f32, seed);
  const b = randomArray(bOff + Math.max(0, br * ldb), f32, seed + 1);
  const c = randomArray(cOff + Math.max(0, m * ldc), f32, seed + 2);
  const c0 = c.slice();
  const want = naiveGemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c0, cOff, ldc);
  gemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  let err = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(c[cOff + i * ldc + j] - want[i * n + j]));
  }
  // entries outside the C view are untouched
  let outside = 0;
  for (let q = 0; q < c.length; q++) {
    const r = Math.floor((q - cOff) / ldc);
    const col = q - cOff - r * ldc;
    const inside = q >= cOff && r < m && col < n;
    if (!inside && c[q] !== c0[q]) outside++;
  }
  return { err, outside };
}

const engines = ["typescript", "auto"] as const;

describe.each(engines)("gemm against a naive triple loop (engine %s)", (engine) => {
  it("odd and edge shapes, all transposes, strided, float32 and float64", () => {
    setEngine(engine);
    const dims = [1, 7, 33];
    for (const f32 of [false, true]) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          for (const m of dims) {
            for (const n of dims) {
              for (const k of [1, 7, 33, 300]) {
                for (const pad of [0, 3]) {
                  const { err, outside } = runCase({ m, n, k, tA, tB, f32, pad });
                  // float64 sums of k products of values <= 0.5: rounding <= k * 2^-53 * k/4-ish;
                  // float32 C adds one float32 rounding of a value of size <= k/4 + 1
                  const tol = f32 ? 2 ** -23 * (k / 4 + 1) * 2 : 1e-13 * k;
                  expect(err, `m=${m} n=${n} k=${k} tA=${tA} tB=${tB} f32=${f32} pad=${pad}`).toBeLessThan(
                    tol,
                  );
                  expect(outside).toBe(0);
                }
              }
            }
          }
        }
      }
    }
  });

  it("1000 x 1000 x 1000 and 1000-sized edges", () => {
    setEngine(engine);
    for (const [m, n, k] of [
      [1000, 1000, 1000],
      [1000, 1, 1000],
      [1, 1000, 1000],
      [1000, 7, 33],
    ]) {
      const { err } = runCase(
        { m, n, k, tA: m === 1000 && n === 1000, tB: k === 1000, f32: false, pad: 1 },
        1,
        0,
      );
      expect(err, `${m}x${n}x${k}`).toBeLessThan(1e-12);
    }
    const { err } = runCase({ m: 1000, n: 33, k: 1000, tA: true, tB: false, f32: true, pad: 0 }, 1, 1);
    expect(err).toBeLessThan(1e-3);
  });

  it("alpha = 0 or k = 0 scales C by beta; beta = 0 ignores NaN in C", () => {
    setEngine(engine);
    const a = Float64Array.of(1, 2, 3, 4);
    const c = Float64Array.of(1, 2, 3, 4);
    gemm(false, false, 2, 2, 0, 1, a, 0, 1, a, 0, 2, 2, c, 0, 2);
    expect(Array.from(c)).toEqual([2, 4, 6, 8]);
    gemm(false, false, 2, 2, 2, 0, a, 0, 2, a, 0, 2, 0.5, c, 0, 2);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
    const d = Float64Array.of(Number.NaN, Number.NaN, Number.NaN, Number.NaN);
    gemm(false, false, 2, 2, 2, 1, a, 0, 2, a, 0, 2, 0, d, 0, 2);
    expect(Array.from(d)).toEqual([7, 10, 15, 22]);
  });
});

describe("engines", () => {
  it("the WebAssembly and TypeScript engines give the same bits", () => {
    const run = (engine: "typescript" | "auto") => {
      setEngine(engine);
      const a = randomArray(129 * 301, false, 7);
      const b = randomArray(301 * 67, true, 8);
      const c = randomArray(129 * 67, false, 9);
      gemm(false, false, 129, 67, 301, 1.25, a, 0, 301, b, 0, 67, 0.5, c, 0, 67);
      return c;
    };
    const ts = run("typescript");
    const auto = run("auto");
    expect(Array.from(auto)).toEqual(Array.from(ts));
    setEngine("auto");
    expect(["wasm-simd", "typescript"]).toContain(getEngineName());
  });
});

describe("float32 C", () => {
  it("equals the float64 product (same inputs) rounded to float32, bit for bit, for k <= 256 and k > 256", () => {
    for (const engine of engines) {
      setEngine(engine);
      for (const k of [1, 49, 256, 257, 833]) {
        for (const beta of [0, 1, -0.5]) {
          for (const [tA, tB] of [
            [false, true],
            [true, false],
          ] as const) {
            const m = 101;
            const n = 67;
            const a = randomArray(m * k, true, k);
            const b = randomArray(k * n, true, k + 1);
            if (k === 49) a.fill(0, 0, k * 4); // zero rows: sums of signed zeros
            const c32 = randomArray(m * n, true, k + 2);
            const c64 = Float64Array.from(c32);
            gemm(tA, tB, m, n, k, -1.5, a, 0, tA ? m : k, b, 0, tB ? k : n, beta, c32, 0, n);
            gemm(tA, tB, m, n, k, -1.5, a, 0, tA ? m : k, b, 0, tB ? k : n, beta, c64, 0, n);
            expect(Array.from(c32), `k=${k} beta=${beta} engine=${engine}`).toEqual(
              Array.from(Float32Array.from(c64)),
            );
          }
        }
      }
    }
    setEngine("auto");
  });
});

describe("gemm properties (fast-check)", () => {
  it("(A B)^T = B^T A^T and matches the naive loop for random shapes", () => {
    setEngine("auto");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (m, n, k, tA, tB, seed) => {
          const A = { data: randomArray(m * k, false, seed), shape: tA ? [k, m] : [m, k] };
          const B = { data: randomArray(k * n, false, seed + 1), shape: tB ? [n, k] : [k, n] };
          const C = matmul(A, B, { transA: tA, transB: tB });
          // transpose identity: C^T = op(B)^T op(A)^T
          const Ct = matmul(B, A, { transA: !tB, transB: !tA });
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              if (Math.abs(C.data[i * n + j] - Ct.data[j * m + i]) > 1e-12 * k) return false;
            }
          }
          const want = naiveGemm(
            tA,
            tB,
            m,
            n,
            k,
            1,
            A.data,
            0,
            A.shape[1],
            B.data,
            0,
            B.shape[1],
            0,
            C.data,
            0,
            n,
          );
          for (let q = 0; q < want.length; q++) if (Math.abs(C.data[q] - want[q]) > 1e-12 * k) return false;
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });

  it("linearity: op(A)(B1 + B2) = op(A) B1 + op(A) B2 (up to rounding)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer(),
        (m, n, k, seed) => {
          const a = randomArray(m * k, false, seed);
          const b1 = randomArray(k * n, false, seed + 1);
          const b2 = randomArray(k * n, false, seed + 2);
          const bs = b1.map((v, i) => v + b2[i]);
          const c = new Float64Array(m * n);
          const cs = new Float64Array(m * n);
          gemm(false, false, m, n, k, 1, a, 0, k, b1, 0, n, 0, c, 0, n);
          gemm(false, false, m, n, k, 1, a, 0, k, b2, 0, n, 1, c, 0, n);
          gemm(false, false, m, n, k, 1, a, 0, k, bs, 0, n, 0, cs, 0, n);
          for (let q = 0; q < c.length; q++) if (Math.abs(c[q] - cs[q]) > 1e-13 * k) return false;
          return true;
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("gemm argument checks", () => {
  const a = new Float64Array(6);
  it("names the parameter, the value and what is allowed", () => {
    expect(() => gemm(false, false, -1, 2, 3, 1, a, 0, 3, a, 0, 2, 0, a, 0, 2)).toThrow(
      /Invalid m: got -1; expected an integer >= 0/,
    );
    expect(() => gemm(false, false, 2, 2, 3, 1, a, 0, 2, a, 0, 2, 0, a, 0, 2)).toThrow(/Invalid lda: got 2/);
    expect(() => gemm(false, false, 2, 2, 3, 1, a, 0, 3, a, 1, 2, 0, a, 0, 2)).toThrow(
      /Invalid B: .*at least 7 entries/,
    );
    expect(() => gemm(false, false, 2, 2, 3, Number.NaN, a, 0, 3, a, 0, 2, 0, a, 0, 2)).toThrow(
      /Invalid alpha/,
    );
    expect(() =>
      gemm(false, false, 1, 1, 1, 1, [1] as unknown as Float64Array, 0, 1, a, 0, 1, 0, a, 0, 1),
    ).toThrow(/Invalid A: got \[1\]; expected a Float32Array or a Float64Array/);
    expect(() => matmul({ data: a, shape: [2, 3] }, { data: a, shape: [2, 3] })).toThrow(/Invalid B.shape/);
  });
});
