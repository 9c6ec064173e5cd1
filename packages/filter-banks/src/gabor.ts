/**
 * Gabor (Weyl-Heisenberg) banks on a uniform tiling of the frequency axis / plane,
 * at full resolution on the signal's own grid, for deep scattering networks.
 *
 * 1-D (the recipe of the energy reference cases): with ω = fftfreq(N) (cycles per
 * sample), ξ_k = ½ (K − k) / (K + 1) for k = 0..K−1 and s = ½ / (K + 1),
 *
 *   ψ̂_k(ω) = exp(−(ω − ξ_k)² / (2 s²))                  (analytic: one-sided)
 *   ψ̂_k(ω) = exp(−(ω − ξ_k)² / (2 s²)) + exp(−(ω + ξ_k)² / (2 s²))   (real: symmetric)
 *   φ̂(ω)   = exp(−ω² / (2 s²)),
 *
 * i.e. modulations of one Gaussian window on a uniform frequency lattice (a
 * Weyl-Heisenberg system), then (by default) made a canonical tight frame.
 * @module
 */
import { checkInteger, checkNumber, checkOptions, checkShape, checkBoolean } from "@scatterkit/core";
import { type DeepFilterBank, canonicalTight, negatedFrequencyIndex } from "./tight";

/** numpy's fftfreq(n): k/n for k < ceil(n/2), (k − n)/n after. */
export function fftFrequencies(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = (k < Math.ceil(n / 2) ? k : k - n) / n;
  return w;
}

/** Options of {@link gaborBank1D}. */
export interface GaborBank1DOptions {
  /** Signal length N (integer >= 2). */
  N: number;
  /** Number of wavelets K (integer >= 1). */
  K: number;
  /** One-sided (analytic) wavelets when true (default), symmetric (real) when false. */
  analytic?: boolean;
  /** Gaussian width s in cycles per sample (default ½ / (K + 1), the lattice step). */
  sigma?: number;
  /** Divide by √LP to make a Parseval frame (default true). */
  tight?: boolean;
}

const gauss = (d: number, s: number) => Math.exp((-d * d) / (2 * s * s));

/**
 * 1-D Gabor / Weyl-Heisenberg bank on the uniform lattice ξ_k = ½ (K − k)/(K + 1)
 * (highest centre first); see the module comment for the formulas. With the defaults
 * it reproduces the banks of the energy reference cases.
 */
export function gaborBank1D(opts: GaborBank1DOptions): DeepFilterBank {
  checkOptions("opts", opts, { required: true, expected: "an options object { N, K }" });
  const N = checkInteger("N", opts.N, 2);
  const K = checkInteger("K", opts.K, 1);
  const analytic = checkBoolean("analytic", opts.analytic, true);
  const s =
    opts.sigma === undefined
      ? 0.5 / (K + 1)
      : checkNumber("sigma", opts.sigma, { min: 0, minExclusive: true });
  const w = fftFrequencies(N);
  const phi = new Float64Array(N);
  for (let i = 0; i < N; i++) phi[i] = gauss(w[i], s);
  const psi: Float64Array[] = [];
  const xi: number[][] = [];
  for (let k = 0; k < K; k++) {
    const c = (0.5 * (K - k)) / (K + 1);
    const p = new Float64Array(N);
    for (let i = 0; i < N; i++) p[i] = gauss(w[i] - c, s) + (analytic ? 0 : gauss(w[i] + c, s));
    psi.push(p);
    xi.push([c]);
  }
  const bank: DeepFilterBank = {
    shape: [N],
    phi,
    psi,
    xi,
    name: `gabor1d(N=${N}, K=${K}, ${analytic ? "analytic" : "real"})`,
  };
  return opts.tight === false ? bank : canonicalTight(bank);
}

/** Options of {@link gaborBank2D}. */
export interface GaborBank2DOptions {
  /** Image shape [M, N] (each >= 1). */
  shape: readonly [number, number] | number[];
  /**
   * Lattice half-width K (integer >= 1): centres (a, b)·Δ with Δ = ½/(K + 1) and
   * a, b in −K..K; the analytic bank keeps the half-plane b > 0 or (b = 0, a > 0):
   * 2K(K + 1) wavelets.
   */
  K: number;
  /** Half-plane (analytic) wavelets when true (default), symmetric (real) when false. */
  analytic?: boolean;
  /** Gaussian width in cycles per sample (default Δ). */
  sigma?: number;
  /** Divide by √LP to make a Parseval frame (default true). */
  tight?: boolean;
}

/**
 * 2-D Gabor / Weyl-Heisenberg bank: isotropic Gaussians of width s centred on the
 * uniform lattice c = (a, b)·Δ of the frequency plane, Δ = ½/(K + 1),
 *
 *   ψ̂_c(ω) = exp(−|ω − c|² / (2 s²))   (real bank: ψ̂_c(ω) + ψ̂_c(−ω), −ω on the grid),
 *   φ̂(ω)   = exp(−|ω|² / (2 s²)),
 *
 * one centre per ± pair (half-plane b > 0 or b = 0, a > 0; a indexes rows), ordered by
 * decreasing |c| (then by angle). Made a canonical tight frame unless `tight: false`.
 */
export function gaborBank2D(opts: GaborBank2DOptions): DeepFilterBank {
  checkOptions("opts", opts, { required: true, expected: "an options object { shape, K }" });
  const [M, N] = checkShape("shape", opts.shape, 2);
  const K = checkInteger("K", opts.K, 1);
  const analytic = checkBoolean("analytic", opts.analytic, true);
  const delta = 0.5 / (K + 1);
  const s =
    opts.sigma === undefined ? delta : checkNumber("sigma", opts.sigma, { min: 0, minExclusive: true });
  const wm = fftFrequencies(M);
  const wn = fftFrequencies(N);
  const centres: [number, number][] = [];
  for (let a = -K; a <= K; a++)
    for (let b = 0; b <= K; b++) if (b > 0 || a > 0) centres.push([a * delta, b * delta]);
  centres.sort((p, q) => {
    const r = Math.hypot(q[0], q[1]) - Math.hypot(p[0], p[1]);
    if (Math.abs(r) > 1e-12) return r;
    return Math.atan2(p[1], p[0]) - Math.atan2(q[1], q[0]);
  });
  const g2 = (u: number, v: number) => Math.exp(-(u * u + v * v) / (2 * s * s));
  const phi = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) phi[i * N + j] = g2(wm[i], wn[j]);
  const neg = analytic ? null : negatedFrequencyIndex([M, N]);
  const psi = centres.map(([ca, cb]) => {
    const p = new Float64Array(M * N);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) p[i * N + j] = g2(wm[i] - ca, wn[j] - cb);
    if (!neg) return p;
    // real bank: h(ω) + h(−ω) with −ω taken on the grid (exactly symmetric, Nyquist rows included)
    const q = new Float64Array(M * N);
    for (let i = 0; i < M * N; i++) q[i] = p[i] + p[neg[i]];
    return q;
  });
  const bank: DeepFilterBank = {
    shape: [M, N],
    phi,
    psi,
    xi: centres.map((c) => [c[0], c[1]]),
    name: `gabor2d(${M}x${N}, K=${K}, ${analytic ? "analytic" : "real"})`,
  };
  return opts.tight === false ? bank : canonicalTight(bank);
}
