/**
 * Morlet banks of the Kymatio work at full resolution on the signal's own grid (no
 * padding), analytic or real, and the named-family resolver used by deep scattering
 * networks (`filters: { family: 'gabor' | 'morlet', ... }`).
 *
 * 1-D Morlet (Kymatio's `morlet_1d` / `compute_params_filterbank` formulas, Q wavelets
 * per octave): ξ_max = max(1/(1 + 2^{1/Q}), 0.35),
 * σ_max = ξ_max · (1 − 2^{−1/Q}) / (1 + 2^{−1/Q}) / √(2 ln √2), and for j = 0..JQ−1
 * ξ_j = ξ_max 2^{−j/Q}, σ_j = σ_max 2^{−j/Q};
 *   ψ̂_j(ω) = Σ_p [g(ω + p − ξ_j; σ_j) − κ_j g(ω + p; σ_j)],  κ_j = Σ_p g(p − ξ_j; σ_j) / Σ_p g(p; σ_j) (zero mean),
 *   φ̂(ω)   = Σ_p g(ω + p; σ_φ),  σ_φ = 0.1 / 2^J,    g(d; σ) = exp(−d² / (2σ²)),
 * periodised over p = −2..2 (ω = fftfreq(N)).
 *
 * 2-D Morlet (Kymatio's `gabor_2d` / `morlet_2d`, spatial domain, periodised over 5 x 5
 * tiles): for j = 0..J−1 and θ = 0..L−1, σ = 0.8 · 2^j, angle (⌊L − L/2 − 1⌋ − θ) π / L,
 * ξ = 3π/4 / 2^j, slant 4/L; response = Re fft2(morlet); φ = Re fft2(gabor_2d(0.8 · 2^{J−1}, 0, 0)).
 * @module
 */
import { ParameterError, checkInteger, checkOptions, checkShape, checkBoolean } from "@scatterkit/core";
import { complexPlan } from "@scatterkit/fft";
import { fftFrequencies, gaborBank1D, gaborBank2D } from "./gabor";
import { type DeepFilterBank, canonicalTight, negatedFrequencyIndex } from "./tight";

/** Options of {@link morletBank1D}. */
export interface MorletBank1DOptions {
  /** Signal length N (>= 2). */
  N: number;
  /** Number of octaves J (>= 1). */
  J: number;
  /** Wavelets per octave (default 1). */
  Q?: number;
  /** One-sided wavelets (negative frequencies zeroed, Nyquist kept) when true (default); symmetric ψ̂(ω) + ψ̂(−ω) when false. */
  analytic?: boolean;
  /** Make a canonical tight frame (default true). */
  tight?: boolean;
}

const g = (d: number, s: number) => Math.exp((-d * d) / (2 * s * s));

/** Symmetrises a response: h(ω) + h(−ω). */
function symmetrise(h: Float64Array, neg: Int32Array): Float64Array {
  const o = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++) o[i] = h[i] + h[neg[i]];
  return o;
}

/**
 * Kymatio-style 1-D Morlet bank at full resolution (formulas in the module comment),
 * J·Q wavelets ordered from the highest to the lowest centre frequency.
 */
export function morletBank1D(opts: MorletBank1DOptions): DeepFilterBank {
  checkOptions("opts", opts, { required: true, expected: "an options object { N, J }" });
  const N = checkInteger("N", opts.N, 2);
  const J = checkInteger("J", opts.J, 1, 30);
  const Q = checkInteger("Q", opts.Q ?? 1, 1, 64);
  const analytic = checkBoolean("analytic", opts.analytic, true);
  const w = fftFrequencies(N);
  const xiMax = Math.max(1 / (1 + 2 ** (1 / Q)), 0.35);
  const factor = (1 - 2 ** (-1 / Q)) / (1 + 2 ** (-1 / Q));
  const sigmaMax = (xiMax * factor) / Math.sqrt(2 * Math.log(Math.SQRT2));
  const sigmaPhi = 0.1 / 2 ** J;
  const phi = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let p = -2; p <= 2; p++) phi[i] += g(w[i] + p, sigmaPhi);
  const neg = negatedFrequencyIndex([N]);
  const psi: Float64Array[] = [];
  const xi: number[][] = [];
  for (let j = 0; j < J * Q; j++) {
    const c = xiMax * 2 ** (-j / Q);
    const s = sigmaMax * 2 ** (-j / Q);
    // kappa = (periodised Gaussian at xi, evaluated at 0) / (periodised Gaussian at 0, at 0): zero mean
    let num = 0;
    let den = 0;
    for (let p = -2; p <= 2; p++) {
      num += g(p - c, s);
      den += g(p, s);
    }
    const kappa = num / den;
    let h: Float64Array = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let v = 0;
      for (let p = -2; p <= 2; p++) v += g(w[i] + p - c, s) - kappa * g(w[i] + p, s);
      h[i] = analytic && w[i] < 0 && 2 * i !== N ? 0 : v; // the Nyquist bin is its own negative: kept
    }
    if (!analytic) h = symmetrise(h, neg);
    psi.push(h);
    xi.push([c]);
  }
  const bank: DeepFilterBank = {
    shape: [N],
    phi,
    psi,
    xi,
    name: `morlet1d(N=${N}, J=${J}, Q=${Q}, ${analytic ? "analytic" : "real"})`,
  };
  return opts.tight === false ? bank : canonicalTight(bank);
}

