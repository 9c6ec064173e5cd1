/**
 * Backend of Scattering2D: the numerical steps its core walk calls and everything they need,
 * built once per transform — FFT plans per resolution, the filters scaled for periodisation
 * with their fold runs, the separable spatial low-pass and the choice between the spatial and
 * the FFT low-pass routes, and every buffer, in one {@link KernelArena} (WebAssembly memory
 * when the SIMD kernels are available). Nothing here knows the path order; see `core.ts`.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import { complexPlan } from "@scatterkit/fft";
import { KYMATIO_2D_PI, type Morlet2DFilterBank, gaussianAxisLevel } from "@scatterkit/filter-banks";
import { CroppedInverseDFT, FFT2, SeparableLowpass, activeRuns, reflectIndex } from "../scattering2d-kernels";
import { KernelArena, denseFoldRuns, sparseFoldRuns } from "../scattering2d-simd";

/** What {@link Backend2D} is built from (sizes fixed by the frontend). */
export interface Backend2DConfig {
  J: number;
  maxOrder: number;
  /** Input shape [M, N] and padded shape [Mp, Np]. */
  shape: readonly [number, number];
  paddedShape: readonly [number, number];
  /** Rows and columns added before the image (reflect padding). */
  top: number;
  left: number;
  /** Output spatial shape [P, Q] = [Mp / 2^J - 2, Np / 2^J - 2]. */
  outputShape: readonly [number, number];
  filters: Morlet2DFilterBank;
  /** Filter bins below this fraction of a filter's maximum are skipped when folding. */
  skipTolerance: number;
  /** Low-pass route of moduli whose spectrum is not needed otherwise ("auto": by flop count). */
  lowpassRoute: "auto" | "fft" | "spatial";
  /** Smallest coarse grid (mJ · nJ) whose last inverse transform uses an FFT. */
  finalFFTMinSize: number;
}

/** Buffers, plans, prepared filters and kernels of one Scattering2D. */
export class Backend2D {
  /** FFT per resolution r: (Mp / 2^r) x (Np / 2^r). */
  readonly fft: FFT2[];
  /** Per resolution r: true when the low-pass of a pair of real images is cheaper via FFT. */
  readonly viaFFT: boolean[];
  /** Per resolution r: packed pair / work spectrum. */
  readonly Z: Float64Array[];
  /** Per resolution r: spectra of the two moduli packed in Z[r] (first order with children). */
  readonly HA: Float64Array[];
  readonly HB: Float64Array[];
  /** Spectra of the two padded input images packed in Z[0]. */
  readonly XA: Float64Array;
  readonly XB: Float64Array;
  /** Filter-multiply-and-fold and modulus kernels (WebAssembly SIMD when available). */
  readonly K: KernelArena;
  private readonly cfg: Backend2DConfig;
  private readonly idft: CroppedInverseDFT;
  /** Inverse FFT on the coarsest grid when cheaper than the cropped dense inverse DFT. */
  private readonly finalFFT: FFT2 | null;
  private readonly spatial: SeparableLowpass[]; // per resolution r < J
  private readonly padRow: Int32Array;
  private readonly padCol: Int32Array;
  private readonly Y: Float64Array[]; // per r: filtered spectrum -> complex signal
  private readonly Y2: Float64Array[]; // per r: second filtered spectrum of a pair
  private readonly A: Float64Array[]; // per r: real modulus a
  private readonly B: Float64Array[]; // per r: real modulus b
  private readonly F: Float64Array;
  /** psiF[n][r]: psi[n].levels[r] / k^2 with k = 2^(j - r), the factor of its periodisation. */
  private readonly psiF: Float64Array[][];
  /**
   * psiRuns[n][r]: fold runs of psi[n].levels[r]: only the bins above `skipTolerance` of the
   * filter's maximum when that leaves fewer than half of them, else every bin.
   */
  private readonly psiRuns: Int32Array[][];
  /** phiF[r], phiRuns[r]: the same for the separable low-pass at resolution r, k = 2^(J - r). */
  private readonly phiF: Float64Array[];
  private readonly phiRuns: Int32Array[];

