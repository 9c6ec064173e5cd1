// fitAsync's L-BFGS correction pairs live in shared memory whose pages worker 0 faults in
// while the calling thread runs the solver: the coefficients must not depend on which thread
// touched a pair first (no lost writes), i.e. repeated fits give the same bits as fit's route
// with the same split.
import { describe, expect, it } from "vitest";
import { LogisticRegression } from "../src/index.js";
import { blobs, maxAbs, maxAbsDiff } from "./helpers.js";

describe("LogisticRegression.fitAsync with the solver's pairs faulted in by a worker", () => {
  it("gives identical coefficients on repeated fits (float32 and float64 X) and fit's optimum", async () => {
    const { X, y, n, d } = blobs(4, 3, 120, 40, 0.3);
    for (const f32 of [false, true]) {
      const data = f32 ? Float32Array.from(X.data) : X.data;
      const T = { data, shape: [n, d] };
      const runs: Float64Array[] = [];
      for (let r = 0; r < 3; r++) {
        const m = await new LogisticRegression({ maxIter: 60, memory: 20 }).fitAsync(T, y, { workers: 2 });
        expect(m.nIter).toBeGreaterThan(20); // more iterations than pairs: every pair written, then reused
        runs.push(Float64Array.from(m.coef.data));
      }
      expect(Array.from(runs[1])).toEqual(Array.from(runs[0]));
      expect(Array.from(runs[2])).toEqual(Array.from(runs[0]));
      const full = await new LogisticRegression({ maxIter: 2000, memory: 20 }).fitAsync(T, y, { workers: 2 });
      const ref = new LogisticRegression({ maxIter: 2000, memory: 20, products: "float64" }).fit(T, y);
      expect(maxAbsDiff(full.coef.data, ref.coef.data) / maxAbs(ref.coef.data)).toBeLessThan(1e-6);
    }
  });
});
