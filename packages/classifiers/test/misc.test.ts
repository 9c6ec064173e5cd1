import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Random,
  accuracy,
  confusionMatrix,
  fisherRatio,
  takeLabels,
  takeRows,
  trainValidationSplit,
} from "../src/index.js";

describe("metrics", () => {
  it("accuracy and confusion matrix on a hand example", () => {
    const t = [0, 0, 1, 1, 2, 2, 2];
    const p = [0, 1, 1, 1, 2, 0, 2];
    expect(accuracy(t, p)).toBeCloseTo(5 / 7, 15);
    const { matrix, k } = confusionMatrix(t, p);
    expect(k).toBe(3);
    expect(Array.from(matrix)).toEqual([1, 1, 0, 0, 2, 0, 1, 0, 2]);
    expect(confusionMatrix(t, p, 4).matrix.length).toBe(16);
  });

  it("trace of the confusion matrix / n equals accuracy (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 1,
          maxLength: 50,
        }),
        (pairs) => {
          const t = pairs.map((q) => q[0]);
          const p = pairs.map((q) => q[1]);
          const { matrix, k } = confusionMatrix(t, p);
          let tr = 0;
          let sum = 0;
          for (let a = 0; a < k; a++) tr += matrix[a * k + a];
          for (const v of matrix) sum += v;
          expect(sum).toBe(t.length);
          expect(tr / t.length).toBeCloseTo(accuracy(t, p), 15);
        },
      ),
    );
  });
});

describe("Random and trainValidationSplit", () => {
  it("Random is @scatterkit/core's seeded generator (its sequence is tested there)", async () => {
    const core = await import("@scatterkit/core");
    expect(Random).toBe(core.Random);
    const perm = new Random(5).permutation(100);
    expect(Array.from(perm).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("split: disjoint, covering, sized round(f n), reproducible by seed (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (n, f, seed) => {
          const s = trainValidationSplit(n, { validationFraction: f, seed });
          const t = trainValidationSplit(n, { validationFraction: f, seed });
          expect(s.validation).toEqual(t.validation);
          expect(s.validation.length).toBe(Math.min(n - 1, Math.max(1, Math.round(f * n))));
          const all = [...s.train, ...s.validation].sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("stratified split keeps class proportions; takeRows / takeLabels gather", () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : i < 90 ? 1 : 2));
    const s = trainValidationSplit(100, { validationFraction: 0.2, seed: 3, stratify: y });
    const counts = [0, 0, 0];
    for (const i of s.validation) counts[y[i]]++;
    expect(counts).toEqual([14, 4, 2]);
    const X = { data: Float32Array.from({ length: 200 }, (_, i) => i), shape: [100, 2] };
    const Xv = takeRows(X, s.validation);
    expect(Xv.data).toBeInstanceOf(Float32Array);
    expect(Xv.shape).toEqual([20, 2]);
    expect(Array.from(Xv.data.subarray(0, 2))).toEqual([2 * s.validation[0], 2 * s.validation[0] + 1]);
    expect(Array.from(takeLabels(y, s.validation))).toEqual(Array.from(s.validation, (i) => y[i]));
  });
});

describe("fisherRatio", () => {
  it("hand example: between / within variance per feature and overall", () => {
    // feature 0: class 0 = {0, 2}, class 1 = {4, 6}: means 1, 5, overall 3
    //   between = (2*4 + 2*4)/4 = 4, within = (1+1+1+1)/4 = 1 -> 4
    // feature 1: constant 7 -> 0 / 0 -> 0
    const X = { data: Float64Array.from([0, 7, 2, 7, 4, 7, 6, 7]), shape: [4, 2] };
    const r = fisherRatio(X, [0, 0, 1, 1]);
    expect(Array.from(r.between)).toEqual([4, 0]);
    expect(Array.from(r.within)).toEqual([1, 0]);
    expect(Array.from(r.perFeature)).toEqual([4, 0]);
    expect(r.overall).toBe(4);
  });

  it("between + within = total population variance (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const rng = new Random(seed);
        const n = 30;
        const d = 3;
        const data = Float64Array.from({ length: n * d }, () => rng.normal() * 3 + 1);
        const y = Array.from({ length: n }, (_, i) => i % 3);
        const r = fisherRatio({ data, shape: [n, d] }, y);
        for (let j = 0; j < d; j++) {
          let m = 0;
          for (let i = 0; i < n; i++) m += data[i * d + j] / n;
          let v = 0;
          for (let i = 0; i < n; i++) v += (data[i * d + j] - m) ** 2 / n;
          expect(r.between[j] + r.within[j]).toBeCloseTo(v, 10);
        }
      }),
      { numRuns: 30 },
    );
  });
});
