/**
 * Backend of HarmonicScattering3D: the numerical steps its core walk calls (the rotation
 * covariant modulus sqrt(Σ_m |u ⋆ ψ_{j,l,m}|²), alone or two at a time, the spectra of a pair
 * of real volumes, and the integrals Σ_u U(u)^p), the 3-D FFT, and every buffer and the
 * solid harmonic filters, in one {@link KernelArena} (WebAssembly memory when the SIMD kernels
 * are available). Nothing here knows the path order; see `core.ts`.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import { type SolidHarmonic3DFilterBank, solidHarmonicFilterBank } from "@scatterkit/filter-banks";
import { KernelArena } from "../scattering2d-simd";
import { FFT3, toLayout } from "./fft3";
import { NyquistPlanes } from "./nyquist";

/** What {@link Backend3D} is built from (checked by the frontend). */
export interface Backend3DConfig {
  shape: readonly [number, number, number];
  J: number;
  L: number;
  sigma0: number;
  maxOrder: number;
  integralPowers: readonly number[];
  rotationCovariant: boolean;
  /** False: filter with every m separately even on even grids. */
  pairSymmetry: boolean;
  /** Spectra in the transposed layout (see {@link FFT3}). */
  transposed: boolean;
  /** A bank given by the caller (else the filters are built in the arena). */
  filterBank?: SolidHarmonic3DFilterBank;
}

/** Buffers, filters, FFT and kernels of one HarmonicScattering3D. */
export class Backend3D {
  readonly fft: FFT3;
  /** The solid harmonic filters (Fourier domain, Kymatio's complex64 values). */
  readonly filters: SolidHarmonic3DFilterBank;
  /** True when the filters were built by this backend in its kernels' memory. */
  readonly ownBank: boolean;
  /** Spectrum of the input pair, then of each input volume (XA, XB). */
  readonly X: Float64Array;
  readonly XA: Float64Array;
  readonly XB: Float64Array;
  /** Two first-order moduli packed as real and imaginary parts, then their spectra SA, SB. */
  readonly U1: Float64Array;
  readonly SA: Float64Array;
  readonly SB: Float64Array;
  /** Moduli written by {@link modulus} (acc) and {@link modulus2} (acc, acc2); accB a spare copy. */
  readonly acc: Float64Array;
  readonly acc2: Float64Array;
  readonly accB: Float64Array;
  private readonly cfg: Backend3DConfig;
  private readonly Y: Float64Array;
  /** True when every axis is even: pairs (m, -m) share one inverse FFT. */
  private readonly pairs: boolean;
  private readonly planes: Float64Array[];
  private readonly planes2: Float64Array[];
  private readonly nyquist: NyquistPlanes | null;
  /** Filter data in the FFT's spectral layout: spectral[l][j][m + l]. */
  private readonly spectral: Float32Array[][][];
  /** Per-voxel kernels (WebAssembly SIMD when available); every buffer above lives in it. */
  private readonly K: KernelArena;
  private readonly sumsOut = [0, 0, 0];

