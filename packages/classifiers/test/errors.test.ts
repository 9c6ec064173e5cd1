import * as core from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import {
  AffineSpaceClassifier,
  ClassifierError,
  LinearSVC,
  LogisticRegression,
  NotFittedError,
  PCA,
  ParameterError,
  ShapeError,
  StandardScaler,
  accuracy,
  fisherRatio,
  trainValidationSplit,
} from "../src/index.js";

const X = { data: Float64Array.from([0, 1, 1, 0, 2, 2, 3, 1]), shape: [4, 2] };
const y = [0, 1, 0, 1];
const models = () => [new LogisticRegression(), new LinearSVC(), new AffineSpaceClassifier({ dim: 1 })];

describe("argument errors name the parameter, the value and what is allowed", () => {
  it("mismatched X / y lengths", () => {
    for (const m of models()) {
      expect(() => m.fit(X, [0, 1, 0])).toThrow(ShapeError);
      expect(() => m.fit(X, [0, 1, 0])).toThrow(
        "Invalid y.length: got 3; expected 4 (one label per row of X).",
      );
    }
  });

  it("labels outside 0..k-1 (negative, fractional, missing class)", () => {
    for (const m of models()) {
      expect(() => m.fit(X, [0, 1, -1, 1])).toThrow(
        "Invalid y[2]: got -1; expected an integer label >= 0 (labels are 0..k-1).",
      );
      expect(() => m.fit(X, [0, 1, 0.5, 1])).toThrow(ParameterError);
      expect(() => m.fit(X, [0, 2, 0, 2])).toThrow(/every class 0\.\.2 present/);
    }
  });

  it("one class only", () => {
    for (const m of models()) expect(() => m.fit(X, [0, 0, 0, 0])).toThrow(/at least two distinct classes/);
    expect(() => fisherRatio(X, [1, 1, 1, 1])).toThrow(/at least two distinct classes/);
  });

  it("NaN / Infinity features", () => {
    const bad = { data: Float64Array.from([0, 1, Number.NaN, 0, 2, 2, 3, 1]), shape: [4, 2] };
    const inf = { data: Float32Array.from([0, 1, 1, 0, 2, Number.POSITIVE_INFINITY, 3, 1]), shape: [4, 2] };
    for (const m of models()) {
      expect(() => m.fit(bad, y)).toThrow(
        "Invalid X.data[1, 0]: got NaN; expected finite values only (no NaN or Infinity).",
      );
      expect(() => m.fit(inf, y)).toThrow("Invalid X.data[2, 1]: got Infinity");
    }
    expect(() => new StandardScaler().fit(bad)).toThrow(ParameterError);
    expect(() => new PCA({ nComponents: 1 }).fit(inf)).toThrow(ParameterError);
  });

  it("predict / transform before fit", () => {
    expect(() => new LogisticRegression().predict(X)).toThrow(NotFittedError);
    expect(() => new LogisticRegression().predictProba(X)).toThrow("LogisticRegression is not fitted");
    expect(() => new LinearSVC().decisionFunction(X)).toThrow(NotFittedError);
    expect(() => new AffineSpaceClassifier({ dim: 1 }).predict(X)).toThrow(NotFittedError);
    expect(() => new PCA({ nComponents: 1 }).transform(X)).toThrow(NotFittedError);
    expect(() => new StandardScaler().transform(X)).toThrow(NotFittedError);
  });

  it("wrong shapes, wrong types, bad options", () => {
    expect(() =>
      new LogisticRegression().fit({ data: [1, 2] as unknown as Float64Array, shape: [1, 2] }, [0]),
    ).toThrow("Invalid X.data: got [1, 2]; expected a Float32Array or a Float64Array.");
    expect(() => new LogisticRegression().fit({ data: new Float64Array(6), shape: [2, 2] }, [0, 1])).toThrow(
      "Invalid X.shape: got [2, 2]; expected a shape whose product equals data.length (6).",
    );
    expect(() => new LogisticRegression().fit({ data: new Float64Array(6), shape: [6] }, [0, 1])).toThrow(
      ShapeError,
    );
    const m = new LogisticRegression().fit(X, y);
    expect(() => m.predict({ data: new Float64Array(3), shape: [1, 3] })).toThrow(
      "Invalid X.shape[1]: got 3; expected 2 (features seen in fit).",
    );
    expect(() => new LogisticRegression({ C: 0 })).toThrow("Invalid C: got 0; expected a finite number > 0.");
    expect(() => new LogisticRegression({ maxIter: 1.5 })).toThrow(
      "Invalid maxIter: got 1.5; expected an integer >= 1.",
    );
    expect(() => new LogisticRegression({ tol: -1 })).toThrow(ParameterError);
    expect(() => new PCA({ nComponents: 3 }).fit(X)).toThrow(
      "Invalid nComponents: got 3; expected an integer in [1, 2] (min(n, d)).",
    );
    expect(() => new PCA({ nComponents: 0 })).toThrow(ParameterError);
    expect(() => new PCA({ nComponents: 1, svdSolver: "arpack" as "full" })).toThrow(/svdSolver/);
    expect(() => new PCA({ nComponents: 1 }).fit({ data: new Float64Array(2), shape: [1, 2] })).toThrow(
      /at least 2 sample/,
    );
    expect(() => new AffineSpaceClassifier({ dim: -1 })).toThrow(ParameterError);
    expect(() => accuracy([0, 1], [0])).toThrow(ShapeError);
    expect(() => trainValidationSplit(10, { validationFraction: 1 })).toThrow(/validationFraction/);
    expect(() => trainValidationSplit(1)).toThrow(/Invalid n/);
  });

  it("every error is @scatterkit/core's (one hierarchy): instanceof core's classes holds", () => {
    expect(ParameterError).toBe(core.ParameterError);
    expect(ShapeError).toBe(core.ShapeError);
    expect(NotFittedError).toBe(core.NotFittedError);
    expect(ClassifierError).toBe(core.ScatterkitError);
    const thrown = [
      () => new PCA({ nComponents: 0 }),
      () => new LogisticRegression({ C: -1 }),
      () => new LinearSVC({ seed: 0.5 }),
      () => new LogisticRegression().fit(X, [0, 1, 0]),
      () => new StandardScaler().transform(X),
      () => trainValidationSplit(1),
    ];
    for (const f of thrown) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(core.ScatterkitError);
      expect(err).toBeInstanceOf(ClassifierError);
    }
    expect(() => new PCA({ nComponents: 0 })).toThrow(core.ParameterError);
    expect(() => new LogisticRegression().fit(X, [0, 1, 0])).toThrow(core.ShapeError);
    expect(() => new StandardScaler().transform(X)).toThrow(core.NotFittedError);
  });
});