/**
 * Kymatio's spatial 2-D Gabor (periodised over 5 x 5 tiles), complex, row-major:
 * exp(−(x' C x) + i ξ (x cos θ + y sin θ)) / (2π σ² / slant), C = R diag(1, slant²) R⁻¹ / (2σ²).
 */
export function gabor2dSpatial(
  M: number,
  N: number,
  sigma: number,
  theta: number,
  xi: number,
  slant = 1,
): Float64Array {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const s2 = slant * slant;
  // R D R^-1 with R = [[c, -s], [s, c]], D = diag(1, slant^2)
  const a00 = (c * c + s2 * s * s) / (2 * sigma * sigma);
  const a01 = (c * s - s2 * s * c) / (2 * sigma * sigma);
  const a11 = (s * s + s2 * c * c) / (2 * sigma * sigma);
  const out = new Float64Array(2 * M * N);
  for (let ex = -2; ex <= 2; ex++) {
    for (let ey = -2; ey <= 2; ey++) {
      for (let i = 0; i < M; i++) {
        const x = i + ex * M;
        for (let j = 0; j < N; j++) {
          const y = j + ey * N;
          const mag = Math.exp(-(a00 * x * x + 2 * a01 * x * y + a11 * y * y));
          const ph = xi * (x * c + y * s);
          const k = 2 * (i * N + j);
          out[k] += mag * Math.cos(ph);
          out[k + 1] += mag * Math.sin(ph);
        }
      }
    }
  }
  const norm = (2 * Math.PI * sigma * sigma) / slant;
  for (let k = 0; k < out.length; k++) out[k] /= norm;
  return out;
}

/** Options of {@link morletBank2D}. */
export interface MorletBank2DOptions {
  /** Image shape [M, N]. */
  shape: readonly [number, number] | number[];
  /** Number of scales J (>= 1). */
  J: number;
  /** Orientations L (default 8). */
  L?: number;
  /** Half-plane wavelets (zero where ω · e_θ < 0) when true (default); symmetric when false. */
  analytic?: boolean;
  /** Make a canonical tight frame (default true). */
  tight?: boolean;
}

/**
 * Kymatio-style 2-D Morlet bank at full resolution (formulas in the module comment),
 * J·L wavelets ordered j = 0..J−1 (highest frequency first), θ = 0..L−1 within a scale.
 */