  constructor(cfg: Backend3DConfig) {
    this.cfg = cfg;
    const { J, L, sigma0, maxOrder } = cfg;
    const [M, N, O] = cfg.shape;
    const fb = cfg.filterBank;
    this.fft = new FFT3(M, N, O, cfg.transposed);
    // Built here (natural layout) the bank is written straight into the kernels' memory below.
    const bankIn =
      fb ?? (this.fft.transposed ? solidHarmonicFilterBank({ shape: [M, N, O], J, L, sigma0 }) : null);
    const V = M * N * O;
    const K = new KernelArena();
    this.K = K;
    const reqSpectral = Array.from({ length: L + 1 }, (_, l) =>
      Array.from({ length: J + 1 }, () => Array.from({ length: 2 * l + 1 }, () => K.f32(2 * V))),
    );
    const second = maxOrder === 2 && J > 0;
    this.pairs = M % 2 === 0 && N % 2 === 0 && O % 2 === 0 && cfg.pairSymmetry;
    const planeSizes = this.pairs ? NyquistPlanes.sizes(M, N, O) : [];
    const ids = {
      X: K.f64(2 * V),
      Y: K.f64(2 * V),
      U1: K.f64(2 * V),
      acc: K.f64(V),
      XA: K.f64(2 * V),
      XB: K.f64(2 * V),
      SA: K.f64(second ? 2 * V : 0),
      SB: K.f64(second ? 2 * V : 0),
      acc2: K.f64(V),
      accB: K.f64(V),
      planes: planeSizes.map((n) => K.f64(n)),
      planes2: planeSizes.map((n) => K.f64(n)),
    };
    const bufs = K.finish();
    const f64 = (i: number) => bufs[i] as Float64Array;
    this.ownBank = !bankIn;
    if (bankIn) {
      const bank = bankIn.filters;
      this.spectral = reqSpectral.map((perJ, l) =>
        perJ.map((list, j) =>
          list.map((id, m) => {
            const dst = bufs[id] as Float32Array;
            const src = bank[l][j][m].data;
            if (this.fft.transposed) dst.set(toLayout(src, M, N, O));
            else dst.set(src);
            return dst;
          }),
        ),
      );
      // Natural layout: the filters' data live once, in the kernels' memory (workers get copies).
      this.filters = this.fft.transposed
        ? bankIn
        : {
            ...bankIn,
            filters: bank.map((perJ, l) =>
              perJ.map((list, j) => list.map((f, m) => ({ ...f, data: this.spectral[l][j][m] }))),
            ),
          };
    } else {
      const views = reqSpectral.flat(2).map((id) => bufs[id] as Float32Array);
      let next = 0;
      this.filters = solidHarmonicFilterBank({
        shape: [M, N, O],
        J,
        L,
        sigma0,
        allocate: () => views[next++],
      });
      this.spectral = this.filters.filters.map((perJ) => perJ.map((list) => list.map((f) => f.data)));
    }
    this.X = f64(ids.X);
    this.Y = f64(ids.Y);
    this.U1 = f64(ids.U1);
    this.acc = f64(ids.acc);
    this.XA = f64(ids.XA);
    this.XB = f64(ids.XB);
    this.SA = f64(ids.SA);
    this.SB = f64(ids.SB);
    this.acc2 = f64(ids.acc2);
    this.accB = f64(ids.accB);
    this.planes = ids.planes.map(f64);
    this.planes2 = ids.planes2.map(f64);
    this.nyquist = this.pairs ? new NyquistPlanes(cfg.shape, this.fft) : null;
  }

  /** Spectra of a and b from the spectrum Z of a + i b (a, b real), in the FFT's layout. */
  split(Z: Float64Array, A: Float64Array, B: Float64Array): void {
    const [M, N, O] = this.cfg.shape;
    const t = this.fft.transposed;
    this.K.split3(Z, A, B, M, t ? O : N, t ? N : O);
  }

  /** acc <- sqrt(sum_m |ifft(spec * psi_{j,l,m})|^2). */
  modulus(spec: Float64Array, l: number, j: number): void {
    const { acc } = this;
    const V = acc.length;
    acc.fill(0);
    const list = this.spectral[l][j];
    if (!this.cfg.rotationCovariant) {
      this.filterInverse(spec, list[0]);
      this.addSquares(1);
    } else if (!this.pairs) {
      for (const f of list) {
        this.filterInverse(spec, f);
        this.addSquares(1);
      }
    } else {
      // m = 0, then each pair (m, -m) from one inverse FFT (see `addPair`).
      this.filterInverse(spec, list[l]);
      this.addSquares(1);
      for (let m = 1; m <= l; m++) {
        this.filterInverse(spec, list[l + m]);
        this.addPair(spec, list[l + m], list[l - m], m % 2 === 0 ? 1 : -1, this.acc);
      }
    }
    this.K.sqrtInPlace(acc, V);
  }

