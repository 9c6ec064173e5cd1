/**
 * The 3-D FFT of HarmonicScattering3D (numpy conventions, interleaved complex, in place), in
 * the natural spectral layout or, optionally, a transposed one that batches the per-row work.
 * @module
 */
import { fftAxis, fftnInPlace } from "@scatterkit/fft";

/**
 * In-place 3-D FFT over an M x N x O interleaved complex buffer (numpy conventions).
 *
 * With `transposed` (an alternative kept for engines whose per-row transforms are slow; off by
 * default, see `HarmonicScattering3D.transposeLimit`), spectra are kept in the layout
 * [kx][kz][ky]: `forward` maps space [x][y][z] to that layout and `inverse` maps it back,
 * so that only the middle axis and the first axis are ever transformed in batches.
 */
export class FFT3 {
  private readonly nat: number[];
  private readonly tr: number[];
  private readonly fwd = { inverse: false };
  private readonly inv = { inverse: true };
  private readonly scratch: Float64Array;
  constructor(
    readonly M: number,
    readonly N: number,
    readonly O: number,
    readonly transposed = false,
  ) {
    this.nat = [M, N, O];
    this.tr = [M, O, N];
    this.scratch = new Float64Array(transposed ? 2 * M * N * O : 0);
  }
  /** Index of spectral bin (a, b, c) = (kx, ky, kz) in the spectral layout (complex units). */
  index(a: number, b: number, c: number): number {
    return this.transposed ? (a * this.O + c) * this.N + b : (a * this.N + b) * this.O + c;
  }
  /** buf <- its forward (spectral layout out) or inverse (1/size scaled, natural layout out) 3-D DFT. */
  run(buf: Float64Array, inverse: boolean): void {
    const { M, N, O } = this;
    if (!this.transposed) {
      fftnInPlace(buf, this.nat, inverse);
      return;
    }
    const t = this.scratch;
    if (!inverse) {
      fftAxis(buf, this.nat, 1, this.fwd);
      fftAxis(buf, this.nat, 0, this.fwd);
      slabTranspose(buf, t, M, N, O);
      fftAxis(t, this.tr, 1, this.fwd);
      buf.set(t);
    } else {
      fftAxis(buf, this.tr, 1, this.inv);
      fftAxis(buf, this.tr, 0, this.inv);
      slabTranspose(buf, t, M, O, N);
      fftAxis(t, this.nat, 1, this.inv);
      buf.set(t);
    }
  }
}

/** dst[a][c][b] = src[a][b][c] for an M x R x C complex array (per-slab transpose). */
function slabTranspose(src: Float64Array, dst: Float64Array, M: number, R: number, C: number): void {
  const RC = R * C;
  for (let a = 0; a < M; a++) {
    const base = 2 * a * RC;
    for (let b = 0; b < R; b++) {
      let s = base + 2 * b * C;
      let d = base + 2 * b;
      for (let c = 0; c < C; c++, s += 2, d += 2 * R) {
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
      }
    }
  }
}

/** Copy of an interleaved complex M x N x O array in the [a][c][b] layout. */
export function toLayout(d: Float32Array, M: number, N: number, O: number): Float32Array {
  const out = new Float32Array(d.length);
  for (let a = 0; a < M; a++)
    for (let b = 0; b < N; b++)
      for (let c = 0; c < O; c++) {
        const s = 2 * ((a * N + b) * O + c);
        const t = 2 * ((a * O + c) * N + b);
        out[t] = d[s];
        out[t + 1] = d[s + 1];
      }
  return out;
}
