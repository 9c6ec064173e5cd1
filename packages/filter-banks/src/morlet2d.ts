/**
 * 2-D Morlet filter bank equal to Kymatio 0.4's `scattering2d.filter_bank`.
 *
 * Filters are built in space on the padded grid (with the 5 x 5 nearest periodic
 * images), transformed with a 2-D FFT, and their (real) Fourier responses are
 * periodised to coarser resolutions ("levels").
 *
 * Compatibility choices (defaults, `kymatioCompat: true`): Kymatio normalises the
 * Gabor envelope with 3.1415 instead of pi, rounds its rotation matrices to
 * float32 and builds the filters in complex64, so every stored level value is a
 * float32 number. We compute in float64 and round the Fourier responses to
 * float32, which reproduces Kymatio's tables to within float32 rounding.
 * With `kymatioCompat: false` pi is exact and no rounding happens.
 */
import { ParameterError, checkInteger, checkNumber, checkOptions, checkShape } from "@scatterkit/core";
import { complexPlan } from "@scatterkit/fft";

/** The value of pi Kymatio 0.4 uses in its 2-D Gabor normalisation. */
// biome-ignore lint/suspicious/noApproximativeNumericConstant: Kymatio's own value, reproduced on purpose.
export const KYMATIO_2D_PI = 3.1415;

/** One 2-D Morlet wavelet of the bank, with its metadata and Fourier levels. */
export interface Morlet2DFilter {
  /** Scale index j (0..J-1): sigma = 0.8 * 2^j, xi = 3/4 * pi / 2^j. */
  readonly j: number;
  /** Orientation index (0..L-1). */
  readonly theta: number;
  /** Orientation angle in radians: (trunc(L - L/2 - 1) - theta) * pi / L. */
  readonly angle: number;
  /** Spatial width of the Gaussian envelope. */
  readonly sigma: number;
  /** Central frequency (radians per sample). */
  readonly xi: number;
  /** Slant (ellipticity) of the envelope, 4 / L. */
  readonly slant: number;
  /**
   * Fourier-domain responses (real, numpy frequency order, row-major):
   * `levels[res]` has shape `levelShapes[res]` = [M / 2^res, N / 2^res].
   * Wavelet j has levels res = 0 .. min(j + 1, max(J - 1, 1)) - 1.
   */
  readonly levels: Float64Array[];
  readonly levelShapes: [number, number][];
}

/** The Gaussian low-pass of the bank. */
export interface Lowpass2DFilter {
  /** Scale J of the low-pass: sigma = 0.8 * 2^(J - 1). */
  readonly j: number;
  readonly sigma: number;
  /** Fourier levels res = 0 .. J - 1 (real, shape [M / 2^res, N / 2^res]). */
  readonly levels: Float64Array[];
  readonly levelShapes: [number, number][];
}

/** The whole bank: wavelets in Kymatio's order (n = j * L + theta) and the low-pass. */
export interface Morlet2DFilterBank {
  /** Grid the filters are built on (Kymatio's padded size). */
  readonly shape: [number, number];
  readonly J: number;
  readonly L: number;
  readonly psi: Morlet2DFilter[];
  readonly phi: Lowpass2DFilter;
}

/** Options of {@link morlet2dFilterBank}. */
export interface Morlet2DOptions {
  /** Grid [M, N] (the padded size); each must be divisible by 2^(J-1). */
  shape: readonly [number, number] | readonly number[];
  /** Number of scales J >= 1. */
  J: number;
  /** Number of orientations L >= 1 (default 8). */
  L?: number;
  /** Reproduce Kymatio's 3.1415 and float32 rounding (default true). */
  kymatioCompat?: boolean;
}

/**
 * 2-D Gabor filter in space on an M x N grid (interleaved complex, row-major):
 *
 *   g(u) = (1 / (2 pi sigma^2 / slant)) * sum_{e in {-2..2}^2} exp(-(u+eP)^T C (u+eP) + i xi (u1 cos t + u2 sin t))
 *
 * with P = (M, N), C = R diag(1, slant^2) R^T / (2 sigma^2), R the rotation by t.
 * `pi` is the value used in the normalisation (Kymatio: 3.1415) and `roundRotation`
 * rounds cos t and sin t to float32 inside R as Kymatio does.
 */
