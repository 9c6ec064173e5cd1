import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fista,
  ista,
  istc,
  lasso,
  lassoCD,
  lassoDualGap,
  lassoKKTViolation,
  lassoObjective,
  omp,
} from "../src/index";
import { alphaMax, gauss, maxAbsDiff, problem } from "./helpers";

describe("lasso: KKT conditions at the returned solution (fast-check)", () => {
  it("holds for random problems, plain and non-negative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 4, max: 30 }),
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 0.02, max: 1.2, noNaN: true }),
        fc.boolean(),
        (seed, n, p, frac, positive) => {
          const { X, y } = problem(seed, n, p);
          const alpha = frac * alphaMax(X, y);
          const w = lasso(X, y, { alpha, positive });
          if (positive) for (const v of w) expect(v).toBeGreaterThanOrEqual(0);
          expect(lassoKKTViolation(X, y, w, alpha, positive)).toBeLessThan(1e-7 * Math.max(1, alpha));
          expect(lassoDualGap(X, y, w, alpha, positive)).toBeLessThan(1e-9);
          if (frac >= 1) for (const v of w) expect(v).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
  it("all-zero columns get a zero coefficient, not a NaN", () => {
    const { X, y } = problem(5, 20, 6);
    for (let i = 0; i < 20; i++) X.data[i * 6 + 2] = 0;
    const w = lasso(X, y, { alpha: 0.05 });
    expect(w[2]).toBe(0);
    for (const v of w) expect(Number.isFinite(v)).toBe(true);
    expect(lassoKKTViolation(X, y, w, 0.05)).toBeLessThan(1e-9);
  });
  it("accepts float32 input and warm starts", () => {
    const { X, y } = problem(9, 30, 12);
    const X32 = { data: Float32Array.from(X.data), shape: X.shape };
    const w32 = lasso(X32, Float64Array.from(Float32Array.from(y)), { alpha: 0.1 });
    const X64 = { data: Float64Array.from(X32.data), shape: X.shape };
    const w64 = lasso(X64, Float64Array.from(Float32Array.from(y)), { alpha: 0.1 });
    expect(maxAbsDiff(w32, w64)).toBe(0);
    const warm = lassoCD(X, y, { alpha: 0.1, warmStart: lasso(X, y, { alpha: 0.1 }) });
    expect(warm.nIter).toBeLessThanOrEqual(2);
  });
});

describe("ISTA / FISTA", () => {
  const { X, y } = problem(11, 40, 60, 4, 0.05);
  const alpha = 0.1 * alphaMax(X, y);
  const star = lassoCD(X, y, { alpha });
  const Fstar = star.objective;
  it("converge to the coordinate-descent solution with the duality-gap stop", () => {
    const f = fista(X, y, { alpha, maxIter: 20000, tol: 1e-14 });
    expect(f.converged).toBe(true);
    expect(f.dualGap).toBeLessThan(1e-13);
    expect(maxAbsDiff(f.coef, star.coef)).toBeLessThan(1e-5);
    const i = ista(X, y, { alpha, maxIter: 20000, tol: 1e-12, history: false });
    expect(i.converged).toBe(true);
    expect(i.objective - Fstar).toBeLessThan(1e-10);
    expect(i.history.objective.length).toBe(0);
  });
  it("FISTA's objective gap falls as O(1/k^2): F(w_k) - F* <= 2 L ||w_0 - w*||^2 / (k+1)^2 at every k", () => {
    const K = 400;
    const f = fista(X, y, { alpha, maxIter: K, tol: 0 });
    const L = 1 / f.stepSize;
    let d0 = 0;
    for (const v of star.coef) d0 += v * v;
    expect(f.history.objective.length).toBe(K + 1);
    for (let k = 1; k <= K; k++) {
      const gap = f.history.objective[k] - Fstar;
      expect(gap).toBeLessThanOrEqual((2 * L * d0) / (k + 1) ** 2 + 1e-12);
      // the duality gap bounds the objective gap from above
      expect(f.history.dualGap[k]).toBeGreaterThanOrEqual(gap - 1e-12);
    }
    // and the O(1/k^2) bound is not vacuous: (F(w_K) - F*) k^2 stays bounded while ISTA's k (F - F*) decays
    const is = ista(X, y, { alpha, maxIter: K, tol: 0 });
    for (let k = 1; k <= K; k++) {
      expect(is.history.objective[k] - Fstar).toBeLessThanOrEqual((L * d0) / (2 * k) + 1e-12);
    }
    // FISTA gets within 1e-9 |F*| of the optimum in fewer iterations than ISTA (both may end at
    // the rounding floor after K iterations, so the final gaps alone do not separate them)
    const firstWithin = (objective: ArrayLike<number>, eps: number) => {
      for (let k = 0; k < objective.length; k++) if (objective[k] - Fstar <= eps) return k;
      return Number.POSITIVE_INFINITY;
    };
    const eps = 1e-9 * Math.abs(Fstar);
    const kFista = firstWithin(f.history.objective, eps);
    expect(kFista).toBeLessThanOrEqual(K);
    expect(kFista).toBeLessThan(firstWithin(is.history.objective, eps));
  });
  it("ISTA's objective is non-increasing; FISTA from the optimum stays there", () => {
    const is = ista(X, y, { alpha, maxIter: 200, tol: 0 });
    for (let k = 1; k < is.history.objective.length; k++) {
      expect(is.history.objective[k]).toBeLessThanOrEqual(is.history.objective[k - 1] + 1e-14);
    }
    const warm = fista(X, y, { alpha, warmStart: star.coef, tol: 1e-9 });
    expect(warm.nIter).toBe(0);
    expect(warm.converged).toBe(true);
  });
  it("non-negative variant matches the non-negative lasso", () => {
    const wp = lasso(X, y, { alpha, positive: true });
    const f = fista(X, y, { alpha, positive: true, maxIter: 20000, tol: 1e-14 });
    for (const v of f.coef) expect(v).toBeGreaterThanOrEqual(0);
    expect(maxAbsDiff(f.coef, wp)).toBeLessThan(1e-5);
    expect(lassoObjective(X, y, f.coef, alpha)).toBeCloseTo(lassoObjective(X, y, wp, alpha), 10);
  });
});