  /**
   * Two moduli at once: this.acc <- U for (specA, l, ja) and this.acc2 <- U for (specB, l, jb).
   * Their m = 0 terms share one inverse FFT: psi_{j,l,0} is Hermitian (R psi = psi, R the
   * conjugate reflection) off the Nyquist planes, so ifft(specA psi_a + i specB psi_b) =
   * (r_a + e_a) + i (r_b + e_b) with r real and e = ifft(spec K), K = (psi - R psi) / 2 on the planes;
   * then u_a = Re Z + Im e_b + i Im e_a and u_b = Im Z - Im e_a + i Im e_b.
   */
  modulus2(specA: Float64Array, ja: number, specB: Float64Array, jb: number, l: number): void {
    const { acc, acc2, Y } = this;
    if (!this.cfg.rotationCovariant || !this.pairs) {
      this.modulus(specB, l, jb);
      acc2.set(acc);
      this.modulus(specA, l, ja);
      return;
    }
    const [M, N, O] = this.cfg.shape;
    const nyq = this.nyquist as NyquistPlanes;
    const fa = this.spectral[l][ja];
    const fb = this.spectral[l][jb];
    const pa = fa[l];
    const pb = fb[l];
    this.K.cmul2(specA, pa, specB, pb, Y, Y.length / 2);
    this.fft.run(Y, true);
    nyq.correction(specA, pa, pa, 1, 0.5, this.planes);
    nyq.correction(specB, pb, pb, 1, 0.5, this.planes2);
    this.K.mod2(Y, acc, acc2, this.planes, this.planes2, M, N, O);
    for (let m = 1; m <= l; m++) {
      const s = m % 2 === 0 ? 1 : -1;
      this.filterInverse(specA, fa[l + m]);
      this.addPair(specA, fa[l + m], fa[l - m], s, acc);
      this.filterInverse(specB, fb[l + m]);
      this.addPair(specB, fb[l + m], fb[l - m], s, acc2);
    }
    this.K.sqrtInPlace(acc, acc.length);
    this.K.sqrtInPlace(acc2, acc2.length);
  }

  /** out[o + q] = float32(sum_u acc(u)^{p_q}). */
  integrals(out: FloatArray, o: number, acc: Float64Array = this.acc): void {
    const powers = this.cfg.integralPowers;
    const V = acc.length;
    // Kymatio's default powers (0.5, 1, 2) in one pass; others each in their own pass.
    let sHalf = 0;
    let sOne = 0;
    let sTwo = 0;
    const wantHalf = powers.includes(0.5);
    const wantTwo = powers.includes(2);
    if (wantHalf && wantTwo) {
      const sums = this.sumsOut;
      this.K.sums(acc, V, sums);
      sHalf = sums[0];
      sOne = sums[1];
      sTwo = sums[2];
    } else {
      for (let v = 0; v < V; v++) {
        const a = acc[v];
        sOne += a;
        sTwo += a * a;
      }
      if (wantHalf) for (let v = 0; v < V; v++) sHalf += Math.sqrt(acc[v]);
    }
    for (let q = 0; q < powers.length; q++) {
      const p = powers[q];
      let s: number;
      if (p === 1) s = sOne;
      else if (p === 2) s = sTwo;
      else if (p === 0.5) s = sHalf;
      else {
        s = 0;
        for (let v = 0; v < V; v++) s += acc[v] ** p;
      }
      out[o + q] = Math.fround(s);
    }
  }

  /** Y <- ifftn(spec * filt). */
  private filterInverse(spec: Float64Array, d: Float32Array): void {
    const Y = this.Y;
    this.K.cmul(spec, d, Y, Y.length / 2);
    this.fft.run(Y, true);
  }

  /** acc += w |Y|^2. */
  private addSquares(w: number): void {
    const { Y, acc } = this;
    for (let v = 0; v < acc.length; v++) {
      const re = Y[2 * v];
      const im = Y[2 * v + 1];
      acc[v] += w * (re * re + im * im);
    }
  }

  /**
   * With Y = u_m = ifft(X psi_m) for a real input (X Hermitian): the filter of -m satisfies
   * psi_{-m}[k] = s conj(psi_m[-k]) (s = (-1)^m) wherever the grid is symmetric, so
   * u_{-m} = s conj(u_m) + e with e = ifft(X E), E = psi_{-m} - s conj(psi_m[-k]) supported on the
   * Nyquist planes of the even axes (computed exactly by three 2-D inverse FFTs of planes).
   * acc += |u_m|^2 + |u_{-m}|^2.
   */
  private addPair(
    spec: Float64Array,
    pos: Float32Array,
    neg: Float32Array,
    s: number,
    acc: Float64Array,
  ): void {
    const [M, N, O] = this.cfg.shape;
    (this.nyquist as NyquistPlanes).correction(spec, pos, neg, s, 1, this.planes);
    this.K.addPair3(this.Y, acc, this.planes, M, N, O, s);
  }
}
