/**
 * Plain reference loops the SIMD kernel tests compare with (test-only; formerly in
 * src/scattering2d-kernels.ts): filter-multiply-and-periodise, its sparse form, and the
 * spectrum split of a packed real pair.
 */

/**
 * dst = periodise_k(src * filt) / k^2: for an M x N complex spectrum `src` and a real
 * filter `filt` (M x N), dst[a, b] = (1/k^2) sum_{i,j < k} (src * filt)[a + i M/k, b + j N/k],
 * the Fourier transform of the spatial subsampling by k of ifft(src * filt).
 */
export function mulFold(
  src: Float64Array,
  filt: Float64Array,
  M: number,
  N: number,
  k: number,
  dst: Float64Array,
): void {
  if (k === 1) {
    for (let i = 0, s = M * N; i < s; i++) {
      const f = filt[i];
      dst[2 * i] = src[2 * i] * f;
      dst[2 * i + 1] = src[2 * i + 1] * f;
    }
    return;
  }
  const m = M / k;
  const n = N / k;
  const scale = 1 / (k * k);
  if (k === 2) {
    for (let a = 0; a < m; a++) {
      const r0 = a * N;
      const r1 = (a + m) * N;
      let d = 2 * a * n;
      for (let b = 0; b < n; b++, d += 2) {
        const i00 = r0 + b;
        const i01 = i00 + n;
        const i10 = r1 + b;
        const i11 = i10 + n;
        const f00 = filt[i00];
        const f01 = filt[i01];
        const f10 = filt[i10];
        const f11 = filt[i11];
        dst[d] = (src[2 * i00] * f00 + src[2 * i01] * f01 + src[2 * i10] * f10 + src[2 * i11] * f11) * scale;
        dst[d + 1] =
          (src[2 * i00 + 1] * f00 +
            src[2 * i01 + 1] * f01 +
            src[2 * i10 + 1] * f10 +
            src[2 * i11 + 1] * f11) *
          scale;
      }
    }
    return;
  }
  for (let a = 0; a < m; a++) {
    let d = 2 * a * n;
    for (let b = 0; b < n; b++, d += 2) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < k; i++) {
        let idx = (a + i * m) * N + b;
        for (let j = 0; j < k; j++, idx += n) {
          const f = filt[idx];
          re += src[2 * idx] * f;
          im += src[2 * idx + 1] * f;
        }
      }
      dst[d] = re * scale;
      dst[d + 1] = im * scale;
    }
  }
}

/**
 * Splits the spectrum Z of a packed pair z = a + i b (a, b real) into the spectra of
 * a and b: A[k] = (Z[k] + conj Z[-k]) / 2, B[k] = (Z[k] - conj Z[-k]) / (2i).
 */
export function splitPair(Z: Float64Array, m: number, n: number, A: Float64Array, B: Float64Array): void {
  for (let r = 0; r < m; r++) {
    const rr = r === 0 ? 0 : m - r;
    for (let c = 0; c < n; c++) {
      const cc = c === 0 ? 0 : n - c;
      const p = 2 * (r * n + c);
      const q = 2 * (rr * n + cc);
      const zr = Z[p];
      const zi = Z[p + 1];
      const wr = Z[q];
      const wi = Z[q + 1];
      A[p] = 0.5 * (zr + wr);
      A[p + 1] = 0.5 * (zi - wi);
      B[p] = 0.5 * (zi + wi);
      B[p + 1] = 0.5 * (wr - zr);
    }
  }
}

/**
 * {@link mulFold} restricted to the bins listed in `runs` (see {@link activeRuns}): the other
 * filter values are below the tolerance the runs were built with and are skipped.
 */
export function mulFoldRuns(
  src: Float64Array,
  filt: Float64Array,
  N: number,
  m: number,
  n: number,
  k: number,
  runs: Int32Array,
  dst: Float64Array,
): void {
  dst.fill(0, 0, 2 * m * n);
  const scale = 1 / (k * k);
  for (let t = 0; t < runs.length; t += 3) {
    const r = runs[t];
    const c0 = runs[t + 1];
    const c1 = runs[t + 2];
    const block = c0 - (c0 % n);
    let d = 2 * ((r % m) * n + (c0 - block));
    for (let c = c0, s = r * N + c0; c < c1; c++, s++, d += 2) {
      const f = filt[s] * scale;
      dst[d] += src[2 * s] * f;
      dst[d + 1] += src[2 * s + 1] * f;
    }
  }
}
