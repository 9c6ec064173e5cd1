/**
 * The frequential half of a JTFS path and its adjoint: for a block X (rows n1 < n1max, Mt time
 * columns, complex, row-major) zero-padded along n1 to nPaddedFr,
 *
 *   Y   = (X ⋆_fr ψ_fr) subsampled by 2^kFr          (wavelet step, per time column)
 *   U   = |Y|
 *   V   = U ⋆_fr φ_F subsampled by 2^kJ  | Σ_rows U | U     (frequential averaging)
 *   out = V ⋆_t φ_T subsampled, unpadded | Σ_t V | V       (temporal averaging)
 *
 * Kymatio averages in time before frequency; both are linear maps on different axes, so they
 * commute exactly, and averaging in frequency first leaves only the output rows to average in
 * time (in format 'time' most rows are dropped by the frequential unpadding).
 *
 * The wavelet step uses either Kymatio's route (FFT of each column, filter, fold, inverse FFT)
 * or, when cheaper, the same circular convolution in the n1 domain with the filter's kernel
 * k = ifft(ψ̂_fr) restricted to its taps above 1e-14 of its peak (above the FFT round-off floor) (the others change outputs by
 * less than 1e-15 relative): Y[r] = Σ_n k[(r 2^kFr − n) mod nPaddedFr] X[n].
 * @internal
 * @module
 */
import type { KernelRows } from "./kernels-fr";
import {
  type Scratch,
  fftInPlace,
  filterFold,
  filterFoldAdj,
  ifftInPlace,
  lowpassLine,
  lowpassLineAdj,
} from "./ops";

/** Everything one frequential path needs, fixed at construction. */
export interface FrequencyPathPlan {
  /** Padded frequency length and the wavelet's Fourier response (length NFr). */
  NFr: number;
  h: Float64Array;
  kFr: number;
  /** Rows of the wavelet output Y (NFr / 2^kFr) and how many of them are computed. */
  rowsY: number;
  rowsComputed: number;
  /** Input rows (n1max) and time columns. */
  n1max: number;
  Mt: number;
  /**
   * Time columns [c0, c1) that reach the output: the temporal low-pass's kernel (taps above 1e-13
   * of its peak) around the unpadded output samples. The other columns are treated as zero.
   */
  c0: number;
  c1: number;
  /** 'matrix' (sparse kernel rows) or 'fft' (Kymatio's route). */
  route: "matrix" | "fft";
  kernel: KernelRows | null;
  /** Rows of Y that can be non-zero (rows with kernel taps on the 'matrix' route; all on 'fft'). */
  active: Int32Array;
  /** Frequential averaging: local (Wf, rowsOut × rowsY), global (sum), none (row pick). */
  avgFr: "local" | "global" | null;
  Wf: Float64Array | null;
  /** Output rows (after frequential averaging and unpadding). */
  rowsOut: number;
  /** Temporal stage: 'lowpass' (φ at the given level, subsampling 2^kT), 'sum', or 'none'. */
  time: "lowpass" | "sum" | "none";
  phiT: Float64Array | null;
  kT: number;
  /** Output columns: the unpadded [i0, i0 + L) of the averaged time axis (L = 1 for 'sum'). */
  i0: number;
  L: number;
}

/** Growable scratch buffers of the frequential engine. */
export class FrequencyWork {
  Y = new Float64Array(0);
  U = new Float64Array(0);
  V = new Float64Array(0);
  col = new Float64Array(0);
  grow(p: FrequencyPathPlan): void {
    const y = 2 * p.rowsY * p.Mt;
    if (this.Y.length < y) this.Y = new Float64Array(y);
    const u = p.rowsY * p.Mt;
    if (this.U.length < u) this.U = new Float64Array(u);
    const v = Math.max(p.rowsOut, 1) * p.Mt;
    if (this.V.length < v) this.V = new Float64Array(v);
    if (this.col.length < 2 * p.NFr) this.col = new Float64Array(2 * p.NFr);
  }
}

/**
 * Column spectra of a block (n1max × Mt complex, row-major) zero-padded to NFr rows: returns
 * Mt × NFr complex (time-major). Used by the 'fft' route.
 */
export function columnSpectra(
  X: Float64Array,
  n1max: number,
  Mt: number,
  NFr: number,
  c0 = 0,
  c1 = Mt,
): Float64Array {
  const Xh = new Float64Array(2 * Mt * NFr);
  for (let t = c0; t < c1; t++) {
    const o = 2 * t * NFr;
    for (let r = 0; r < n1max; r++) {
      Xh[o + 2 * r] = X[2 * (r * Mt + t)];
      Xh[o + 2 * r + 1] = X[2 * (r * Mt + t) + 1];
    }
    fftInPlace(Xh.subarray(o, o + 2 * NFr), NFr);
  }
  return Xh;
}