  constructor(cfg: Backend2DConfig) {
    this.cfg = cfg;
    const { J, maxOrder } = cfg;
    const [M, N] = cfg.shape;
    const [Mp, Np] = cfg.paddedShape;
    const [P, Q] = cfg.outputShape;
    const mJ = Mp / 2 ** J;
    const nJ = Np / 2 ** J;
    // Buffers live in one arena (WebAssembly memory when SIMD kernels are available).
    const K = new KernelArena();
    this.K = K;
    const req = { Z: [] as number[], Y: [] as number[], Y2: [] as number[], A: [] as number[] };
    const reqB: number[] = [];
    const reqHA: number[] = [];
    const reqHB: number[] = [];
    this.fft = [];
    for (let r = 0; r < J; r++) {
      const m = Mp / 2 ** r;
      const n = Np / 2 ** r;
      this.fft.push(new FFT2(m, n));
      req.Z.push(K.f64(2 * m * n));
      req.Y.push(K.f64(2 * m * n));
      req.Y2.push(K.f64(2 * m * n));
      req.A.push(K.f64(m * n));
      reqB.push(K.f64(m * n));
      const children = maxOrder === 2 && r <= J - 2;
      reqHA.push(K.f64(children ? 2 * m * n : 0));
      reqHB.push(K.f64(children ? 2 * m * n : 0));
    }
    const reqXA = K.f64(2 * Mp * Np);
    const reqXB = K.f64(2 * Mp * Np);
    const reqF = K.f64(2 * mJ * nJ);
    // Filters scaled by 1 / k^2 and their fold runs.
    const tol = cfg.skipTolerance;
    const foldRuns = (lv: Float64Array, M1: number, N1: number, k: number): Int32Array => {
      let mx = 0;
      for (let i = 0; i < lv.length; i++) mx = Math.max(mx, Math.abs(lv[i]));
      const rows = activeRuns(lv, M1, N1, N1 / k, mx * tol);
      let active = 0;
      for (let t = 0; t < rows.length; t += 3) active += rows[t + 2] - rows[t + 1];
      return active < 0.5 * lv.length ? sparseFoldRuns(rows, N1, M1 / k, N1 / k) : denseFoldRuns(M1, N1, k);
    };
    const psiSrc = cfg.filters.psi;
    const psiRunsJs = psiSrc.map((p) =>
      p.levels.map((lv, r) => foldRuns(lv, p.levelShapes[r][0], p.levelShapes[r][1], 2 ** (p.j - r))),
    );
    const reqPsiF = psiSrc.map((p) => p.levels.map((lv) => K.f64(lv.length)));
    const reqPsiRuns = psiRunsJs.map((rs) => rs.map((runs) => K.i32(runs.length)));
    // Separable low-pass: phi_r = c a_r (outer) b_r with c = 1 / (2 * 3.1415 * sigma^2).
    const sigma = cfg.filters.phi.sigma;
    const c = 1 / (2 * KYMATIO_2D_PI * sigma * sigma);
    const phiSep: Float64Array[] = [];
    for (let r = 0; r < J; r++) {
      const a = gaussianAxisLevel(Mp, sigma, r);
      const b = gaussianAxisLevel(Np, sigma, r);
      const sep = new Float64Array(a.length * b.length);
      for (let i = 0; i < a.length; i++)
        for (let j = 0; j < b.length; j++) sep[i * b.length + j] = c * a[i] * b[j];
      phiSep.push(sep);
    }
    const phiRunsJs = phiSep.map((sep, r) => foldRuns(sep, Mp / 2 ** r, Np / 2 ** r, 2 ** (J - r)));
    const reqPhiF = phiSep.map((sep) => K.f64(sep.length));
    const reqPhiRuns = phiRunsJs.map((runs) => K.i32(runs.length));
    const bufs = K.finish();
    const f64 = (i: number) => bufs[i] as Float64Array;
    const i32 = (i: number) => bufs[i] as Int32Array;
    this.Z = req.Z.map(f64);
    this.Y = req.Y.map(f64);
    this.Y2 = req.Y2.map(f64);
    this.A = req.A.map(f64);
    this.B = reqB.map(f64);
    this.HA = reqHA.map(f64);
    this.HB = reqHB.map(f64);
    this.XA = f64(reqXA);
    this.XB = f64(reqXB);
    this.F = f64(reqF);
    this.psiF = reqPsiF.map((rs, n) =>
      rs.map((id, r) => {
        const dst = f64(id);
        const src = psiSrc[n].levels[r];
        const sc = 1 / 4 ** (psiSrc[n].j - r);
        for (let i = 0; i < src.length; i++) dst[i] = src[i] * sc;
        return dst;
      }),
    );
    this.psiRuns = reqPsiRuns.map((rs, n) =>
      rs.map((id, r) => {
        const dst = i32(id);
        dst.set(psiRunsJs[n][r]);
        return dst;
      }),
    );
    this.phiF = reqPhiF.map((id, r) => {
      const dst = f64(id);
      const sc = 1 / 4 ** (J - r);
      const src = phiSep[r];
      for (let i = 0; i < src.length; i++) dst[i] = src[i] * sc;
      return dst;
    });
    this.phiRuns = reqPhiRuns.map((id, r) => {
      const dst = i32(id);
      dst.set(phiRunsJs[r]);
      return dst;
    });
    this.idft = new CroppedInverseDFT(mJ, nJ);
    this.finalFFT = mJ * nJ >= cfg.finalFFTMinSize ? new FFT2(mJ, nJ) : null;
    this.spatial = [];
    this.viaFFT = [];
    for (let r = 0; r < J; r++) {
      const a = gaussianAxisLevel(Mp, sigma, r);
      const b = gaussianAxisLevel(Np, sigma, r);
      const m = a.length;
      const n = b.length;
      const gx = realInverse(a);
      for (let i = 0; i < m; i++) gx[i] *= c;
      const gy = realInverse(b);
      const lp = new SeparableLowpass(gx, gy, 2 ** (J - r), P, Q);
      this.spatial.push(lp);
      // Pair via FFT: half a complex 2-D FFT + half a fold + half a cropped inverse DFT per image.
      // Weights calibrated by timing both routes (28x28, 32x32, 64x64; the FFT and the dense
      // inverse-DFT loops run at about 2-3x the throughput of the strided spatial loops).
      const fftCost = 5 * m * n * Math.log2(m * n) * 0.375;
      const viaFFT = 0.5 * fftCost + 2 * m * n + 0.25 * this.idft.cost();
      const route = cfg.lowpassRoute;
      this.viaFFT.push(route === "fft" ? true : route === "spatial" ? false : viaFFT < lp.cost());
    }
    const { top, left } = cfg;
    this.padRow = new Int32Array(Mp);
    for (let i = 0; i < Mp; i++) this.padRow[i] = reflectIndex(i - top, M);
    this.padCol = new Int32Array(Np);
    for (let i = 0; i < Np; i++) this.padCol[i] = reflectIndex(i - left, N);
  }

