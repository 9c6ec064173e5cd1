/**
 * The numerical steps of time-frequency scattering and their adjoints, in float64 (complex
 * values interleaved re, im): reflect padding and FFT of the signal, the temporal low-pass of
 * order 0, the first-order wavelet-modulus-low-pass rows, the second-order temporal blocks and
 * the frequential transform of a block (delegated to the engine of `frequency.ts`). The backend
 * owns the scratch buffers of the frequential engine; FFT plans are @scatterkit/fft's cached
 * plans (`ops.ts`). It knows nothing of the path order, which `core.ts` and `adjoint.ts` walk.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import { reflectPadAdj, reflectPadInto } from "./filters";
import type { TimePadding } from "./filters";
import {
  FrequencyWork,
  columnSpectra,
  columnSpectraAdj,
  frequencyPathBackward,
  frequencyPathForward,
} from "./frequency";
import { Scratch, fftInPlace, filterFold, filterFoldAdj, ifftInPlace, modulusAdj } from "./ops";
import type { FirstOrderTime, JointPath, SecondOrderTime } from "./plan";

/** Maps output row r of a path to its index in the output array, or -1 (row dropped). */
export type RowIndex = (p: JointPath, r: number) => number;

/** The numerical steps of one TimeFrequencyScattering (signal length N, padded length Np). */
export class JtfsBackend {
  private readonly scratch = new Scratch();
  private readonly work = new FrequencyWork();

  constructor(
    readonly N: number,
    readonly padding: TimePadding,
  ) {}

  /** The reflect-padded signal xp (length Np) and its spectrum X (complex, Np). */
  input(x: ArrayLike<number>, xOff: number): { xp: Float64Array; X: Float64Array } {
    const Np = this.padding.nPadded;
    const xp = new Float64Array(Np);
    reflectPadInto(x, xOff, this.N, this.padding.padLeft, this.padding.padRight, xp);
    const X = new Float64Array(2 * Np);
    for (let i = 0; i < Np; i++) X[2 * i] = xp[i];
    fftInPlace(X, Np);
    return { xp, X };
  }

  /** Order 0, local T: Re(ifft(fold(X · φ, 2^ls)))[i0 .. i0 + L) into out[oOff ..]. */
  lowpass0(
    X: Float64Array,
    phi0: Float64Array,
    ls: number,
    i0: number,
    L: number,
    out: FloatArray,
    oOff: number,
  ): void {
    const Np = this.padding.nPadded;
    const z = new Float64Array(2 * (Np >> ls));
    filterFold(X, phi0, Np, 2 ** ls, z);
    ifftInPlace(z, Np >> ls);
    for (let i = 0; i < L; i++) out[oOff + i] = z[2 * (i0 + i)];
  }

  /** Order 0, global T: the sum of the padded signal. */
  sum0(xp: Float64Array): number {
    let acc = 0;
    for (let i = 0; i < xp.length; i++) acc += xp[i];
    return acc;
  }

  /**
   * First-order row n1: Z1 = ifft(fold(X · ψ1, 2^k1)), U1hat = fft(|Z1|) (complex, M1 = Np / 2^k1),
   * and S1[n1] = Re(ifft(fold(U1hat · φ, 2^kT))) (Nt values) written to S1 at row n1.
   */
  firstOrder(
    fo: FirstOrderTime,
    X: Float64Array,
    S1: Float64Array,
    Nt: number,
  ): { Z1: Float64Array; U1hat: Float64Array } {
    const Np = this.padding.nPadded;
    const M1 = Np >> fo.k1;
    const z = new Float64Array(2 * M1);
    filterFold(X, fo.psi, Np, 2 ** fo.k1, z);
    ifftInPlace(z, M1);
    const u = new Float64Array(2 * M1);
    for (let i = 0; i < M1; i++) {
      const re = z[2 * i];
      const im = z[2 * i + 1];
      u[2 * i] = Math.sqrt(re * re + im * im);
    }
    fftInPlace(u, M1);
    const w = new Float64Array(2 * Nt);
    filterFold(u, fo.phi, M1, 2 ** fo.kT, w);
    ifftInPlace(w, Nt);
    for (let i = 0; i < Nt; i++) S1[fo.n1 * Nt + i] = w[2 * i];
    return { Z1: z, U1hat: u };
  }

  /** S1 (rows × Nt real) as a complex block. */
  complexBlock(S1: Float64Array): Float64Array {
    const S1c = new Float64Array(2 * S1.length);
    for (let i = 0; i < S1.length; i++) S1c[2 * i] = S1[i];
    return S1c;
  }

  /** Y2 rows n1 < n1max: ifft(fold(U1hat[n1] · ψ2 at level k1, 2^k2)), complex, n1max × M2. */
  secondOrderStack(so: SecondOrderTime, first: FirstOrderTime[], U1hat: Float64Array[]): Float64Array {
    const M2 = so.M2;
    const Y2 = new Float64Array(2 * so.n1max * M2);
    for (let r = 0; r < so.n1max; r++) {
      const M1 = this.padding.nPadded >> first[r].k1;
      const z = Y2.subarray(2 * r * M2, 2 * (r + 1) * M2);
      filterFold(U1hat[r], so.psi[r], M1, 2 ** so.k2[r], z);
      ifftInPlace(z, M2);
    }
    return Y2;
  }