export function gabor2d(
  M: number,
  N: number,
  sigma: number,
  angle: number,
  xi: number,
  slant = 1,
  { pi = Math.PI, roundRotation = false }: { pi?: number; roundRotation?: boolean } = {},
): Float64Array {
  checkInteger("M", M, 1);
  checkInteger("N", N, 1);
  checkNumber("sigma", sigma, { min: 0, minExclusive: true });
  checkNumber("slant", slant, { min: 0, minExclusive: true });
  const c = roundRotation ? Math.fround(Math.cos(angle)) : Math.cos(angle);
  const s = roundRotation ? Math.fround(Math.sin(angle)) : Math.sin(angle);
  const sl2 = slant * slant;
  const inv = 1 / (2 * sigma * sigma);
  const c00 = (c * c + s * s * sl2) * inv;
  const c01 = (c * s - s * c * sl2) * inv;
  const c10 = (s * c - c * s * sl2) * inv;
  const c11 = (s * s + c * c * sl2) * inv;
  const cross = c01 + c10;
  const kx = xi * Math.cos(angle);
  const ky = xi * Math.sin(angle);
  const out = new Float64Array(2 * M * N);
  // Terms whose Gaussian factor is below e^-60 (~1e-26 relative) are skipped: they
  // vanish in float32 and are far below float64 resolution of the main term.
  const cutoff = -60;
  for (let x = 0; x < M; x++) {
    for (let y = 0; y < N; y++) {
      let re = 0;
      let im = 0;
      for (let ex = -2; ex <= 2; ex++) {
        const xx = x + ex * M;
        for (let ey = -2; ey <= 2; ey++) {
          const yy = y + ey * N;
          const a = -(c00 * xx * xx + cross * xx * yy + c11 * yy * yy);
          if (a < cutoff) continue;
          const mag = Math.exp(a);
          const ph = xx * kx + yy * ky;
          re += mag * Math.cos(ph);
          im += mag * Math.sin(ph);
        }
      }
      const p = 2 * (x * N + y);
      out[p] = re;
      out[p + 1] = im;
    }
  }
  const norm = (2 * pi * sigma * sigma) / slant;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

/**
 * 2-D Morlet wavelet in space: psi = gabor(xi) - K * gabor(0) with
 * K = sum(gabor(xi)) / sum(gabor(0)), so that psi has zero mean (interleaved complex).
 */
export function morlet2d(
  M: number,
  N: number,
  sigma: number,
  angle: number,
  xi: number,
  slant = 0.5,
  opts: { pi?: number; roundRotation?: boolean } = {},
): Float64Array {
  const wv = gabor2d(M, N, sigma, angle, xi, slant, opts);
  const env = gabor2d(M, N, sigma, angle, 0, slant, opts);
  let sr = 0;
  let si = 0;
  let er = 0;
  let ei = 0;
  for (let i = 0; i < wv.length; i += 2) {
    sr += wv[i];
    si += wv[i + 1];
    er += env[i];
    ei += env[i + 1];
  }
  const d = er * er + ei * ei;
  const kr = (sr * er + si * ei) / d;
  const ki = (si * er - sr * ei) / d;
  for (let i = 0; i < wv.length; i += 2) {
    wv[i] -= kr * env[i] - ki * env[i + 1];
    wv[i + 1] -= kr * env[i + 1] + ki * env[i];
  }
  return wv;
}

/** Real part of the 2-D FFT of an interleaved complex M x N array. */
function fft2Real(x: Float64Array, M: number, N: number): Float64Array {
  const buf = Float64Array.from(x);
  const pn = complexPlan(N);
  const pm = complexPlan(M);
  for (let r = 0; r < M; r++) pn.forward(buf, buf, r * N, r * N);
  for (let c = 0; c < N; c++) pm.forward(buf, buf, c, c, N, N);
  const out = new Float64Array(M * N);
  for (let i = 0; i < M * N; i++) out[i] = buf[2 * i];
  return out;
}

/**
 * Periodises a real Fourier-domain filter (M x N) to resolution `res`, as
 * Kymatio's `periodize_filter_fft`: the band [M 2^-(res+1), M 2^-(res+1) + M (1 - 2^-res))
 * of each axis is zeroed, then y[k, l] = sum_{a, b} x[k + a M', l + b N'] with
 * M' = M / 2^res, N' = N / 2^res.
 */
export function periodizeFilter2d(x: Float64Array, M: number, N: number, res: number): Float64Array {
  const f = 2 ** res;
  if (M % f !== 0 || N % f !== 0) {
    throw new ParameterError("res", res, `a resolution such that 2^res divides both ${M} and ${N}`);
  }
  const m = M / f;
  const n = N / f;
  const sx = Math.trunc(M * 2 ** (-res - 1));
  const lx = Math.trunc(M * (1 - 2 ** -res));
  const sy = Math.trunc(N * 2 ** (-res - 1));
  const ly = Math.trunc(N * (1 - 2 ** -res));
  const out = new Float64Array(m * n);
  for (let i = 0; i < M; i++) {
    if (i >= sx && i < sx + lx) continue;
    const k = i % m;
    for (let j = 0; j < N; j++) {
      if (j >= sy && j < sy + ly) continue;
      out[k * n + (j % n)] += x[i * N + j];
    }
  }
  return out;
}

function roundAll(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = Math.fround(a[i]);
  return a;
}

/**
 * Kymatio's 2-D filter bank on an M x N grid: for j = 0..J-1 and theta = 0..L-1 the
 * Morlet psi_{j,theta} (sigma = 0.8 * 2^j, angle = (trunc(L - L/2 - 1) - theta) pi / L,
 * xi = 3 pi / 4 / 2^j, slant = 4 / L) and the Gaussian low-pass phi (sigma = 0.8 * 2^(J-1)),
 * as real Fourier responses periodised to each level they are used at.
 */
export function morlet2dFilterBank(options: Morlet2DOptions): Morlet2DFilterBank {
  checkOptions("options", options, { required: true, expected: "an object { shape: [M, N], J, L? }" });
  const J = checkInteger("J", options.J, 1, 30);
  const L = checkInteger("L", options.L ?? 8, 1, 1024);
  const shape = options.shape;
  const [M, N] = checkShape("shape", shape, 2);
  const f = 2 ** (J - 1);
  if (M % f !== 0 || N % f !== 0) {
    throw new ParameterError("shape", shape, `sizes divisible by 2^(J-1) = ${f}`);
  }
  const compat = options.kymatioCompat ?? true;
  const opts = { pi: compat ? KYMATIO_2D_PI : Math.PI, roundRotation: compat };
  const fin = (a: Float64Array) => (compat ? roundAll(a) : a);
  const psi: Morlet2DFilter[] = [];
  const nLevelsMax = Math.max(J - 1, 1);
  for (let j = 0; j < J; j++) {
    for (let t = 0; t < L; t++) {
      const sigma = 0.8 * 2 ** j;
      const angle = ((Math.trunc(L - L / 2 - 1) - t) * Math.PI) / L;
      const xi = (3.0 / 4.0) * (Math.PI / 2 ** j);
      const slant = 4.0 / L;
      const full = fin(fft2Real(morlet2d(M, N, sigma, angle, xi, slant, opts), M, N));
      const levels: Float64Array[] = [];
      const levelShapes: [number, number][] = [];
      for (let res = 0; res < Math.min(j + 1, nLevelsMax); res++) {
        levels.push(res === 0 ? full : fin(periodizeFilter2d(full, M, N, res)));
        levelShapes.push([M / 2 ** res, N / 2 ** res]);
      }
      psi.push({ j, theta: t, angle, sigma, xi, slant, levels, levelShapes });
    }
  }
  const sigmaPhi = 0.8 * 2 ** (J - 1);
  const phiFull = fin(fft2Real(gabor2d(M, N, sigmaPhi, 0, 0, 1, opts), M, N));
  const levels: Float64Array[] = [];
  const levelShapes: [number, number][] = [];
  for (let res = 0; res < J; res++) {
    levels.push(res === 0 ? phiFull : fin(periodizeFilter2d(phiFull, M, N, res)));
    levelShapes.push([M / 2 ** res, N / 2 ** res]);
  }
  return { shape: [M, N], J, L, psi, phi: { j: J, sigma: sigmaPhi, levels, levelShapes } };
}

/**
 * One axis of the (separable) Kymatio low-pass: the periodised Gaussian
 * p[x] = sum_{e=-2..2} exp(-(x + e M)^2 / (2 sigma^2)), its FFT (real part),
 * masked and periodised to level `res` exactly as {@link periodizeFilter2d} does
 * per axis. phi.levels[res] = c * a (outer) b with c = 1 / (2 pi sigma^2)
 * (Kymatio: pi = 3.1415), up to float32 rounding.
 */
export function gaussianAxisLevel(M: number, sigma: number, res: number): Float64Array {
  const p = new Float64Array(2 * M);
  for (let x = 0; x < M; x++) {
    let s = 0;
    for (let e = -2; e <= 2; e++) {
      const xx = x + e * M;
      const a = -(xx * xx) / (2 * sigma * sigma);
      if (a >= -60) s += Math.exp(a);
    }
    p[2 * x] = s;
  }
  complexPlan(M).forward(p, p);
  const f = 2 ** res;
  const m = M / f;
  const sx = Math.trunc(M * 2 ** (-res - 1));
  const lx = Math.trunc(M * (1 - 2 ** -res));
  const out = new Float64Array(m);
  for (let i = 0; i < M; i++) {
    if (i >= sx && i < sx + lx) continue;
    out[i % m] += p[2 * i];
  }
  return out;
}