  /** Reflect-pads image b of `data` into the real (part 0) or imaginary (part 1) slots of Z. */
  pad(data: FloatArray, b: number, Z: Float64Array, part: number): void {
    const [M, N] = this.cfg.shape;
    const [Mp, Np] = this.cfg.paddedShape;
    const { padRow, padCol } = this;
    const inOff = b * M * N;
    for (let i = 0; i < Mp; i++) {
      const src = inOff + padRow[i] * N;
      const dst = 2 * i * Np + part;
      for (let k = 0; k < Np; k++) Z[dst + 2 * k] = data[src + padCol[k]];
    }
  }

  /** Spectra A and B (at resolution r, m x n) of a and b from the spectrum Z of a + i b. */
  split(Z: Float64Array, A: Float64Array, B: Float64Array, r: number): void {
    const f = this.fft[r];
    this.K.split3(Z, A, B, 1, f.m, f.n);
  }

  /**
   * |ifft2(fold(spec * psi[na]))| and the same for nb (when nb >= 0) at resolution r from a
   * spectrum at resolution `level`, then their low-pass into out[offA ..] / out[offB ..]:
   * via one FFT of the packed pair (left in Z[r]) when `viaFFT`, else in space.
   */
  pairModuli(
    spec: Float64Array,
    na: number,
    nb: number,
    level: number,
    r: number,
    viaFFT: boolean,
    out: FloatArray,
    offA: number,
    offB: number,
  ): void {
    const K = this.K;
    const f = this.fft[r];
    const bins = f.m * f.n;
    const Y = this.Y[r];
    const Y2 = this.Y2[r];
    K.fold(spec, this.psiF[na][level], Y, this.psiRuns[na][level], bins);
    f.inverse(Y);
    if (nb >= 0) {
      K.fold(spec, this.psiF[nb][level], Y2, this.psiRuns[nb][level], bins);
      f.inverse(Y2);
    }
    if (viaFFT) {
      const Z = this.Z[r];
      if (nb >= 0) K.modPair(Y, Y2, Z, bins);
      else {
        K.modReal(Y, this.A[r], bins);
        packPair(this.A[r], null, Z);
      }
      f.forward(Z);
      this.lowpassSpectrum(Z, r, out, offA, offB);
    } else {
      K.modReal(Y, this.A[r], bins);
      this.spatial[r].run(this.A[r], out, offA);
      if (nb >= 0) {
        K.modReal(Y2, this.B[r], bins);
        this.spatial[r].run(this.B[r], out, offB);
      }
    }
  }

