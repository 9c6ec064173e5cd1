import { ParameterError, ShapeError } from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import { scatteringPadding1D } from "../src/padding1d";
import { Scattering1D } from "../src/scattering1d";

function noise(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

describe("Scattering1D API", () => {
  it("accepts any leading batch shape and equals the per-signal transform", () => {
    const S = new Scattering1D({ J: 4, shape: 200, Q: 2 });
    const x = noise(2 * 3 * 200, 1);
    const y = S.forward({ data: x, shape: [2, 3, 200] });
    expect(y.shape).toEqual([2, 3, S.nPaths, S.outputLength]);
    const one = S.forward({ data: x.slice(4 * 200, 5 * 200), shape: [200] });
    expect(one.shape).toEqual([S.nPaths, S.outputLength]);
    const block = S.nPaths * S.outputLength;
    expect(Array.from(y.data.subarray(4 * block, 5 * block))).toEqual(Array.from(one.data));
  });

  it("Float32Array in gives Float32Array out (the float64 result rounded); input untouched", () => {
    const S = new Scattering1D({ J: 5, shape: 333, Q: [4, 2], T: 20 });
    const x64 = noise(333, 2);
    const x32 = Float32Array.from(x64);
    const copy = Float32Array.from(x32);
    const y32 = S.forward({ data: x32, shape: [333] });
    const y64 = S.forward({ data: Float64Array.from(x32), shape: [333] });
    expect(y32.data).toBeInstanceOf(Float32Array);
    expect(Array.from(y32.data)).toEqual(Array.from(Float32Array.from(y64.data)));
    expect(x32).toEqual(copy);
  });

  it("handles lengths that are not powers of two (Kymatio's padding and border indices)", () => {
    // N = 1000, T = 64: support of phi 315 -> min pad 945 -> 2^min(12, floor(log2 2998) = 11) = 2048.
    const p = scatteringPadding1D(1000, 64, 6);
    expect(p).toEqual({
      nPadded: 2048,
      padLeft: 524,
      padRight: 524,
      indStart: [524, 262, 131, 66, 33, 17, 9],
      indEnd: [1524, 762, 381, 191, 96, 48, 24],
    });
    const S = new Scattering1D({ J: 6, shape: 1000, Q: 8 });
    const y = S.forward({ data: noise(1000, 3), shape: [1000] });
    expect(y.shape).toEqual([126, 15]);
    for (const v of y.data) expect(Number.isFinite(v)).toBe(true);
    // order-0 of a constant signal is that constant (phi has unit DC gain, reflect padding keeps it)
    const c = S.forward({ data: new Float64Array(1000).fill(2.5), shape: [1000] });
    for (let t = 0; t < 15; t++) expect(c.data[t]).toBeCloseTo(2.5, 12);
  });

  it("works for tiny and odd lengths, every valid J, T and Q (finite, non-empty output)", () => {
    for (const N of [2, 3, 5, 17, 63]) {
      for (let J = 0; 2 ** J <= N; J++) {
        for (const T of [undefined, "global" as const, 1]) {
          for (const Q of [1, [2, 2] as [number, number]]) {
            const S = new Scattering1D({ J, shape: N, Q, T });
            const x = Float64Array.from({ length: N }, (_, i) => Math.sin(i * 0.7) + 0.1 * i);
            const y = S.forward({ data: x, shape: [N] });
            expect(y.shape).toEqual([S.nPaths, T === "global" ? 1 : S.outputLength]);
            expect(y.data.length).toBeGreaterThan(0);
            for (const v of y.data) expect(Number.isFinite(v)).toBe(true);
          }
        }
      }
    }
  });

  it("stride sets the output sampling step (power of two <= T)", () => {
    const S = new Scattering1D({ J: 6, shape: 1024, Q: 1, stride: 8 });
    const Sd = new Scattering1D({ J: 6, shape: 1024, Q: 1 });
    expect(S.stride).toBe(8);
    expect(Sd.stride).toBe(64);
    const x = noise(1024, 4);
    const a = S.forward({ data: x, shape: [1024] });
    const b = Sd.forward({ data: x, shape: [1024] });
    expect(a.shape).toEqual([Sd.nPaths, 128]);
    expect(b.shape).toEqual([Sd.nPaths, 16]);
    // the stride-64 output is (up to aliasing of phi, which is tiny) every 8th stride-8 sample
    let num = 0;
    let den = 0;
    for (let p = 0; p < Sd.nPaths; p++) {
      for (let t = 0; t < 16; t++) {
        num = Math.max(num, Math.abs(a.data[p * 128 + 8 * t] - b.data[p * 16 + t]));
        den = Math.max(den, Math.abs(b.data[p * 16 + t]));
      }
    }
    expect(num / den).toBeLessThan(1e-3);
  });

  it("forwardPaths gives Kymatio's 'list' form: same values as forward's rows, with order/j/n", () => {
    const S = new Scattering1D({ J: 5, shape: 256, Q: 4 });
    const x = noise(2 * 256, 5);
    const y = S.forward({ data: x, shape: [2, 256] });
    const paths = S.forwardPaths({ data: x, shape: [2, 256] });
    const meta = S.meta();
    expect(paths.length).toBe(S.nPaths);
    const L = S.outputLength;
    paths.forEach((p, i) => {
      expect(p.order).toBe(meta.order[i]);
      expect(p.j).toEqual(meta.j[i]);
      expect(p.n).toEqual(meta.n[i]);
      expect(p.j.length).toBe(p.order);
      expect(p.coefficients.shape).toEqual([2, L]);
      for (let b = 0; b < 2; b++) {
        for (let t = 0; t < L; t++)
          expect(p.coefficients.data[b * L + t]).toBe(y.data[(b * S.nPaths + i) * L + t]);
      }
    });
    // path order: order 0, order 1 by n1, then (n1, n2) with j2 > j1
    for (let i = 1; i < meta.order.length; i++) {
      expect(meta.order[i]).toBeGreaterThanOrEqual(meta.order[i - 1]);
      if (meta.order[i] === 2) expect(meta.j[i][1]).toBeGreaterThan(meta.j[i][0]);
    }
  });

  it("maxOrder 1 gives the first rows of maxOrder 2", () => {
    const x = noise(512, 6);
    const S1 = new Scattering1D({ J: 5, shape: 512, Q: 4, maxOrder: 1 });
    const S2 = new Scattering1D({ J: 5, shape: 512, Q: 4 });
    const a = S1.forward({ data: x, shape: [512] });
    const b = S2.forward({ data: x, shape: [512] });
    expect(Array.from(a.data)).toEqual(Array.from(b.data.subarray(0, a.data.length)));
    expect(S1.meta().order.every((o) => o <= 1)).toBe(true);
  });

  it("throws errors naming the parameter, the value and what is allowed", () => {
    const mk = (o: Record<string, unknown>) => () => new Scattering1D({ J: 4, shape: 256, ...o } as never);
    // J = 9 > log2(256): Kymatio 0.4 computes it with a warning (see sizes.test.ts); J > 30 is refused
    expect(mk({ J: 31 })).toThrow(/Invalid J: got 31/);
    expect(mk({ J: -1 })).toThrow(ParameterError);
    expect(mk({ J: 2.5 })).toThrow(/Invalid J/);
    expect(mk({ shape: 1 })).toThrow(/Invalid shape: got 1/);
    expect(mk({ shape: [256, 2] })).toThrow(/Invalid shape/);
    expect(mk({ Q: 0 })).toThrow(/Invalid Q: got 0/);
    expect(mk({ Q: [8, 0] })).toThrow(/Invalid Q\[1\]/);
    expect(mk({ Q: "8" })).toThrow(/Invalid Q/);
    // Kymatio asserts that j1 < j2 implies xi1 > xi2; Q = (1, 8) at J = 4 violates it
    expect(mk({ Q: [1, 8] })).toThrow(/Invalid Q: got \[1, 8\]; expected .*filter-bank check/);
    expect(mk({ T: 0.5 })).toThrow(/Invalid T: got 0.5/);
    expect(mk({ T: 300 })).toThrow(/Invalid T: got 300; expected .*<= 256/);
    expect(mk({ T: "local" })).toThrow(/Invalid T/);
    expect(mk({ stride: 3 })).toThrow(/Invalid stride: got 3; expected a power of two in \[1, 16\]/);
    expect(mk({ stride: 32 })).toThrow(/Invalid stride/);
    expect(mk({ T: 20, stride: 20 })).toThrow(/Invalid stride: got 20/); // Kymatio: stride must be a power of two
    expect(mk({ T: "global", stride: 4 })).toThrow(/Invalid stride/);
    expect(mk({ maxOrder: 3 })).toThrow(/Invalid maxOrder: got 3; expected 1 or 2/);
    expect(() => new Scattering1D(null as never)).toThrow(/Invalid options/);
    const S = new Scattering1D({ J: 4, shape: 256 });
    expect(() => S.forward({ data: new Float64Array(255), shape: [255] })).toThrow(ShapeError);
    expect(() => S.forward({ data: new Float64Array(255), shape: [255] })).toThrow(
      /x\.shape.*\[\.\.\.batch, 256\]/,
    );
    expect(() => S.forward({ data: new Float64Array(0), shape: [0, 256] })).toThrow(/non-empty/);
    const bad = new Float64Array(256);
    bad[7] = Number.NaN;
    expect(() => S.forward({ data: bad, shape: [256] })).toThrow(/Invalid x\.data\[7\]: got NaN/);
    expect(() => S.forward({ data: [1, 2] as never, shape: [2] })).toThrow(/x\.data/);
    expect(() => S.forward({ data: new Float64Array(256), shape: [2, 256] })).toThrow(/x\.shape/);
  });
});