  /**
   * The frequential paths of one block X (complex, rows × Mt): each path's output rows r go to
   * out[index(p, r)] (skipped where index gives -1). The column spectra of the 'fft' route are
   * computed once for the block, over the union of the paths' time columns.
   */
  blockForward(paths: JointPath[], X: Float64Array, out: FloatArray, index: RowIndex): void {
    const p0 = paths[0].plan;
    const c0 = Math.min(...paths.map((p) => p.plan.c0));
    const c1 = Math.max(...paths.map((p) => p.plan.c1));
    const Xhat = paths.some((p) => p.plan.route === "fft")
      ? columnSpectra(X, p0.n1max, p0.Mt, p0.NFr, c0, c1)
      : null;
    for (const p of paths) {
      frequencyPathForward(p.plan, X, Xhat, this.work, this.scratch, out, (r) => index(p, r));
    }
  }

  // ---------------------------------------------------------------- adjoints

  /** Adjoint of {@link blockForward}: the gradient of the block X (complex, rows × Mt). */
  blockBackward(paths: JointPath[], X: Float64Array, dy: FloatArray, index: RowIndex): Float64Array {
    const p0 = paths[0].plan;
    const useFft = paths.some((p) => p.plan.route === "fft");
    const c0 = Math.min(...paths.map((p) => p.plan.c0));
    const c1 = Math.max(...paths.map((p) => p.plan.c1));
    const Xhat = useFft ? columnSpectra(X, p0.n1max, p0.Mt, p0.NFr, c0, c1) : null;
    const dXhat = useFft ? new Float64Array(2 * p0.Mt * p0.NFr) : null;
    const dX = new Float64Array(2 * p0.n1max * p0.Mt);
    for (const p of paths) {
      frequencyPathBackward(p.plan, X, Xhat, this.work, this.scratch, dy, (r) => index(p, r), dX, dXhat);
    }
    if (dXhat) columnSpectraAdj(dXhat, p0.n1max, p0.Mt, p0.NFr, dX, c0, c1);
    return dX;
  }

  /** Adjoint of {@link lowpass0}: adds to dX (complex, Np) the gradient of dy[dOff .. dOff + L). */
  lowpass0Adj(
    dy: FloatArray,
    dOff: number,
    phi0: Float64Array,
    ls: number,
    i0: number,
    L: number,
    dX: Float64Array,
  ): void {
    const Np = this.padding.nPadded;
    const Mo = Np >> ls;
    const g = new Float64Array(2 * Mo);
    for (let i = 0; i < L; i++) g[2 * (i0 + i)] = dy[dOff + i] / Mo;
    fftInPlace(g, Mo);
    filterFoldAdj(g, phi0, Np, 2 ** ls, dX);
  }

  /** Adjoint of the low-pass step of {@link firstOrder}: adds to dU1hat the gradient of S1's row (from the complex dS1). */
  firstOrderLowpassAdj(fo: FirstOrderTime, dS1: Float64Array, Nt: number, dU1hat: Float64Array): void {
    const M1 = this.padding.nPadded >> fo.k1;
    const g = new Float64Array(2 * Nt);
    for (let i = 0; i < Nt; i++) g[2 * i] = dS1[2 * (fo.n1 * Nt + i)] / Nt;
    fftInPlace(g, Nt);
    filterFoldAdj(g, fo.phi, M1, 2 ** fo.kT, dU1hat);
  }

  /** Adjoint of {@link secondOrderStack}: adds to dU1hat[r] the gradient of each row of dY2 (dY2 is overwritten). */
  secondOrderStackAdj(
    so: SecondOrderTime,
    first: FirstOrderTime[],
    dY2: Float64Array,
    dU1hat: Float64Array[],
  ): void {
    const M2 = so.M2;
    for (let r = 0; r < so.n1max; r++) {
      const g = dY2.subarray(2 * r * M2, 2 * (r + 1) * M2);
      for (let k = 0; k < 2 * M2; k++) g[k] /= M2;
      fftInPlace(g, M2);
      const M1 = this.padding.nPadded >> first[r].k1;
      filterFoldAdj(g, so.psi[r], M1, 2 ** so.k2[r], dU1hat[r]);
    }
  }

  /** Adjoint of the wavelet-modulus step of {@link firstOrder}: adds to dX the gradient of U1hat (dU1hat is overwritten). */
  waveletModulusAdj(fo: FirstOrderTime, Z1: Float64Array, dU1hat: Float64Array, dX: Float64Array): void {
    const Np = this.padding.nPadded;
    const M1 = Np >> fo.k1;
    const g = dU1hat;
    ifftInPlace(g, M1);
    const dU1 = new Float64Array(M1);
    for (let i = 0; i < M1; i++) dU1[i] = M1 * g[2 * i];
    const dZ = new Float64Array(2 * M1);
    modulusAdj(Z1, 0, dU1, 0, M1, dZ, 0);
    for (let k = 0; k < 2 * M1; k++) dZ[k] /= M1;
    fftInPlace(dZ, M1);
    filterFoldAdj(dZ, fo.psi, Np, 2 ** fo.k1, dX);
  }

  /** Adjoint of {@link input}: the gradient of X (overwritten) and of xp into gx[gOff .. gOff + N). */
  inputAdj(dX: Float64Array, dxp: Float64Array, gx: Float64Array, gOff: number): void {
    const Np = this.padding.nPadded;
    ifftInPlace(dX, Np);
    for (let i = 0; i < Np; i++) dxp[i] += Np * dX[2 * i];
    reflectPadAdj(dxp, this.N, this.padding.padLeft, this.padding.padRight, gx, gOff);
  }
}
