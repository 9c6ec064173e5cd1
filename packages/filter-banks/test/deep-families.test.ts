import { ParameterError, ShapeError } from "@scatterkit/core";
import { describe, expect, it } from "vitest";
import {
  canonicalTight,
  deepFilterBank,
  fftFrequencies,
  gabor2d,
  gabor2dSpatial,
  gaborBank1D,
  gaborBank2D,
  littlewoodPaley,
  morletBank1D,
  morletBank2D,
  morlet2dFilterBank,
  negatedFrequencyIndex,
  solidHarmonicFilterBank,
} from "../src/index";

const maxLpError = (b: { phi: Float64Array; psi: Float64Array[]; shape: number[] }) => {
  const lp = littlewoodPaley(b.psi, { phi: b.phi, realInput: true, shape: b.shape });
  return lp.reduce((m, v) => Math.max(m, Math.abs(v - 1)), 0);
};

describe("fftFrequencies / negatedFrequencyIndex", () => {
  it("match numpy's fftfreq and -omega", () => {
    expect(Array.from(fftFrequencies(5))).toEqual([0, 0.2, 0.4, -0.4, -0.2]);
    expect(Array.from(fftFrequencies(4))).toEqual([0, 0.25, -0.5, -0.25]);
    expect(Array.from(negatedFrequencyIndex([4]))).toEqual([0, 3, 2, 1]);
    expect(Array.from(negatedFrequencyIndex([2, 3]))).toEqual([0, 2, 1, 3, 5, 4]);
  });
});

describe("canonicalTight", () => {
  it("makes a Parseval frame for real inputs and leaves the input alone", () => {
    const b = gaborBank1D({ N: 40, K: 5, tight: false });
    const before = Float64Array.from(b.psi[2]);
    expect(maxLpError(b)).toBeGreaterThan(0.1);
    const t = canonicalTight(b);
    expect(maxLpError(t)).toBeLessThan(1e-13);
    expect(b.psi[2]).toEqual(before);
    // ratio of responses is preserved: every response divided by the same sqrt(LP(w))
    for (let i = 0; i < 40; i++) expect(t.psi[1][i] * b.phi[i]).toBeCloseTo(t.phi[i] * b.psi[1][i], 14);
  });
  it("rejects banks that are not frames and malformed banks", () => {
    const phi = new Float64Array(8);
    phi[0] = 1;
    const psi = [new Float64Array(8)];
    psi[0][1] = 1;
    expect(() => canonicalTight({ phi, psi })).toThrow(/Littlewood-Paley sum is 0/);
    expect(() => canonicalTight({ phi, psi: [new Float64Array(7)] })).toThrow(ShapeError);
    const bad = new Float64Array(8).fill(1);
    bad[2] = Number.NaN;
    expect(() => canonicalTight({ phi, psi: [bad] })).toThrow(/bank\.psi\[0\]\[2\]: got NaN/);
    expect(() => canonicalTight({ phi, psi: [], shape: [8] })).toThrow(ParameterError);
  });
});

describe("Gabor / Weyl-Heisenberg banks", () => {
  it("1-D: uniform lattice, highest centre first, analytic one-sided, real symmetric, tight", () => {
    const a = gaborBank1D({ N: 64, K: 6 });
    expect(a.xi.map((c) => c[0])).toEqual([6, 5, 4, 3, 2, 1].map((k) => (0.5 * k) / 7));
    expect(maxLpError(a)).toBeLessThan(1e-13);
    // psi_0 peaks at +xi_0, tiny at -xi_0
    const w = fftFrequencies(64);
    const iPos = w.findIndex((v) => Math.abs(v - 0.40625) < 1e-12);
    const iNeg = w.findIndex((v) => Math.abs(v + 0.40625) < 1e-12);
    expect(a.psi[0][iPos]).toBeGreaterThan(0.9);
    expect(a.psi[0][iNeg]).toBeLessThan(1e-10);
    const r = gaborBank1D({ N: 64, K: 6, analytic: false });
    const neg = negatedFrequencyIndex([64]);
    for (const p of r.psi) for (let i = 0; i < 64; i++) expect(p[i]).toBe(p[neg[i]]);
    expect(maxLpError(r)).toBeLessThan(1e-13);
  });
  it("2-D: 2K(K+1) half-plane Gaussians ordered by decreasing |centre|, tight; real bank symmetric", () => {
    const a = gaborBank2D({ shape: [16, 20], K: 2 });
    expect(a.psi.length).toBe(12);
    const radii = a.xi.map(([u, v]) => Math.hypot(u, v));
    for (let k = 1; k < radii.length; k++) expect(radii[k]).toBeLessThanOrEqual(radii[k - 1] + 1e-12);
    for (const [u, v] of a.xi) expect(v > 0 || (v === 0 && u > 0)).toBe(true);
    expect(maxLpError(a)).toBeLessThan(1e-12);
    const r = gaborBank2D({ shape: [16, 20], K: 2, analytic: false });
    const neg = negatedFrequencyIndex([16, 20]);
    for (const p of r.psi) for (let i = 0; i < 320; i++) expect(p[i]).toBeCloseTo(p[neg[i]], 15);
    expect(maxLpError(r)).toBeLessThan(1e-12);
  });
});