/** Wavelet step: Y rows [0, rowsComputed) (complex, row-major, Mt columns) into w.Y. */
function waveletForward(
  p: FrequencyPathPlan,
  X: Float64Array,
  Xhat: Float64Array | null,
  w: FrequencyWork,
): void {
  const Mt = p.Mt;
  const Y = w.Y;
  const rows = p.rowsComputed;
  if (p.route === "matrix") {
    const { rowStart, tapN, tapRe, tapIm } = p.kernel as KernelRows;
    for (let a = 0; a < p.active.length; a++) {
      const r = p.active[a];
      const yo = 2 * r * Mt;
      Y.fill(0, yo, yo + 2 * Mt);
      for (let q = rowStart[r]; q < rowStart[r + 1]; q++) {
        const a = tapRe[q];
        const b = tapIm[q];
        const xo = 2 * tapN[q] * Mt;
        for (let t = 2 * p.c0; t < 2 * p.c1; t += 2) {
          const xr = X[xo + t];
          const xi = X[xo + t + 1];
          Y[yo + t] += a * xr - b * xi;
          Y[yo + t + 1] += a * xi + b * xr;
        }
      }
    }
    return;
  }
  const NFr = p.NFr;
  const R = p.rowsY;
  const tmp = w.col;
  const F = 2 ** p.kFr;
  for (let t = p.c0; t < p.c1; t++) {
    filterFold((Xhat as Float64Array).subarray(2 * t * NFr, 2 * (t + 1) * NFr), p.h, NFr, F, tmp);
    ifftInPlace(tmp, R);
    for (let r = 0; r < rows; r++) {
      Y[2 * (r * Mt + t)] = tmp[2 * r];
      Y[2 * (r * Mt + t) + 1] = tmp[2 * r + 1];
    }
  }
}

/** Frequential averaging of U (rowsComputed × Mt) into w.V (rowsOut × Mt); returns the array holding V. */
function frequencyAverage(p: FrequencyPathPlan, w: FrequencyWork): Float64Array {
  const Mt = p.Mt;
  const U = w.U;
  const V = w.V;
  if (p.avgFr === "global") {
    V.fill(0, 0, Mt);
    for (let a = 0; a < p.active.length; a++) {
      const o = p.active[a] * Mt;
      for (let t = p.c0; t < p.c1; t++) V[t] += U[o + t];
    }
    return V;
  }
  if (p.avgFr === "local") {
    const W = p.Wf as Float64Array;
    const R = p.rowsY;
    V.fill(0, 0, p.rowsOut * Mt);
    for (let r = 0; r < p.rowsOut; r++) {
      const vo = r * Mt;
      for (let a = 0; a < p.active.length; a++) {
        const i = p.active[a];
        const c = W[r * R + i];
        if (c === 0) continue;
        const uo = i * Mt;
        for (let t = p.c0; t < p.c1; t++) V[vo + t] += c * U[uo + t];
      }
    }
    return V;
  }
  return U;
}

/**
 * Forward of one path on block X (and its column spectra Xhat for the 'fft' route): writes
 * output row r (r < rowsOut, L values) at out[dst(r)] for each r with dst(r) >= 0.
 */
export function frequencyPathForward(
  p: FrequencyPathPlan,
  X: Float64Array,
  Xhat: Float64Array | null,
  w: FrequencyWork,
  s: Scratch,
  out: ArrayLike<number> & { [i: number]: number },
  dst: (r: number) => number,
): void {
  w.grow(p);
  waveletForward(p, X, Xhat, w);
  const Y = w.Y;
  const U = w.U;
  const partial = p.c0 > 0 || p.c1 < p.Mt;
  if (p.avgFr === null && (partial || p.active.length < p.rowsComputed)) U.fill(0, 0, p.rowsComputed * p.Mt);
  for (let a = 0; a < p.active.length; a++) {
    const i0 = p.active[a] * p.Mt + p.c0;
    const i1 = p.active[a] * p.Mt + p.c1;
    for (let i = i0; i < i1; i++) {
      const re = Y[2 * i];
      const im = Y[2 * i + 1];
      U[i] = Math.sqrt(re * re + im * im);
    }
  }
  const V = frequencyAverage(p, w);
  const Mt = p.Mt;
  const L = p.L;
  const line = s.line(Math.max(Mt, 1));
  for (let r = 0; r < p.rowsOut; r++) {
    const o = dst(r);
    if (o < 0) continue;
    if (p.time === "sum") {
      let acc = 0;
      for (let t = 0; t < Mt; t++) acc += V[r * Mt + t];
      out[o] = acc;
    } else if (p.time === "lowpass") {
      lowpassLine(s, V, r * Mt, 1, Mt, p.phiT as Float64Array, 2 ** p.kT, line, 0, 1);
      for (let t = 0; t < L; t++) out[o + t] = line[p.i0 + t];
    } else {
      for (let t = 0; t < L; t++) out[o + t] = V[r * Mt + p.i0 + t];
    }
  }
}

/**
 * Adjoint of {@link frequencyPathForward}: from the output gradient (row r at dy[src(r)],
 * src(r) < 0 for rows without output) accumulates the gradient of the block X into dX
 * (complex, n1max × Mt) for the 'matrix' route, or of its column spectra into dXhat
 * (Mt × NFr) for the 'fft' route. Recomputes Y.
 */
