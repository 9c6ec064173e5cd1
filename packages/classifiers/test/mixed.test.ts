// Mixed precision of LogisticRegression on Float32Array X: float32 products while the
// gradient is large, float64 products to the end (products "auto", the default).
import { describe, expect, it } from "vitest";
import { LogisticRegression } from "../src/index.js";
import { fixture, maxAbs, maxAbsDiff, tensor } from "./helpers.js";

describe("LogisticRegression products", () => {
  const J = fixture("logistic_regression_digits_C1.json");
  const ytr = J.input.yTrain.data as number[];
  const refCoef = J.output.coefOptimum.data as number[];

  it('"auto" on float32 X switches to float64 products and reaches the float64 optimum', () => {
    const X32 = tensor(J.input.XTrain, true);
    const a = new LogisticRegression({ maxIter: 1000 }).fit(X32, ytr);
    expect(a.stopReason).toBe("gtol");
    expect(a.refinedAt).toBeGreaterThan(0);
    expect(a.refinedAt).toBeLessThan(a.nIter);
    const b = new LogisticRegression({ maxIter: 1000, products: "float64" }).fit(X32, ytr);
    expect(b.refinedAt).toBe(-1);
    expect(b.stopReason).toBe("gtol");
    // both at the optimum of the same float64 objective (scikit-learn's, to 1e-7)
    expect(maxAbsDiff(a.coef.data, refCoef) / maxAbs(refCoef)).toBeLessThan(1e-7);
    expect(maxAbsDiff(a.coef.data, b.coef.data) / maxAbs(b.coef.data)).toBeLessThan(1e-7);
  });

  it("float64 X never switches (its products are float64 already)", () => {
    const m = new LogisticRegression({ maxIter: 1000 }).fit(tensor(J.input.XTrain), ytr);
    expect(m.refinedAt).toBe(-1);
    expect(m.stopReason).toBe("gtol");
  });

  it("rejects an unknown products value, naming it", () => {
    expect(() => new LogisticRegression({ products: "float16" as never })).toThrow(
      /products.*float16.*"auto" or "float64"/,
    );
  });
});