describe("Morlet families (Kymatio formulas, full resolution)", () => {
  it("1-D: centre frequencies xi_max 2^(-j/Q), zero mean, one-sided when analytic", () => {
    const b = morletBank1D({ N: 128, J: 4, Q: 2, tight: false });
    expect(b.psi.length).toBe(8);
    // Q = 2: xi_max = max(1 / (1 + sqrt 2), 0.35) = 0.4142...
    expect(b.xi[0][0]).toBeCloseTo(1 / (1 + Math.SQRT2), 14);
    expect(b.xi[3][0]).toBeCloseTo(b.xi[0][0] * 2 ** -1.5, 14);
    const w = fftFrequencies(128);
    for (const p of b.psi) {
      expect(Math.abs(p[0])).toBeLessThan(1e-12);
      for (let i = 0; i < 128; i++) if (w[i] < 0 && i !== 64) expect(p[i]).toBe(0);
    }
    expect(maxLpError(morletBank1D({ N: 128, J: 4, Q: 2 }))).toBeLessThan(1e-13);
    expect(maxLpError(morletBank1D({ N: 100, J: 3, analytic: false }))).toBeLessThan(1e-13);
  });
  it("2-D: the spatial Gabor is a normalised Gaussian at xi = 0; Morlets have zero mean; tight", () => {
    const g = gabor2dSpatial(32, 32, 2, 0, 0, 1);
    let s = 0;
    for (let i = 0; i < 32 * 32; i++) s += g[2 * i];
    expect(s).toBeCloseTo(1, 10);
    const b = morletBank2D({ shape: [24, 24], J: 2, L: 4, tight: false });
    expect(b.psi.length).toBe(8);
    for (const p of b.psi) expect(Math.abs(p[0])).toBeLessThan(1e-10);
    // the first wavelet (j = 0, theta index 0: angle pi/4 for L = 4) peaks near xi = 3/8 cycles in direction pi/4
    expect(Math.hypot(b.xi[0][0], b.xi[0][1])).toBeCloseTo(3 / 8, 14);
    expect(maxLpError(morletBank2D({ shape: [24, 20], J: 2, L: 4 }))).toBeLessThan(1e-12);
    expect(maxLpError(morletBank2D({ shape: [24, 20], J: 2, L: 4, analytic: false }))).toBeLessThan(1e-12);
  });
  it("the full-resolution spatial Gabor equals the padded-bank module's gabor2d (pi = Math.PI)", () => {
    for (const [M, N, sigma, theta, xi, slant] of [
      [24, 20, 0.8, 0.7, 2.35, 0.5],
      [16, 16, 1.6, -0.4, 1.1, 1],
    ] as const) {
      const a = gabor2d(M, N, sigma, theta, xi, slant);
      const b = gabor2dSpatial(M, N, sigma, theta, xi, slant);
      let e = 0;
      let m = 0;
      for (let i = 0; i < a.length; i++) {
        e = Math.max(e, Math.abs(a[i] - b[i]));
        m = Math.max(m, Math.abs(a[i]));
      }
      expect(b.length).toBe(2 * M * N);
      expect(e / m).toBeLessThan(1e-13);
    }
  });
  it("deepFilterBank resolves names and rejects unknown ones", () => {
    expect(deepFilterBank([64], { family: "gabor" }).psi.length).toBe(8);
    expect(deepFilterBank([16, 16], { family: "morlet", J: 2, L: 4 }).psi.length).toBe(8);
    // @ts-expect-error invalid on purpose
    expect(() => deepFilterBank([64], { family: "db4" })).toThrow(/Invalid filters\.family: got "db4"/);
    expect(() => gaborBank1D({ N: 1, K: 2 })).toThrow(/Invalid N: got 1/);
    expect(() => gaborBank1D({ N: 8, K: 0 })).toThrow(/Invalid K/);
  });
  it("every builder refuses a missing or non-object options argument with core's ParameterError", () => {
    const bad = [undefined, null, 3, [64]] as unknown[];
    for (const v of bad) {
      expect(() => gaborBank1D(v as never)).toThrow(ParameterError);
      expect(() => gaborBank2D(v as never)).toThrow(ParameterError);
      expect(() => morletBank1D(v as never)).toThrow(ParameterError);
      expect(() => morletBank2D(v as never)).toThrow(ParameterError);
      expect(() => morlet2dFilterBank(v as never)).toThrow(ParameterError);
      expect(() => solidHarmonicFilterBank(v as never)).toThrow(ParameterError);
    }
    expect(() => gaborBank1D(undefined as never)).toThrow(
      "Invalid opts: got undefined; expected an options object { N, K }.",
    );
    expect(() => morletBank2D({ shape: [16] as never, J: 2 })).toThrow(
      "Invalid shape: got [16]; expected an array [M, N] of two positive integers.",
    );
    expect(() => gaborBank2D({ shape: [16, 0], K: 2 })).toThrow(
      "Invalid shape[1]: got 0; expected an integer >= 1.",
    );
  });
});