describe("ISTC (Zarka et al.)", () => {
  // unit-norm Gaussian dictionary, non-negative sparse code
  const m = 30;
  const k = 60;
  const g = gauss(3);
  const D = new Float64Array(m * k);
  for (let i = 0; i < D.length; i++) D[i] = g();
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += D[i * k + j] ** 2;
    for (let i = 0; i < m; i++) D[i * k + j] /= Math.sqrt(s);
  }
  const a0 = new Float64Array(k);
  a0[3] = 1.5;
  a0[17] = 0.8;
  a0[40] = 2;
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) x[i] += D[i * k + j] * a0[j];
  const Dt = { data: D, shape: [m, k] };
  it("uses geometric thresholds from ||D^T x||_inf down to lambda*", () => {
    const r = istc(Dt, x, { lambda: 0.05, nIter: 12 });
    expect(r.thresholds.length).toBe(12);
    expect(r.thresholds[11]).toBe(0.05);
    const ratio = r.thresholds[1] / r.thresholds[0];
    for (let i = 1; i < 12; i++) expect(r.thresholds[i] / r.thresholds[i - 1]).toBeCloseTo(ratio, 10);
    expect(r.thresholds[0]).toBeCloseTo(r.lambda0 * ratio, 10);
    for (const v of r.coef) expect(v).toBeGreaterThanOrEqual(0);
  });
  it("reaches the non-negative lasso solution at lambda*", () => {
    const lam = 0.05;
    const r = istc(Dt, x, { lambda: lam, nIter: 50, extraIter: 3000 });
    const wp = lasso(Dt, x, { alpha: lam / m, positive: true });
    expect(maxAbsDiff(r.coef, wp)).toBeLessThan(1e-6);
    // and recovers the support of the code
    const sup = [...r.coef].map((v, j) => (v > 1e-3 ? j : -1)).filter((j) => j >= 0);
    expect(sup).toEqual([3, 17, 40]);
  });
});

describe("OMP", () => {
  it("recovers an exactly sparse code and leaves a residual orthogonal to the chosen atoms", () => {
    const { X, beta, y } = problem(21, 40, 100, 4, 0);
    const r = omp(X, y, { nNonzero: 4 });
    expect([...r.support].sort((a, b) => a - b)).toEqual(
      [...beta].map((v, j) => (v !== 0 ? j : -1)).filter((j) => j >= 0),
    );
    expect(maxAbsDiff(r.coef, beta)).toBeLessThan(1e-10);
    expect(r.residualNorms[3]).toBeLessThan(1e-10);
    // residual norms decrease
    for (let t = 1; t < 4; t++) expect(r.residualNorms[t]).toBeLessThan(r.residualNorms[t - 1]);
  });
  it("tol stops on the residual", () => {
    const { X, y } = problem(22, 30, 50, 5, 0.01);
    const r = omp(X, y, { tol: 0.5 });
    const last = r.residualNorms[r.residualNorms.length - 1];
    expect(last ** 2).toBeLessThanOrEqual(0.5);
    expect(r.residualNorms[r.residualNorms.length - 2] ** 2).toBeGreaterThan(0.5);
  });
});

describe("argument errors", () => {
  const { X, y } = problem(1, 10, 5);
  it("size mismatch, alpha < 0, non-finite, zero atoms", () => {
    expect(() => lasso(X, new Float64Array(9), { alpha: 0.1 })).toThrow(/y\.length: got 9; expected 10/);
    expect(() => lasso(X, y, { alpha: -1 })).toThrow(/Invalid alpha: got -1; expected a finite number >= 0/);
    const bad = Float64Array.from(y);
    bad[3] = Number.NaN;
    expect(() => fista(X, bad, { alpha: 0.1 })).toThrow(/y\[3\]: got NaN/);
    const Xn = { data: Float64Array.from(X.data), shape: X.shape };
    Xn.data[7] = Number.POSITIVE_INFINITY;
    expect(() => ista(Xn, y, { alpha: 0.1 })).toThrow(/X\.data\[7\]: got Infinity/);
    const Xz = { data: Float64Array.from(X.data), shape: X.shape };
    for (let i = 0; i < 10; i++) Xz.data[i * 5 + 1] = 0;
    expect(() => omp(Xz, y)).toThrow(/D column 1: got "an all-zero column"/);
    expect(() => istc(X, y, { lambda: 0 })).toThrow(/Invalid lambda/);
    expect(() => lasso({ data: X.data, shape: [50] }, y, { alpha: 1 })).toThrow(/X\.shape/);
  });
});
