/**
 * Sparse real Fourier responses of the 1-D scattering filters and the one kernel that applies
 * them: filtering a half spectrum and subsampling by periodisation (Kymatio's
 * `cdgmm` + `subsample_fourier`) in one pass over the filter's non-negligible bins.
 * @module
 */

/**
 * A real Fourier response of length L kept only where it is not negligible, pre-scaled:
 * runs [start, end) of bins (never straddling L/2) and their values times `scale`.
 */
export interface SparseResponse {
  L: number;
  runs: Int32Array;
  vals: Float64Array;
}

/**
 * Keeps the bins with |h| > 1e-16 · max|h| (the dropped terms change outputs by < 1e-12
 * relative) and multiplies them by `scale` (the 1/F of a following periodisation).
 */
export function sparsify(h: Float64Array, scale: number): SparseResponse {
  const L = h.length;
  const half = L >> 1;
  let mx = 0;
  for (let i = 0; i < L; i++) mx = Math.max(mx, Math.abs(h[i]));
  const thr = mx * 1e-16;
  const runs: number[] = [];
  let count = 0;
  let start = -1;
  for (let i = 0; i <= L; i++) {
    const keep = i < L && Math.abs(h[i]) > thr;
    if (keep) count++;
    if (keep && start < 0) start = i;
    // close a run at the end of the kept bins or at the half-spectrum boundary
    if (start >= 0 && (!keep || i === half)) {
      runs.push(start, keep ? i + 1 : i);
      start = -1;
    }
  }
  const vals = new Float64Array(count);
  let p = 0;
  for (let r = 0; r < runs.length; r += 2)
    for (let i = runs[r]; i < runs[r + 1]; i++) vals[p++] = h[i] * scale;
  return { L, runs: Int32Array.from(runs), vals };
}

/**
 * Y[m] = (1/F) Σ_f X[m + f·M] h[m + f·M] for m < M (F = L / M, M a power of two), i.e.
 * Fourier-domain filtering then subsampling by F, for a real signal given by its half spectrum
 * Xh (bins 0 .. L/2; X[i] = conj(X[L - i]) above). h carries the 1/F factor. Y interleaved complex.
 */
export function filterPeriodize(Xh: Float64Array, h: SparseResponse, Y: Float64Array, M: number): void {
  const L = h.L;
  const half = L >> 1;
  const v = h.vals;
  const runs = h.runs;
  let p = 0;
  if (M === L) {
    // no folding: write the kept bins, zero the gaps between runs
    let next = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const s = runs[r];
      const e = runs[r + 1];
      if (s > next) Y.fill(0, 2 * next, 2 * s);
      if (s <= half) {
        for (let i = s; i < e; i++) {
          const w = v[p++];
          Y[2 * i] = Xh[2 * i] * w;
          Y[2 * i + 1] = Xh[2 * i + 1] * w;
        }
      } else {
        for (let i = s; i < e; i++) {
          const w = v[p++];
          const q = 2 * (L - i);
          Y[2 * i] = Xh[q] * w;
          Y[2 * i + 1] = -Xh[q + 1] * w;
        }
      }
      next = e;
    }
    if (next < M) Y.fill(0, 2 * next, 2 * M);
    return;
  }
  Y.fill(0, 0, 2 * M);
  const mask = M - 1;
  for (let r = 0; r < runs.length; r += 2) {
    const s = runs[r];
    const e = runs[r + 1];
    if (s <= half) {
      for (let i = s; i < e; i++) {
        const m = 2 * (i & mask);
        const w = v[p++];
        Y[m] += Xh[2 * i] * w;
        Y[m + 1] += Xh[2 * i + 1] * w;
      }
    } else {
      for (let i = s; i < e; i++) {
        const m = 2 * (i & mask);
        const w = v[p++];
        const q = 2 * (L - i);
        Y[m] += Xh[q] * w;
        Y[m + 1] -= Xh[q + 1] * w;
      }
    }
  }
}
