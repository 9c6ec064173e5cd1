/**
 * Line operations of the time-frequency scattering transform and their adjoints, on
 * float64 buffers (complex values interleaved re, im). Every linear step has its adjoint
 * next to it, for the vector-Jacobian products (vjp) of the transforms:
 *
 * - filterFold: Fourier-domain filtering by a real response h, then subsampling by F
 *   (periodisation of the spectrum: the mean of its F folds, as Kymatio's subsample_fourier);
 *   adjoint: tile the folds, divide by F, multiply by h (the conjugate of a real h is h).
 * - the unnormalised FFT F and its inverse F^H / n; adjoints F^H = n·ifft and F / n.
 * - modulus |z|; its derivative maps dU to dU · z / |z| (0 where z = 0).
 * @internal
 * @module
 */
import { complexPlan } from "@scatterkit/fft";

/** Complex FFT of n interleaved values of `buf` in place (forward, unnormalised). */
export function fftInPlace(buf: Float64Array, n: number): void {
  if (n > 1) complexPlan(n).forward(buf, buf);
}

/** Inverse complex FFT (scaled by 1 / n) of n interleaved values of `buf` in place. */
export function ifftInPlace(buf: Float64Array, n: number): void {
  if (n > 1) complexPlan(n).inverse(buf, buf);
}

/**
 * dst[m] = (1/F) Σ_{f<F} src[m + f·M'] · h[m + f·M'] for m < M' = M / F (complex src and dst,
 * real h of length M): filtering in Fourier then subsampling by F in time.
 */
export function filterFold(
  src: Float64Array,
  h: Float64Array,
  M: number,
  F: number,
  dst: Float64Array,
): void {
  const Mp = M / F;
  if (F === 1) {
    for (let m = 0; m < M; m++) {
      const w = h[m];
      dst[2 * m] = src[2 * m] * w;
      dst[2 * m + 1] = src[2 * m + 1] * w;
    }
    return;
  }
  const inv = 1 / F;
  dst.fill(0, 0, 2 * Mp);
  for (let f = 0; f < F; f++) {
    const o = f * Mp;
    for (let m = 0; m < Mp; m++) {
      const w = h[o + m];
      if (w === 0) continue;
      const s = 2 * (o + m);
      dst[2 * m] += src[s] * w;
      dst[2 * m + 1] += src[s + 1] * w;
    }
  }
  for (let m = 0; m < 2 * Mp; m++) dst[m] *= inv;
}

/** Adjoint of {@link filterFold}: dsrc[i] += h[i] / F · ddst[i mod M'] for i < M. */
export function filterFoldAdj(
  ddst: Float64Array,
  h: Float64Array,
  M: number,
  F: number,
  dsrc: Float64Array,
): void {
  const Mp = M / F;
  const inv = 1 / F;
  for (let i = 0; i < M; i++) {
    const w = h[i] * inv;
    if (w === 0) continue;
    const m = 2 * (i % Mp);
    dsrc[2 * i] += ddst[m] * w;
    dsrc[2 * i + 1] += ddst[m + 1] * w;
  }
}

/** Scratch buffers for the line operations, grown on demand. */
export class Scratch {
  a = new Float64Array(0);
  b = new Float64Array(0);
  private lineBuf = new Float64Array(0);
  /** A third buffer of at least n values (not used by the line operations themselves). */
  line(n: number): Float64Array {
    if (this.lineBuf.length < n) this.lineBuf = new Float64Array(n);
    return this.lineBuf;
  }
  need(complexLength: number): void {
    if (this.a.length < 2 * complexLength) {
      this.a = new Float64Array(2 * complexLength);
      this.b = new Float64Array(2 * complexLength);
    }
  }
}

/**
 * Real low-pass line: v = Re(ifft(filterFold(fft(u), h, F))), u of length M read at
 * u[off + i·stride], v (length M / F) written at v[voff + i·vstride].
 */
export function lowpassLine(
  s: Scratch,
  u: Float64Array,
  off: number,
  stride: number,
  M: number,
  h: Float64Array,
  F: number,
  v: Float64Array,
  voff: number,
  vstride: number,
): void {
  s.need(M);
  const a = s.a;
  const b = s.b;
  for (let i = 0; i < M; i++) {
    a[2 * i] = u[off + i * stride];
    a[2 * i + 1] = 0;
  }
  fftInPlace(a, M);
  const Mp = M / F;
  filterFold(a, h, M, F, b);
  ifftInPlace(b, Mp);
  for (let i = 0; i < Mp; i++) v[voff + i * vstride] = b[2 * i];
}

/** Adjoint of {@link lowpassLine}: du (length M, accumulated) from dv (length M / F). */
export function lowpassLineAdj(
  s: Scratch,
  dv: Float64Array,
  voff: number,
  vstride: number,
  M: number,
  h: Float64Array,
  F: number,
  du: Float64Array,
  off: number,
  stride: number,
): void {
  s.need(M);
  const a = s.a;
  const b = s.b;
  const Mp = M / F;
  for (let i = 0; i < Mp; i++) {
    b[2 * i] = dv[voff + i * vstride] / Mp;
    b[2 * i + 1] = 0;
  }
  fftInPlace(b, Mp); // adjoint of ifft_{M'} = fft / M'
  a.fill(0, 0, 2 * M);
  filterFoldAdj(b, h, M, F, a);
  ifftInPlace(a, M); // adjoint of fft_M (real input) = Re(M · ifft)
  for (let i = 0; i < M; i++) du[off + i * stride] += M * a[2 * i];
}

/** Adds dU · z / |z| (the modulus' derivative, 0 at z = 0) to the complex dz, n values. */
export function modulusAdj(
  z: Float64Array,
  zoff: number,
  dU: Float64Array,
  uoff: number,
  n: number,
  dz: Float64Array,
  dzoff: number,
): void {
  for (let i = 0; i < n; i++) {
    const re = z[2 * (zoff + i)];
    const im = z[2 * (zoff + i) + 1];
    const r = Math.sqrt(re * re + im * im);
    if (r === 0) continue;
    const g = dU[uoff + i] / r;
    dz[2 * (dzoff + i)] += g * re;
    dz[2 * (dzoff + i) + 1] += g * im;
  }
}