export function frequencyPathBackward(
  p: FrequencyPathPlan,
  X: Float64Array,
  Xhat: Float64Array | null,
  w: FrequencyWork,
  s: Scratch,
  dy: ArrayLike<number>,
  src: (r: number) => number,
  dX: Float64Array,
  dXhat: Float64Array | null,
): void {
  w.grow(p);
  const Mt = p.Mt;
  const L = p.L;
  // output → dV (rowsOut × Mt)
  const dV = new Float64Array(Math.max(p.rowsOut, 1) * Mt);
  let any = false;
  const g = new Float64Array(Math.max(Mt, 1));
  for (let r = 0; r < p.rowsOut; r++) {
    const o = src(r);
    if (o < 0) continue;
    if (p.time === "sum") {
      const v = dy[o];
      if (v !== 0) any = true;
      for (let t = 0; t < Mt; t++) dV[r * Mt + t] = v;
    } else if (p.time === "lowpass") {
      const Mo = Mt / 2 ** p.kT;
      g.fill(0, 0, Mo);
      for (let t = 0; t < L; t++) {
        g[p.i0 + t] = dy[o + t];
        if (dy[o + t] !== 0) any = true;
      }
      lowpassLineAdj(s, g, 0, 1, Mt, p.phiT as Float64Array, 2 ** p.kT, dV, r * Mt, 1);
    } else {
      for (let t = 0; t < L; t++) {
        dV[r * Mt + p.i0 + t] = dy[o + t];
        if (dy[o + t] !== 0) any = true;
      }
    }
  }
  if (!any) return;
  // dV → dU (rowsComputed × Mt)
  const rows = p.rowsComputed;
  const dU = new Float64Array(rows * Mt);
  if (p.avgFr === "global") {
    for (let r = 0; r < rows; r++) dU.set(dV.subarray(0, Mt), r * Mt);
  } else if (p.avgFr === "local") {
    const W = p.Wf as Float64Array;
    const R = p.rowsY;
    for (let r = 0; r < p.rowsOut; r++) {
      for (let a = 0; a < p.active.length; a++) {
        const i = p.active[a];
        const c = W[r * R + i];
        if (c === 0) continue;
        for (let t = 0; t < Mt; t++) dU[i * Mt + t] += c * dV[r * Mt + t];
      }
    }
  } else {
    dU.set(dV.subarray(0, rows * Mt));
  }
  // modulus: dY = dU · Y / |Y| (Y recomputed)
  waveletForward(p, X, Xhat, w);
  const Y = w.Y;
  const dY = new Float64Array(2 * rows * Mt);
  for (let a = 0; a < p.active.length; a++) {
    for (let i = p.active[a] * Mt + p.c0; i < p.active[a] * Mt + p.c1; i++) {
      const re = Y[2 * i];
      const im = Y[2 * i + 1];
      const m = Math.sqrt(re * re + im * im);
      if (m === 0) continue;
      const c = dU[i] / m;
      dY[2 * i] = c * re;
      dY[2 * i + 1] = c * im;
    }
  }
  // wavelet step adjoint
  if (p.route === "matrix") {
    const { rowStart, tapN, tapRe, tapIm } = p.kernel as KernelRows;
    for (let r = 0; r < rows; r++) {
      const yo = 2 * r * Mt;
      for (let q = rowStart[r]; q < rowStart[r + 1]; q++) {
        const a = tapRe[q];
        const b = tapIm[q];
        const xo = 2 * tapN[q] * Mt;
        // dX[n] += conj(k) dY[r]
        for (let t = 2 * p.c0; t < 2 * p.c1; t += 2) {
          const yr = dY[yo + t];
          const yi = dY[yo + t + 1];
          dX[xo + t] += a * yr + b * yi;
          dX[xo + t + 1] += a * yi - b * yr;
        }
      }
    }
    return;
  }
  const NFr = p.NFr;
  const R = p.rowsY;
  const tmp = new Float64Array(2 * R);
  for (let t = p.c0; t < p.c1; t++) {
    tmp.fill(0);
    for (let r = 0; r < rows; r++) {
      tmp[2 * r] = dY[2 * (r * Mt + t)] / R;
      tmp[2 * r + 1] = dY[2 * (r * Mt + t) + 1] / R;
    }
    fftInPlace(tmp, R);
    filterFoldAdj(
      tmp,
      p.h,
      NFr,
      2 ** p.kFr,
      (dXhat as Float64Array).subarray(2 * t * NFr, 2 * (t + 1) * NFr),
    );
  }
}

/** Adjoint of {@link columnSpectra}: adds the block gradient (n1max × Mt complex) from dXhat. */
export function columnSpectraAdj(
  dXhat: Float64Array,
  n1max: number,
  Mt: number,
  NFr: number,
  dX: Float64Array,
  c0 = 0,
  c1 = Mt,
): void {
  for (let t = c0; t < c1; t++) {
    const line = dXhat.subarray(2 * t * NFr, 2 * (t + 1) * NFr);
    ifftInPlace(line, NFr);
    for (let r = 0; r < n1max; r++) {
      dX[2 * (r * Mt + t)] += NFr * line[2 * r];
      dX[2 * (r * Mt + t) + 1] += NFr * line[2 * r + 1];
    }
  }
}
