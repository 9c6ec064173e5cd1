/**
 * Core of Scattering2D: the scattering path walk (Kymatio's `scattering2d` core).
 *
 *   order 0:  x ⋆ φ_J
 *   order 1:  |x ⋆ ψ_{j1,θ1}| ⋆ φ_J                     channel 1 + n1, n1 = j1 L + θ1
 *   order 2:  ||x ⋆ ψ_{j1,θ1}| ⋆ ψ_{j2,θ2}| ⋆ φ_J       j2 > j1, channels in (n1, n2) order
 *
 * every output subsampled by 2^J and cropped. Work is shared in pairs: two images share one
 * forward FFT (packed as a + i b), two orientations share the low-pass of their moduli, and a
 * first-order pair's packed spectrum feeds both children's second-order paths. The walk
 * allocates nothing: buffers, plans and kernels live in the backend.
 * @module
 */
import type { FloatArray } from "@scatterkit/core";
import type { Backend2D } from "./backend";

/** Output layout of one Scattering2D. */
export interface Layout2D {
  J: number;
  L: number;
  maxOrder: number;
  /** Output values per channel (P · Q). */
  block: number;
  /** Number of channels. */
  nPaths: number;
  /** ch2Start[n1]: first output channel of the second-order paths (n1, ·). */
  ch2Start: Int32Array;
}

/** The output layout: channel counts and where each first-order path's children start. */
export function layout2D(J: number, L: number, maxOrder: number, block: number): Layout2D {
  const nPaths = 1 + J * L + (maxOrder === 2 ? (L * L * J * (J - 1)) / 2 : 0);
  const ch2Start = new Int32Array(J * L);
  let ch = 1 + J * L;
  for (let n1 = 0; n1 < J * L; n1++) {
    ch2Start[n1] = ch;
    const j1 = Math.floor(n1 / L);
    ch += (J - 1 - j1) * L;
  }
  return { J, L, maxOrder, block, nPaths, ch2Start };
}

/**
 * Images b0 .. b1-1 of `data` into `out` starting at image offset `o0` (in images): image b
 * at (o0 + b - b0) · nPaths · block. Images are taken two at a time (one FFT for both).
 */
export function scatter2D(
  lay: Layout2D,
  be: Backend2D,
  data: FloatArray,
  b0: number,
  b1: number,
  out: FloatArray,
  o0: number,
): void {
  const per = lay.nPaths * lay.block;
  for (let b = b0; b < b1; b += 2) {
    const pair = b + 1 < b1;
    const Z = be.Z[0];
    be.pad(data, b, Z, 0);
    if (pair) be.pad(data, b + 1, Z, 1);
    else for (let i = 1; i < Z.length; i += 2) Z[i] = 0;
    be.fft[0].forward(Z);
    const baseA = (o0 + b - b0) * per;
    const baseB = pair ? baseA + per : -1;
    // Order 0 of both images from the packed spectrum.
    be.lowpassSpectrum(Z, 0, out, baseA, baseB);
    if (pair) {
      be.split(Z, be.XA, be.XB, 0);
      orders12(lay, be, be.XA, out, baseA);
      orders12(lay, be, be.XB, out, baseB);
    } else {
      be.XA.set(Z);
      orders12(lay, be, be.XA, out, baseA);
    }
  }
}

/** Orders 1 and 2 of one image from its padded spectrum X. */
function orders12(lay: Layout2D, be: Backend2D, X: Float64Array, out: FloatArray, base: number): void {
  const { J, L, maxOrder, block } = lay;
  for (let j1 = 0; j1 < J; j1++) {
    const children = maxOrder === 2 && j1 <= J - 2;
    for (let t = 0; t < L; t += 2) {
      const na = j1 * L + t;
      const nb = t + 1 < L ? na + 1 : -1;
      const offA = base + (1 + na) * block;
      const offB = nb >= 0 ? base + (1 + nb) * block : -1;
      be.pairModuli(X, na, nb, 0, j1, children || be.viaFFT[j1], out, offA, offB);
      if (children) {
        be.split(be.Z[j1], be.HA[j1], be.HB[j1], j1);
        order2(lay, be, be.HA[j1], j1, na, out, base);
        if (nb >= 0) order2(lay, be, be.HB[j1], j1, nb, out, base);
      }
    }
  }
}

/** Second-order paths (n1, n2), j2 > j1, from the spectrum H of U1[n1] at resolution j1. */
function order2(
  lay: Layout2D,
  be: Backend2D,
  H: Float64Array,
  j1: number,
  n1: number,
  out: FloatArray,
  base: number,
): void {
  const { J, L, block } = lay;
  const start = lay.ch2Start[n1];
  for (let j2 = j1 + 1; j2 < J; j2++) {
    for (let t = 0; t < L; t += 2) {
      const na = j2 * L + t;
      const nb = t + 1 < L ? na + 1 : -1;
      const offA = base + (start + na - (j1 + 1) * L) * block;
      const offB = nb >= 0 ? offA + block : -1;
      be.pairModuli(H, na, nb, j1, j2, be.viaFFT[j2], out, offA, offB);
    }
  }
}