  /**
   * Low-pass of a packed pair's spectrum Z at resolution r, subsampled to 2^J and cropped:
   * real part to out[offA ..], imaginary part to out[offB ..] (skipped when offB < 0).
   */
  lowpassSpectrum(Z: Float64Array, r: number, out: FloatArray, offA: number, offB: number): void {
    const F = this.F;
    this.K.fold(Z, this.phiF[r], F, this.phiRuns[r], this.idft.m * this.idft.n);
    if (!this.finalFFT) {
      this.idft.run(F, out, offA, out, offB);
      return;
    }
    // Larger coarse grids: one inverse FFT, then the crop.
    this.finalFFT.inverse(F);
    const [P, Q] = this.cfg.outputShape;
    const nJ = Q + 2;
    for (let p = 0; p < P; p++) {
      const src = 2 * ((p + 1) * nJ + 1);
      const oa = offA + p * Q;
      for (let q = 0; q < Q; q++) out[oa + q] = F[src + 2 * q];
      if (offB >= 0) {
        const ob = offB + p * Q;
        for (let q = 0; q < Q; q++) out[ob + q] = F[src + 2 * q + 1];
      }
    }
  }
}

/** Z = a + i b (b = 0 when absent), interleaved. */
function packPair(a: Float64Array, b: Float64Array | null, Z: Float64Array): void {
  if (b) {
    for (let i = 0; i < a.length; i++) {
      Z[2 * i] = a[i];
      Z[2 * i + 1] = b[i];
    }
  } else {
    for (let i = 0; i < a.length; i++) {
      Z[2 * i] = a[i];
      Z[2 * i + 1] = 0;
    }
  }
}

/** Real part of the inverse DFT of a real sequence (numpy ifft, 1/n scaled). */
function realInverse(a: Float64Array): Float64Array {
  const n = a.length;
  const z = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) z[2 * i] = a[i];
  complexPlan(n).inverse(z, z);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = z[2 * i];
  return out;
}
