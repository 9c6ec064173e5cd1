/**
 * Backend of Scattering1D: the numerical steps its core walk calls (reflect padding and the
 * input spectrum, wavelet modulus, low-pass with subsampling and unpadding), the sparse
 * filter levels they use (periodised on demand, cached) and every scratch buffer, sized once.
 * Nothing here knows the path order; see `core.ts`.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import { type ComplexPlan, type RealPlan, complexPlan, realPlan } from "@scatterkit/fft";
import { type FilterBank1D, periodizeFourier } from "@scatterkit/filter-banks";
import { type Padding1D, reflectPad } from "../padding1d";
import { type SparseResponse, filterPeriodize, sparsify } from "./sparse-filter";

/** Buffers and kernels of one Scattering1D (float64, padded length nPadded). */
export class Backend1D {
  /** Padded length (a power of two). */
  readonly nPadded: number;
  /** The reflect-padded input signal. */
  readonly padded: Float64Array;
  /** Half spectrum of the padded input. */
  readonly halfX: Float64Array;
  /** First-order modulus |x ⋆ ψ1| and its half spectrum. */
  readonly U1: Float64Array;
  readonly halfU1: Float64Array;
  /** Second-order modulus and its half spectrum. */
  readonly U2: Float64Array;
  readonly halfU2: Float64Array;
  private readonly work: Float64Array;
  private readonly zFull: Float64Array;
  private readonly zHalf: Float64Array;
  private readonly sOut: Float64Array;
  private readonly phiCache = new Map<number, SparseResponse>();
  private readonly psi2Cache = new Map<string, SparseResponse>();

  /**
   * @param filters the filter bank at the padded length
   * @param padding padding of the signal (its indices unpad the output)
   * @param N signal length
   * @param log2Stride log2 of the output sampling step (selects the unpadding indices)
   */
  constructor(
    private readonly filters: FilterBank1D,
    private readonly padding: Padding1D,
    private readonly N: number,
    private readonly log2Stride: number,
  ) {
    const Np = padding.nPadded;
    this.nPadded = Np;
    this.padded = new Float64Array(Np);
    this.halfX = new Float64Array(2 * (Np / 2 + 1));
    this.work = new Float64Array(2 * Np);
    this.U1 = new Float64Array(Np);
    this.halfU1 = new Float64Array(2 * (Np / 2 + 1));
    this.U2 = new Float64Array(Np);
    this.halfU2 = new Float64Array(2 * (Np / 2 + 1));
    this.zFull = new Float64Array(2 * Np);
    this.zHalf = new Float64Array(2 * (Np / 2 + 1));
    this.sOut = new Float64Array(Np);
    // Warm the FFT plan caches so forward allocates nothing but its output.
    for (let M = Np; M >= 1; M >>= 1) {
      complexPlan(M);
      realPlan(M);
    }
  }

  /** psi1[n1] at level 0 scaled by 1 / 2^k1 (its following subsampling), sparse. */
  psi1(n1: number, k1: number): SparseResponse {
    return sparsify(this.filters.psi1[n1].levels[0], 1 / 2 ** k1);
  }

  /** psi2[n2] at level k followed by a subsampling 2^k2 (scale 1 / 2^k2 folded in), sparse, cached. */
  psi2(n2: number, k: number, k2: number): SparseResponse {
    const key = `${n2}:${k}:${k2}`;
    let s = this.psi2Cache.get(key);
    if (!s) {
      s = sparsify(level(this.filters.psi2[n2], k), 1 / 2 ** k2);
      this.psi2Cache.set(key, s);
    }
    return s;
  }

  /** phi at level k followed by a subsampling 2^kT (scale 1 / 2^kT folded in), sparse, cached. */
  phi(k: number, kT: number): SparseResponse {
    const key = k * 64 + kT;
    let s = this.phiCache.get(key);
    if (!s) {
      s = sparsify(level(this.filters.phi, k), 1 / 2 ** kT);
      this.phiCache.set(key, s);
    }
    return s;
  }

  /** Reflect-pads x[offset .. offset + N) into `padded` and its half spectrum into `halfX`. */
  input(x: FloatArray, offset: number): void {
    const { padLeft, padRight } = this.padding;
    reflectPad(x, offset, this.N, padLeft, padRight, this.padded);
    this.spectrum(this.padded, this.nPadded, this.halfX);
  }

  /** Low-pass, subsample and unpad one path: half spectrum `half` (length M) → out[dst .. dst + Nout). */
  lowPass(
    half: Float64Array,
    M: number,
    phi: SparseResponse,
    kT: number,
    out: FloatArray,
    dst: number,
  ): void {
    const Mo = M >> kT;
    const z = this.zFull;
    filterPeriodize(half, phi, z, Mo);
    // Kymatio takes real(ifft(z)): the inverse of z's Hermitian part.
    const zh = this.zHalf;
    const h = Mo >> 1;
    for (let m = 0; m <= h; m++) {
      const mm = (Mo - m) & (Mo - 1);
      zh[2 * m] = 0.5 * (z[2 * m] + z[2 * mm]);
      zh[2 * m + 1] = 0.5 * (z[2 * m + 1] - z[2 * mm + 1]);
    }
    const s = this.sOut;
    if (Mo === 1) s[0] = z[0];
    else (realPlan(Mo) as RealPlan).inverse(zh, s);
    const ls = this.log2Stride;
    const i0 = this.padding.indStart[ls];
    const i1 = this.padding.indEnd[ls];
    for (let i = i0; i < i1; i++) out[dst + i - i0] = s[i];
  }

  /** |ifft(periodise(X · psi))| into U (length M / 2^k) from X's half spectrum; returns that length. */
  waveletModulus(half: Float64Array, M: number, psi: SparseResponse, k: number, U: Float64Array): number {
    const Mo = M >> k;
    const w = this.work;
    filterPeriodize(half, psi, w, Mo);
    (complexPlan(Mo) as ComplexPlan).inverse(w, w);
    for (let i = 0; i < Mo; i++) {
      const re = w[2 * i];
      const im = w[2 * i + 1];
      U[i] = Math.sqrt(re * re + im * im);
    }
    return Mo;
  }

  /** Half spectrum (bins 0 .. M/2) of the real signal u[0 .. M). */
  spectrum(u: Float64Array, M: number, half: Float64Array): void {
    if (M === 1) {
      half[0] = u[0];
      half[1] = 0;
      return;
    }
    realPlan(M).forward(u, half);
  }

  /** Σ u[0 .. n) (the 'global' average of a path, as Kymatio sums over time). */
  sum(u: Float64Array, n: number): number {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i];
    return s;
  }
}

/** Level k (subsampled by 2^k) of a filter: stored, or periodised from level 0. */
function level(f: { levels: Float64Array[] }, k: number): Float64Array {
  return k < f.levels.length ? f.levels[k] : periodizeFourier(f.levels[0], 2 ** k);
}
