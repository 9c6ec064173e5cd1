import { ParameterError, Random } from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import {
  Scattering1D,
  Scattering2D,
  TimeFrequencyScattering,
  gaussianNoise,
  reconstruct,
} from "../src/index";

const chirp = (N: number) =>
  Float64Array.from(
    { length: N },
    (_, t) => Math.cos(0.002 * t * t) * Math.exp(-(((t - N / 2) / (N / 4)) ** 2)),
  );

describe("reconstruct: x from S(x0), starting from noise", () => {
  it("Scattering1D, L-BFGS: the relative error never increases and falls below 3% of its start", () => {
    const S = new Scattering1D({ J: 4, shape: 256, Q: 4 });
    const target = S.forward({ data: chirp(256), shape: [256] });
    const res = reconstruct(S, target, { shape: [256], maxIterations: 60, seed: 1 });
    expect(res.iterations).toBe(60);
    expect(res.errors.length).toBe(61);
    for (let k = 1; k < res.errors.length; k++)
      expect(res.errors[k]).toBeLessThanOrEqual(res.errors[k - 1] + 1e-15);
    expect(res.errors[0]).toBeGreaterThan(0.5);
    expect(res.errors[60]).toBeLessThan(0.03 * res.errors[0]);
    // the reported error is the error of the returned x
    const y = S.forward(res.x);
    let num = 0;
    let den = 0;
    for (let i = 0; i < y.data.length; i++) {
      num += (y.data[i] - target.data[i]) ** 2;
      den += target.data[i] ** 2;
    }
    expect(Math.abs(Math.sqrt(num / den) - res.errors[60])).toBeLessThan(1e-12);
  });

  it("Scattering1D, Kymatio's bold-driver gradient descent also lowers the error", () => {
    const S = new Scattering1D({ J: 4, shape: 256, Q: 4 });
    const target = S.forward({ data: chirp(256), shape: [256] });
    const res = reconstruct(S, target, { shape: [256], method: "gd", maxIterations: 40, learningRate: 10 });
    expect(res.errors[40]).toBeLessThan(0.5 * res.errors[0]);
    // bold driver: a rejected step leaves the error unchanged, an accepted one lowers it
    for (let k = 1; k < res.errors.length; k++) expect(res.errors[k]).toBeLessThanOrEqual(res.errors[k - 1]);
  });

  it("Scattering2D (image) and TimeFrequencyScattering (signal) reconstructions lower the error tenfold", () => {
    const S2 = new Scattering2D({ J: 2, shape: [16, 16], L: 4 });
    const img = Float64Array.from({ length: 256 }, (_, i) =>
      i >> 4 > 4 && i >> 4 < 11 && (i & 15) > 3 ? 1 : 0,
    );
    const t2 = S2.forward({ data: img, shape: [16, 16] });
    const r2 = reconstruct(S2, t2, { shape: [16, 16], maxIterations: 40 });
    expect(r2.errors[r2.errors.length - 1]).toBeLessThan(0.1 * r2.errors[0]);
    const J = new TimeFrequencyScattering({ J: 4, Jfr: 1, Q: 4, shape: 128 });
    const tj = J.forward({ data: chirp(128), shape: [128] });
    const rj = reconstruct(J, tj, { shape: [128], maxIterations: 40 });
    expect(rj.errors[rj.errors.length - 1]).toBeLessThan(0.1 * rj.errors[0]);
  });

  it("stops at the tolerance, starts from init, and refuses bad options", () => {
    const S = new Scattering1D({ J: 3, shape: 64, Q: 2 });
    const x0 = gaussianNoise(64, 5);
    const target = S.forward({ data: x0, shape: [64] });
    const same = reconstruct(S, target, { init: { data: x0, shape: [64] }, tolerance: 1e-9 });
    expect(same.iterations).toBe(0);
    expect(same.errors).toEqual([0]);
    expect(() => reconstruct(S, target, {})).toThrow(/shape/);
    expect(() => reconstruct(S, target, { shape: [64], method: "adam" as "gd" })).toThrow(/method/);
    expect(() => reconstruct(S, { data: new Float64Array(3), shape: [3] }, { shape: [64] })).toThrow(
      /target/,
    );
  });
});

describe("gaussianNoise: core's seeded Random", () => {
  it("is Random(seed).normal() value for value: same seed, same values; another seed, others", () => {
    const a = gaussianNoise(101, 7);
    const rng = new Random(7);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBe(rng.normal());
    expect(gaussianNoise(101, 7)).toEqual(a);
    expect(gaussianNoise(5, 7)).toEqual(a.subarray(0, 5));
    const b = gaussianNoise(101, 8);
    expect(b.some((v, i) => v !== a[i])).toBe(true);
    expect(gaussianNoise(0, 1).length).toBe(0);
  });

  it("has the moments of a standard normal (mean, variance, kurtosis, P(|z| < 1)) and uncorrelated neighbours", () => {
    const n = 40000;
    const z = gaussianNoise(n, 3);
    let m1 = 0;
    for (const v of z) m1 += v / n;
    let m2 = 0;
    let m4 = 0;
    let lag = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const d = z[i] - m1;
      m2 += (d * d) / n;
      m4 += (d * d * d * d) / n;
      if (i > 0) lag += ((z[i] - m1) * (z[i - 1] - m1)) / (n - 1);
      if (Math.abs(z[i]) < 1) inside++;
    }
    // standard errors at n = 40000: mean 0.005, variance 0.007, kurtosis 0.025, lag-1 0.005, P 0.0023
    expect(Math.abs(m1)).toBeLessThan(0.025);
    expect(Math.abs(m2 - 1)).toBeLessThan(0.035);
    expect(Math.abs(m4 / (m2 * m2) - 3)).toBeLessThan(0.12);
    expect(Math.abs(lag / m2)).toBeLessThan(0.025);
    expect(Math.abs(inside / n - 0.6826894921)).toBeLessThan(0.012);
  });

  it("refuses a seed or a length that is not an integer, naming it", () => {
    expect(() => gaussianNoise(4, 1.5)).toThrow(ParameterError);
    expect(() => gaussianNoise(4, 1.5)).toThrow(/seed/);
    expect(() => gaussianNoise(-1, 1)).toThrow(/\bn\b/);
    const S = new Scattering1D({ J: 3, shape: 64, Q: 2 });
    const target = S.forward({ data: gaussianNoise(64, 2), shape: [64] });
    expect(() => reconstruct(S, target, { shape: [64], seed: 0.5 })).toThrow(/seed/);
  });
});