export function morletBank2D(opts: MorletBank2DOptions): DeepFilterBank {
  checkOptions("opts", opts, { required: true, expected: "an options object { shape, J }" });
  const [M, N] = checkShape("shape", opts.shape, 2);
  const J = checkInteger("J", opts.J, 1, 16);
  const L = checkInteger("L", opts.L ?? 8, 1, 64);
  const analytic = checkBoolean("analytic", opts.analytic, true);
  const wm = fftFrequencies(M);
  const wn = fftFrequencies(N);
  const neg = negatedFrequencyIndex([M, N]);
  const shp = [M, N];
  const fourierReal = (z: Float64Array): Float64Array => {
    const spec = fft2Complex(z, M, N);
    const o = new Float64Array(M * N);
    for (let i = 0; i < M * N; i++) o[i] = spec[2 * i];
    return o;
  };
  const psi: Float64Array[] = [];
  const xi: number[][] = [];
  for (let j = 0; j < J; j++) {
    for (let t = 0; t < L; t++) {
      const sigma = 0.8 * 2 ** j;
      const theta = ((Math.floor(L - L / 2 - 1) - t) * Math.PI) / L;
      const k = ((3 / 4) * Math.PI) / 2 ** j;
      const slant = 4 / L;
      const wv = gabor2dSpatial(M, N, sigma, theta, k, slant);
      const env = gabor2dSpatial(M, N, sigma, theta, 0, slant);
      let sr = 0;
      let si = 0;
      let er = 0;
      let ei = 0;
      for (let i = 0; i < M * N; i++) {
        sr += wv[2 * i];
        si += wv[2 * i + 1];
        er += env[2 * i];
        ei += env[2 * i + 1];
      }
      // kappa = sum(wv) / sum(env) (complex division)
      const den = er * er + ei * ei;
      const kr = (sr * er + si * ei) / den;
      const ki = (si * er - sr * ei) / den;
      for (let i = 0; i < M * N; i++) {
        const a = env[2 * i];
        const b = env[2 * i + 1];
        wv[2 * i] -= kr * a - ki * b;
        wv[2 * i + 1] -= kr * b + ki * a;
      }
      let h: Float64Array = fourierReal(wv);
      const ct = Math.cos(theta);
      const st = Math.sin(theta);
      if (analytic) {
        for (let a = 0; a < M; a++)
          for (let b = 0; b < N; b++) if (wm[a] * ct + wn[b] * st < 0) h[a * N + b] = 0;
      } else {
        h = symmetrise(h, neg);
      }
      psi.push(h);
      xi.push([(k * ct) / (2 * Math.PI), (k * st) / (2 * Math.PI)]);
    }
  }
  const phi = fourierReal(gabor2dSpatial(M, N, 0.8 * 2 ** (J - 1), 0, 0, 1));
  const bank: DeepFilterBank = {
    shape: shp,
    phi,
    psi,
    xi,
    name: `morlet2d(${M}x${N}, J=${J}, L=${L}, ${analytic ? "analytic" : "real"})`,
  };
  return opts.tight === false ? bank : canonicalTight(bank);
}

/** 2-D DFT of an interleaved complex M x N array (row then column passes). */
function fft2Complex(z: Float64Array, M: number, N: number): Float64Array {
  const buf = Float64Array.from(z);
  const pn = complexPlan(N);
  const pm = complexPlan(M);
  for (let r = 0; r < M; r++) pn.forward(buf, buf, r * N, r * N, 1, 1);
  for (let c = 0; c < N; c++) pm.forward(buf, buf, c, c, N, N);
  return buf;
}

/** A named filter family for deep scattering networks (resolved by {@link deepFilterBank}). */
export type DeepFamilySpec =
  | { family: "gabor"; K?: number; analytic?: boolean; sigma?: number; tight?: boolean }
  | { family: "morlet"; J?: number; Q?: number; L?: number; analytic?: boolean; tight?: boolean };

/**
 * Builds the bank of a named family on a grid: `{ family: 'gabor', K = 8 (1-D) or 2
 * (2-D), analytic = true }` ({@link gaborBank1D} / {@link gaborBank2D}) or
 * `{ family: 'morlet', J = 4 (1-D) or 2 (2-D), Q = 1, L = 8, analytic = true }`
 * ({@link morletBank1D} / {@link morletBank2D}); canonical tight unless `tight: false`.
 */
export function deepFilterBank(shape: readonly number[], spec: DeepFamilySpec): DeepFilterBank {
  if (typeof spec !== "object" || spec === null) {
    throw new ParameterError("filters", spec, "{ phi, psi } or { family: 'gabor' | 'morlet', ... }");
  }
  const is2d = shape.length === 2;
  if (spec.family === "gabor") {
    const K = spec.K ?? (is2d ? 2 : 8);
    return is2d
      ? gaborBank2D({ shape: [...shape], K, analytic: spec.analytic, sigma: spec.sigma, tight: spec.tight })
      : gaborBank1D({ N: shape[0], K, analytic: spec.analytic, sigma: spec.sigma, tight: spec.tight });
  }
  if (spec.family === "morlet") {
    return is2d
      ? morletBank2D({
          shape: [...shape],
          J: spec.J ?? 2,
          L: spec.L,
          analytic: spec.analytic,
          tight: spec.tight,
        })
      : morletBank1D({ N: shape[0], J: spec.J ?? 4, Q: spec.Q, analytic: spec.analytic, tight: spec.tight });
  }
  throw new ParameterError("filters.family", (spec as { family?: unknown }).family, "'gabor' or 'morlet'");
}
