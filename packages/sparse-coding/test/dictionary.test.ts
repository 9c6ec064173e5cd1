import { describe, expect, it } from "vitest";
import { dictionaryLearning } from "../src/index";
import { gauss } from "./helpers";

describe("online dictionary learning (Mairal et al. 2009)", () => {
  it("recovers a planted dictionary from sparse combinations, with unit-norm atoms and a falling objective", () => {
    const m = 20;
    const k = 24;
    const N = 1500;
    const g = gauss(42);
    const Dt = new Float64Array(m * k).map(() => g());
    for (let j = 0; j < k; j++) {
      let e = 0;
      for (let i = 0; i < m; i++) e += Dt[i * k + j] ** 2;
      for (let i = 0; i < m; i++) Dt[i * k + j] /= Math.sqrt(e);
    }
    const X = new Float64Array(N * m);
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let s = 0; s < N; s++) {
      for (let t = 0; t < 3; t++) {
        const j = Math.floor(next() * k);
        const c = (next() < 0.5 ? -1 : 1) * (1 + next());
        for (let i = 0; i < m; i++) X[s * m + i] += c * Dt[i * k + j];
      }
    }
    const r = dictionaryLearning({ data: X, shape: [N, m] }, { nAtoms: k, lambda: 0.2, epochs: 6, seed: 3 });
    const D = r.dictionary.data;
    expect(r.dictionary.shape).toEqual([m, k]);
    for (let j = 0; j < k; j++) {
      let e = 0;
      for (let i = 0; i < m; i++) e += D[i * k + j] ** 2;
      expect(e).toBeCloseTo(1, 10);
    }
    let found = 0;
    for (let a = 0; a < k; a++) {
      let best = 0;
      for (let b = 0; b < k; b++) {
        let c = 0;
        for (let i = 0; i < m; i++) c += Dt[i * k + a] * D[i * k + b];
        best = Math.max(best, Math.abs(c));
      }
      if (best > 0.9) found++;
    }
    // 18 of 24 with seed 3; seeds 1..6 give 18-22 (a random dictionary gives ~0). With the
    // former sparse-coding generator the same experiment gave 17-23 over seeds 1..12.
    expect(found).toBeGreaterThanOrEqual(18);
    const h = r.objectivePerEpoch;
    expect(h[h.length - 1]).toBeLessThan(h[0]);
  });
  it("checks its arguments", () => {
    const X = { data: new Float64Array(20), shape: [5, 4] };
    expect(() => dictionaryLearning(X, { nAtoms: 0, lambda: 0.1 })).toThrow(/nAtoms/);
    expect(() => dictionaryLearning(X, { nAtoms: 3, lambda: -1 })).toThrow(/lambda/);
    expect(() =>
      dictionaryLearning(X, { nAtoms: 3, lambda: 0.1, init: { data: new Float64Array(6), shape: [2, 3] } }),
    ).toThrow(/init\.shape/);
  });
});
