import { afterEach, describe, expect, it } from "vitest";
import { LogisticRegression } from "../src/index.js";
import { blobs, fixture, maxAbs, maxAbsDiff, tensor } from "./helpers.js";

describe("LogisticRegression.fitAsync (worker threads)", () => {
  it("gives the same optimum as fit on the digits case, Float64 and Float32 X", async () => {
    const J = fixture("logistic_regression_digits_C1.json");
    for (const f32 of [false, true]) {
      const X = tensor(J.input.XTrain, f32);
      const a = new LogisticRegression({ maxIter: 1000 }).fit(X, J.input.yTrain.data);
      const b = await new LogisticRegression({ maxIter: 1000 }).fitAsync(X, J.input.yTrain.data, {
        workers: 3,
      });
      expect(b.stopReason).toBe("gtol");
      expect(maxAbsDiff(a.coef.data, b.coef.data) / maxAbs(a.coef.data)).toBeLessThan(1e-7);
      expect(
        maxAbsDiff(b.coef.data, J.output.coefOptimum.data) / maxAbs(J.output.coefOptimum.data),
      ).toBeLessThan(1e-7);
      expect(Array.from(b.predict(tensor(J.input.XTest, f32)))).toEqual(J.output.testPredictions.data);
    }
  });

  it("shares X without copying when it lives on a SharedArrayBuffer; tiny inputs fall back to fit", async () => {
    const { X, y, n, d } = blobs(3, 4, 50, 6, 1);
    const shared = new Float64Array(new SharedArrayBuffer(n * d * 8));
    shared.set(X.data);
    const a = new LogisticRegression({ maxIter: 1000 }).fit(X, y);
    const b = await new LogisticRegression({ maxIter: 1000 }).fitAsync({ data: shared, shape: [n, d] }, y);
    expect(maxAbsDiff(a.coef.data, b.coef.data)).toBeLessThan(1e-7);
    const small = blobs(4, 2, 3, 2, 1);
    const c = await new LogisticRegression().fitAsync(small.X, small.y, { workers: 4 });
    const e = new LogisticRegression().fit(small.X, small.y);
    expect(Array.from(c.coef.data)).toEqual(Array.from(e.coef.data));
    await expect(new LogisticRegression().fitAsync(X, y, { workers: 0 })).rejects.toThrow(/Invalid workers/);
  });

  it("runs on core's worker pool: 3 workers = the calling thread + 2 pool workers, fit's optimum", async () => {
    const events: { event: string; className?: string; workers?: number }[] = [];
    (globalThis as { __scatterkitPoolTrace?: unknown }).__scatterkitPoolTrace = (e: (typeof events)[0]) =>
      events.push(e);
    const { X, y } = blobs(3, 5, 60, 7, 2);
    const a = new LogisticRegression({ maxIter: 1000 }).fit(X, y);
    const b = await new LogisticRegression({ maxIter: 1000 }).fitAsync(X, y, { workers: 3 });
    expect(events).toEqual([
      { event: "start", className: "LogisticRegression.fitAsync", workers: 2, platform: "node" },
    ]);
    expect(maxAbsDiff(a.coef.data, b.coef.data) / maxAbs(a.coef.data)).toBeLessThan(1e-7);
  });
});

afterEach(() => {
  (globalThis as { __scatterkitPoolTrace?: unknown }).__scatterkitPoolTrace = undefined;
});
