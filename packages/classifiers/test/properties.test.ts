import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AffineSpaceClassifier, LinearSVC, LogisticRegression, PCA, StandardScaler } from "../src/index.js";
import { symmetricEigen } from "../src/linalg.js";
import { Random } from "@scatterkit/core";
import { blobs, logisticGradient, maxAbs, maxAbsDiff } from "./helpers.js";

const randMatrix = (seed: number, n: number, d: number, scale = 1) => {
  const rng = new Random(seed);
  const data = new Float64Array(n * d);
  // correlated columns: x_j = sum_l a_l * g_l with column-dependent scales
  for (let i = 0; i < n * d; i++) data[i] = scale * rng.normal() * (1 + (i % d));
  return { data, shape: [n, d] as [number, number] };
};

describe("StandardScaler properties", () => {
  it("output columns have mean 0 and population variance 1 (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (seed, n, d, scale) => {
          const X = randMatrix(seed, n, d, scale);
          const Z = new StandardScaler().fitTransform(X);
          for (let j = 0; j < d; j++) {
            let m = 0;
            let v = 0;
            for (let i = 0; i < n; i++) m += Z.data[i * d + j];
            m /= n;
            for (let i = 0; i < n; i++) v += (Z.data[i * d + j] - m) ** 2;
            v /= n;
            expect(Math.abs(m)).toBeLessThan(1e-12);
            expect(Math.abs(v - 1)).toBeLessThan(1e-10);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("copy: false overwrites X in place with the values copy: true returns (fast-check); inverse too", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, n, d) => {
          const X = randMatrix(seed, n, d, 3);
          const X32 = { data: Float32Array.from(X.data), shape: X.shape };
          for (const A of [X, X32]) {
            const orig = A.data.slice();
            const Z = new StandardScaler().fitTransform({ data: orig.slice(), shape: A.shape });
            const inPlace = new StandardScaler({ copy: false });
            const buf = orig.slice();
            const Zi = inPlace.fitTransform({ data: buf, shape: A.shape });
            expect(Zi.data).toBe(buf);
            expect(Array.from(buf)).toEqual(Array.from(Z.data));
            const back = inPlace.inverseTransform(Zi);
            expect(back.data).toBe(buf);
            for (let i = 0; i < buf.length; i++)
              expect(Math.abs(buf[i] - orig[i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(orig[i])));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a constant column gets scale 1 and maps to 0; X is not modified; float32 in -> float32 out", () => {
    const X = { data: Float32Array.from([1, 5, 2, 5, 3, 5]), shape: [3, 2] };
    const copy = Float32Array.from(X.data);
    const s = new StandardScaler().fit(X);
    expect(Array.from(s.scale as Float64Array)).toEqual([Math.sqrt(2 / 3), 1]);
    const Z = s.transform(X);
    expect(Z.data).toBeInstanceOf(Float32Array);
    expect(Array.from(Z.data).filter((_, i) => i % 2 === 1)).toEqual([0, 0, 0]);
    expect(X.data).toEqual(copy);
    expect(maxAbsDiff(s.inverseTransform(Z).data, X.data)).toBeLessThan(1e-6);
  });
});

describe("symmetricEigen", () => {
  it("A V^T = V^T diag(lambda), V orthonormal, eigenvalues decreasing (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 25 }), (seed, m) => {
        const rng = new Random(seed);
        const a = new Float64Array(m * m);
        for (let i = 0; i < m; i++) for (let j = i; j < m; j++) a[i * m + j] = a[j * m + i] = rng.normal();
        const { values, vectors } = symmetricEigen(a, m);
        for (let r = 0; r < m; r++) {
          if (r > 0) expect(values[r]).toBeLessThanOrEqual(values[r - 1]);
          for (let i = 0; i < m; i++) {
            let av = 0;
            for (let j = 0; j < m; j++) av += a[i * m + j] * vectors[r * m + j];
            expect(Math.abs(av - values[r] * vectors[r * m + i])).toBeLessThan(
              1e-10 * (1 + Math.abs(values[0])),
            );
          }
          for (let q = 0; q <= r; q++) {
            let dot = 0;
            for (let j = 0; j < m; j++) dot += vectors[r * m + j] * vectors[q * m + j];
            expect(Math.abs(dot - (q === r ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("PCA properties", () => {
  it("components orthonormal, sign-normalised, explained variance sorted and equal to covariance eigenvalues (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        (seed, n, d) => {
          const X = randMatrix(seed, n, d);
          const r = Math.min(n, d);
          const pca = new PCA({ nComponents: r }).fit(X);
          const V = (pca.components as { data: Float64Array }).data;
          const ev = pca.explainedVariance as Float64Array;
          // covariance
          const mu = pca.mean as Float64Array;
          const cov = new Float64Array(d * d);
          for (let i = 0; i < n; i++)
            for (let a = 0; a < d; a++)
              for (let b = 0; b < d; b++)
                cov[a * d + b] += ((X.data[i * d + a] - mu[a]) * (X.data[i * d + b] - mu[b])) / (n - 1);
          const scale = maxAbs(cov);
          for (let c = 0; c < r; c++) {
            if (c > 0) expect(ev[c]).toBeLessThanOrEqual(ev[c - 1] * (1 + 1e-12) + 1e-12 * scale);
            let big = 0;
            for (let j = 1; j < d; j++) if (Math.abs(V[c * d + j]) > Math.abs(V[c * d + big])) big = j;
            expect(V[c * d + big]).toBeGreaterThan(0);
            for (let q = 0; q <= c; q++) {
              let dot = 0;
              for (let j = 0; j < d; j++) dot += V[c * d + j] * V[q * d + j];
              expect(Math.abs(dot - (q === c ? 1 : 0))).toBeLessThan(1e-9);
            }
            // Cov v = lambda v
            for (let a = 0; a < d; a++) {
              let cv = 0;
              for (let b = 0; b < d; b++) cv += cov[a * d + b] * V[c * d + b];
              expect(Math.abs(cv - ev[c] * V[c * d + a])).toBeLessThan(1e-9 * scale);
            }
          }
          // trace identity when all components are kept and n > d
          if (n > d) {
            let tr = 0;
            let sum = 0;
            for (let a = 0; a < d; a++) tr += cov[a * d + a];
            for (let c = 0; c < r; c++) sum += ev[c];
            expect(Math.abs(sum - tr)).toBeLessThan(1e-9 * tr);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("n < d (Gram path) and randomized solver match the exact covariance path", () => {
    const X = randMatrix(7, 40, 700);
    const a = new PCA({ nComponents: 6, svdSolver: "full" }).fit(X);
    // with a subspace as large as the rank (40), the randomized path is exact
    const b = new PCA({ nComponents: 6, svdSolver: "randomized", nIter: 2, nOversamples: 40 }).fit(X);
    // d x d covariance path on the transposed problem is too big; check against the data instead:
    // variance of the projections equals the explained variance
    const Z = a.transform(X);
    for (let c = 0; c < 6; c++) {
      let v = 0;
      for (let i = 0; i < 40; i++) v += Z.data[i * 6 + c] ** 2;
      expect(Math.abs(v / 39 / (a.explainedVariance as Float64Array)[c] - 1)).toBeLessThan(1e-10);
    }
    const ea = a.explainedVariance as Float64Array;
    const eb = b.explainedVariance as Float64Array;
    for (let c = 0; c < 6; c++) expect(Math.abs(eb[c] / ea[c] - 1)).toBeLessThan(1e-9);
    const ca = (a.components as { data: Float64Array }).data;
    const cb = (b.components as { data: Float64Array }).data;
    expect(maxAbsDiff(ca, cb)).toBeLessThan(1e-7);
  });

  it("randomized solver recovers a low-rank-plus-noise subspace (600 x 800, rank 5)", () => {
    const rng = new Random(3);
    const n = 600;
    const d = 800;
    const U = Array.from({ length: 5 }, () => Float64Array.from({ length: d }, () => rng.normal()));
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 5; c++) {
        const s = (10 - c) * rng.normal();
        for (let j = 0; j < d; j++) data[i * d + j] += s * U[c][j];
      }
      for (let j = 0; j < d; j++) data[i * d + j] += 0.01 * rng.normal();
    }
    const X = { data, shape: [n, d] };
    const auto = new PCA({ nComponents: 5 }).fit(X); // auto -> randomized here
    expect(auto.svdSolver).toBe("auto");
    const full = new PCA({ nComponents: 5, svdSolver: "full" }).fit(X);
    const A = (auto.components as { data: Float64Array }).data;
    const F = (full.components as { data: Float64Array }).data;
    expect(maxAbsDiff(A, F)).toBeLessThan(1e-9);
    for (let c = 0; c < 5; c++)
      expect(
        Math.abs(
          (auto.explainedVariance as Float64Array)[c] / (full.explainedVariance as Float64Array)[c] - 1,
        ),
      ).toBeLessThan(1e-9);
  });
});

describe("LogisticRegression properties", () => {
  it("KKT: the gradient of C*sum logloss + 0.5||W||^2 vanishes at the fitted solution (fast-check, k = 2..5)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0.1, 1, 10),
        (seed, k, d, C) => {
          const { X, y, n } = blobs(seed, k, 12, d, 1);
          const m = new LogisticRegression({ C, maxIter: 1000 }).fit(X, y);
          const g = logisticGradient(X.data, n, d, y, k, m.coef.data, m.intercept, C);
          expect(maxAbs(g)).toBeLessThan(1e-6 * Math.max(1, C));
          // the optimum has sum_c W_c = 0 and sum_c b_c = 0
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let c = 0; c < k; c++) s += m.coef.data[c * d + j];
            expect(Math.abs(s)).toBeLessThan(1e-6);
          }
          let sb = 0;
          for (let c = 0; c < k; c++) sb += m.intercept[c];
          expect(Math.abs(sb)).toBeLessThan(1e-12);
          const p = m.predictProba(X);
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let c = 0; c < k; c++) s += p.data[i * k + c];
            expect(Math.abs(s - 1)).toBeLessThan(1e-12);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("k = 2 is the softmax formulation: W_0 = -W_1, p_1 = sigmoid(2 (w_1 . x + b_1))", () => {
    const { X, y, d, n } = blobs(11, 2, 30, 3, 0.7);
    const m = new LogisticRegression({ maxIter: 1000 }).fit(X, y);
    expect(m.coef.shape).toEqual([2, 3]);
    for (let j = 0; j < d; j++) expect(m.coef.data[j] + m.coef.data[d + j]).toBeCloseTo(0, 7);
    expect(m.intercept[0] + m.intercept[1]).toBeCloseTo(0, 12);
    const p = m.predictProba(X);
    for (let i = 0; i < n; i++) {
      let s = m.intercept[1];
      for (let j = 0; j < d; j++) s += m.coef.data[d + j] * X.data[i * d + j];
      expect(p.data[i * 2 + 1]).toBeCloseTo(1 / (1 + Math.exp(-2 * s)), 12);
    }
  });

  it("predictions and coefficients are invariant to permuting the training rows (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const { X, y, n, d } = blobs(seed, 3, 15, 4, 1);
        const perm = new Random(seed + 1).permutation(n);
        const Xp = new Float64Array(n * d);
        const yp = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          Xp.set(X.data.subarray(perm[i] * d, perm[i] * d + d), i * d);
          yp[i] = y[perm[i]];
        }
        const a = new LogisticRegression({ maxIter: 1000 }).fit(X, y);
        const b = new LogisticRegression({ maxIter: 1000 }).fit({ data: Xp, shape: [n, d] }, yp);
        expect(maxAbsDiff(a.coef.data, b.coef.data)).toBeLessThan(1e-6);
        expect(Array.from(a.predict(X))).toEqual(Array.from(b.predict(X)));
      }),
      { numRuns: 10 },
    );
  });
});

describe("LinearSVC properties", () => {
  it("dual feasibility a >= 0, w = sum_i a_i t_i [x_i, 1], and primal KKT of the squared hinge (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom(0.1, 1),
        (seed, k, C) => {
          const { X, y, n, d } = blobs(seed, k, 15, 3, 1);
          const m = new LinearSVC({ C, tol: 1e-10, maxIter: 20000 }).fit(X, y);
          const np = k === 2 ? 1 : k;
          expect(m.coef.shape).toEqual([np, d]);
          for (let p = 0; p < np; p++) {
            const cls = k === 2 ? 1 : p;
            const a = m.dualCoef.subarray(p * n, p * n + n);
            const w = new Float64Array(d + 1);
            for (let i = 0; i < n; i++) {
              expect(a[i]).toBeGreaterThanOrEqual(0);
              const t = y[i] === cls ? 1 : -1;
              for (let j = 0; j < d; j++) w[j] += a[i] * t * X.data[i * d + j];
              w[d] += a[i] * t;
            }
            for (let j = 0; j < d; j++) expect(Math.abs(w[j] - m.coef.data[p * d + j])).toBeLessThan(1e-9);
            expect(Math.abs(w[d] - m.intercept[p])).toBeLessThan(1e-9);
            // primal gradient: w - 2C sum_{margin < 1} t_i (1 - t_i w.x_i) x_i = 0
            const g = Float64Array.from(w);
            for (let i = 0; i < n; i++) {
              const t = y[i] === cls ? 1 : -1;
              let wx = w[d];
              for (let j = 0; j < d; j++) wx += w[j] * X.data[i * d + j];
              const slack = 1 - t * wx;
              if (slack > 0) {
                for (let j = 0; j < d; j++) g[j] -= 2 * C * t * slack * X.data[i * d + j];
                g[d] -= 2 * C * t * slack;
              }
              // complementary slackness: a_i = 2C max(0, 1 - t w.x)
              expect(Math.abs(a[i] - 2 * C * Math.max(0, slack))).toBeLessThan(1e-5);
            }
            expect(maxAbs(g)).toBeLessThan(1e-5);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it("separable blobs are classified perfectly; decisionFunction shape [n, k]", () => {
    const { X, y } = blobs(5, 4, 20, 6, 6);
    const m = new LinearSVC().fit(X, y);
    expect(Array.from(m.predict(X))).toEqual(Array.from(y));
    expect(m.decisionFunction(X).shape).toEqual([80, 4]);
  });
});

describe("AffineSpaceClassifier", () => {
  it("dim = 0 is the nearest class mean; points on their class's affine space have distance 0", () => {
    const rng = new Random(9);
    const d = 10;
    const k = 3;
    // class c lives exactly on mu_c + span(u_c1, u_c2)
    const mus = Array.from({ length: k }, () => Float64Array.from({ length: d }, () => 5 * rng.normal()));
    const us = Array.from({ length: k }, () =>
      [0, 1].map(() => Float64Array.from({ length: d }, () => rng.normal())),
    );
    const n = 60;
    const data = new Float64Array(n * d);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % k;
      y[i] = c;
      const a = rng.normal();
      const b = rng.normal();
      for (let j = 0; j < d; j++) data[i * d + j] = mus[c][j] + a * us[c][0][j] + b * us[c][1][j];
    }
    const X = { data, shape: [n, d] };
    const m = new AffineSpaceClassifier({ dim: 2 }).fit(X, y);
    const dist = m.distances(X);
    for (let i = 0; i < n; i++) expect(dist.data[i * k + y[i]]).toBeLessThan(1e-9);
    expect(Array.from(m.predict(X))).toEqual(Array.from(y));
    // off-space points: compare with ||(I - V^T V)(x - mu)||^2 computed explicitly
    const probe = Float64Array.from({ length: 7 * d }, () => 3 * rng.normal());
    const dp = m.distances({ data: probe, shape: [7, d] });
    const meansAll = (m.means as { data: Float64Array }).data;
    for (let i = 0; i < 7; i++)
      for (let c = 0; c < k; c++) {
        const V = m.directions[c];
        const diff = Array.from({ length: d }, (_, j) => probe[i * d + j] - meansAll[c * d + j]);
        const res = diff.slice();
        for (let p = 0; p < V.shape[0]; p++) {
          let t = 0;
          for (let j = 0; j < d; j++) t += V.data[p * d + j] * diff[j];
          for (let j = 0; j < d; j++) res[j] -= t * V.data[p * d + j];
        }
        const want = res.reduce((a, v) => a + v * v, 0);
        expect(Math.abs(dp.data[i * k + c] - want)).toBeLessThan(1e-9 * (1 + want));
      }
    // dim 0: distances are squared distances to the class means
    const m0 = new AffineSpaceClassifier({ dim: 0 }).fit(X, y);
    const d0 = m0.distances(X);
    const means = (m0.means as { data: Float64Array }).data;
    for (let i = 0; i < 5; i++)
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (data[i * d + j] - means[c * d + j]) ** 2;
        expect(d0.data[i * k + c]).toBeCloseTo(s, 9);
      }
  });
});

describe("StandardScaler.partialFit", () => {
  it("streaming over chunks equals one fit on all rows (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 }),
        (seed, sizes) => {
          const n = sizes.reduce((a, b) => a + b, 0);
          const d = 4;
          const X = randMatrix(seed, n, d, 3);
          for (let i = 0; i < X.data.length; i++) X.data[i] += 100; // offset: tests the merge, not just sums
          const whole = new StandardScaler().fit(X);
          const s = new StandardScaler();
          let r0 = 0;
          for (const m of sizes) {
            s.partialFit({ data: X.data.subarray(r0 * d, (r0 + m) * d), shape: [m, d] });
            r0 += m;
          }
          expect(s.nSamplesSeen).toBe(n);
          expect(maxAbsDiff(s.mean as Float64Array, whole.mean as Float64Array)).toBeLessThan(1e-11);
          expect(maxAbsDiff(s.variance as Float64Array, whole.variance as Float64Array)).toBeLessThanOrEqual(
            1e-9 * maxAbs(whole.variance as Float64Array) + 1e-12,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("LogisticRegression options", () => {
  it("onIteration sees a non-increasing objective and can stop the solver; warmStart resumes", () => {
    const { X, y } = blobs(21, 3, 40, 5, 0.8);
    const seen: number[] = [];
    const m = new LogisticRegression({
      maxIter: 1000,
      onIteration: ({ iteration, objective }) => {
        seen.push(objective);
        return iteration < 5;
      },
    }).fit(X, y);
    expect(m.stopReason).toBe("callback");
    expect(m.nIter).toBe(5);
    expect(seen.length).toBe(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeLessThanOrEqual(seen[i - 1] * (1 + 1e-11));
    const cold = new LogisticRegression({ maxIter: 1000 }).fit(X, y);
    const warm = new LogisticRegression({ maxIter: 1000, warmStart: true });
    warm.fit(X, y);
    const first = warm.nIter;
    warm.fit(X, y); // starts at the optimum: no iteration needed
    expect(first).toBe(cold.nIter);
    expect(warm.nIter).toBe(0);
    expect(warm.stopReason).toBe("gtol");
    expect(maxAbsDiff(warm.coef.data, cold.coef.data)).toBeLessThan(1e-12);
  });
});
