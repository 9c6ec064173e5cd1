import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParameterError, Random } from "../src/index";

describe("Random (xoshiro128** seeded by SplitMix32)", () => {
  it("seed 1 gives the reference xoshiro128** outputs (computed independently in Python)", () => {
    const r = new Random(1);
    expect(Array.from({ length: 5 }, () => r.nextUint32())).toEqual([
      2442144158, 3238099751, 3819917871, 2104621829, 2021136066,
    ]);
  });

  it("next() joins 27 + 26 bits of two outputs into [0, 1)", () => {
    const a = new Random(1);
    const b = new Random(1);
    const want = ((b.nextUint32() >>> 5) * 2 ** 26 + (b.nextUint32() >>> 6)) / 2 ** 53;
    expect(a.next()).toBe(want);
    expect(want).toBeCloseTo(2442144158 / 2 ** 32, 7);
  });

  it("is reproducible by seed, differs between seeds, and seeds are taken modulo 2^32", () => {
    const draw = (s: number) => {
      const r = new Random(s);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(-1)).toEqual(draw(2 ** 32 - 1));
  });

  it("normal() has mean ~0 and variance ~1; uniform next() has mean ~1/2", () => {
    const r = new Random(1);
    let m = 0;
    let v = 0;
    let u = 0;
    const N = 20000;
    for (let i = 0; i < N; i++) {
      const g = r.normal();
      m += g;
      v += g * g;
      u += r.next();
    }
    expect(Math.abs(m / N)).toBeLessThan(0.03);
    expect(Math.abs(v / N - 1)).toBeLessThan(0.04);
    expect(Math.abs(u / N - 0.5)).toBeLessThan(0.01);
  });

  it("nextInt(n) stays in [0, n) and permutation(n) is a permutation (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 200 }), (seed, n) => {
        const r = new Random(seed);
        for (let i = 0; i < 20; i++) {
          const k = r.nextInt(n);
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        }
        const p = Array.from(r.permutation(n)).sort((x, y) => x - y);
        expect(p).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  it("refuses a non-integer seed and a bad n with ParameterError", () => {
    expect(() => new Random(1.5)).toThrow(ParameterError);
    expect(() => new Random(1.5)).toThrow("Invalid seed: got 1.5; expected an integer.");
    expect(() => new Random(1).nextInt(0)).toThrow(/Invalid n: got 0/);
    expect(() => new Random(1).permutation(-1)).toThrow(ParameterError);
  });

  it("getState / setState resume a stream exactly (normal's cached variate included)", () => {
    const a = new Random(9);
    a.normal(); // leaves a cached second variate
    const saved = a.getState();
    expect(saved.spare).not.toBeNull();
    const want = [a.normal(), a.next(), a.nextUint32(), a.normal()];
    const b = new Random(0).setState(saved);
    expect([b.normal(), b.next(), b.nextUint32(), b.normal()]).toEqual(want);
    const json = JSON.parse(JSON.stringify(saved));
    const c = new Random(0).setState(json);
    expect([c.normal(), c.next(), c.nextUint32(), c.normal()]).toEqual(want);
    expect(() => new Random(0).setState({ words: [0, 0, 0, 0], spare: null })).toThrow(ParameterError);
    expect(() => new Random(0).setState({ words: [1, 2, 3] as never, spare: null })).toThrow(/state\.words/);
    expect(() => new Random(0).setState({ words: [1, 2, 3, 4], spare: Number.NaN })).toThrow(/state\.spare/);
  });
});
