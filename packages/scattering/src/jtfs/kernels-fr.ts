/**
 * The kernels of the frequential filters, built once per path at construction: a filter's kernel
 * k = ifft(ψ̂_fr) (the 'matrix' route of `frequency.ts` convolves with it along n1), its sparse
 * subsampled rows, the half width of a temporal low-pass's kernel (which time columns reach the
 * output) and the matrix of the frequential low-pass φ_F.
 * @module
 */
import { complexPlan } from "@scatterkit/fft";

/** Sparse kernel rows: taps of output row r are tapN / tapRe / tapIm[rowStart[r] .. rowStart[r + 1]). */
export interface KernelRows {
  rowStart: Int32Array;
  tapN: Int32Array;
  tapRe: Float64Array;
  tapIm: Float64Array;
}

/** Kernel k = ifft(h) of a Fourier response h of length n (complex, interleaved). */
export function kernelOf(h: Float64Array): Float64Array {
  const n = h.length;
  const k = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) k[2 * i] = h[i];
  if (n > 1) complexPlan(n).inverse(k, k);
  return k;
}

/**
 * Sparse rows r < rows of the subsampled circular convolution with kernel k (length NFr):
 * row r takes X[n] (n < n1max) with weight k[(r F − n) mod NFr] where |k| > 1e-14 max|k|.
 */
export function kernelRows(k: Float64Array, NFr: number, F: number, rows: number, n1max: number): KernelRows {
  let mx = 0;
  for (let i = 0; i < NFr; i++) mx = Math.max(mx, Math.hypot(k[2 * i], k[2 * i + 1]));
  const thr = 1e-14 * mx;
  const rowStart = new Int32Array(rows + 1);
  const n: number[] = [];
  const re: number[] = [];
  const im: number[] = [];
  for (let r = 0; r < rows; r++) {
    rowStart[r] = n.length;
    for (let q = 0; q < n1max; q++) {
      const idx = (((r * F - q) % NFr) + NFr) % NFr;
      const a = k[2 * idx];
      const b = k[2 * idx + 1];
      if (Math.hypot(a, b) > thr) {
        n.push(q);
        re.push(a);
        im.push(b);
      }
    }
  }
  rowStart[rows] = n.length;
  return { rowStart, tapN: Int32Array.from(n), tapRe: Float64Array.from(re), tapIm: Float64Array.from(im) };
}

/**
 * Half width w of the kernel of a real, even Fourier response h: the largest circular lag |t| with
 * |Re ifft(h)[t]| > tol · max (h.length when the kernel never falls below it).
 */
export function kernelHalfWidth(h: Float64Array, tol: number): number {
  const n = h.length;
  const k = kernelOf(h);
  let mx = 0;
  for (let i = 0; i < n; i++) mx = Math.max(mx, Math.abs(k[2 * i]));
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs(k[2 * i]) > tol * mx) w = Math.max(w, Math.min(i, n - i));
  }
  return w >= Math.floor(n / 2) ? n : w;
}

/** Real matrix of the frequential low-pass: Wf[r][i] = Re(ifft(h))[(r F − i) mod R], rowsOut × R. */
export function lowpassMatrix(h: Float64Array, F: number, rowsOut: number): Float64Array {
  const R = h.length;
  const k = kernelOf(h);
  const W = new Float64Array(rowsOut * R);
  for (let r = 0; r < rowsOut; r++) {
    for (let i = 0; i < R; i++) W[r * R + i] = k[2 * ((((r * F - i) % R) + R) % R)];
  }
  return W;
}
