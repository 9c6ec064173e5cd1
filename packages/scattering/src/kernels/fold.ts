/**
 * The filter-multiply-and-fold kernel of Scattering2D (Fourier-domain subsampling) and the
 * planning of its runs (dense periodisation, or the sparse support of a filter).
 * @internal
 */
import { defineKernel } from "@scatterkit/core";

/** fold: see its doc. */
export const fold = defineKernel({
  name: "fold",
  doc:
    "fold(src, filt, dst, runs, nRuns, dstBins): dst = 0 (dstBins complex bins), then for every run (s, d, len) " +
    "of runs (nRuns Int32 triples): dst[d + t] += src[s + t] * filt[s + t] for t < len (src, dst complex; " +
    "filt real). A dense periodisation by k is the runs (a + i m) N + j n -> a n of length n, with the filter " +
    "pre-scaled by 1 / k^2.",
  params: ["src: f64[]", "filt: f64[]", "dst: f64[]", "runs: i32[]", "nRuns: i32", "dstBins: i32"],
  wasm: (f, a) => {
    const [p, end, s, fl, d, e] = f.declare(6, "i32");
    const zero = f.local("v128");
    f.f64(0).op("f64x2.splat").set(zero);
    f.get(a.dst).set(p);
    f.get(a.dst).get(a.dstBins).i32(4).op("i32.shl").op("i32.add").set(end);
    f.loopWhileLess(p, end, () => {
      f.get(p).get(zero).op("v128.store", 4, 0);
      f.inc(p, 16);
    });
    f.get(a.runs).set(p);
    f.get(a.runs).get(a.nRuns).i32(12).op("i32.mul").op("i32.add").set(end);
    f.loopWhileLess(p, end, () => {
      f.get(p).op("i32.load", 2, 0).set(e); // run start (bins)
      f.get(a.filt).get(e).i32(3).op("i32.shl").op("i32.add").set(fl);
      f.get(a.src).get(e).i32(4).op("i32.shl").op("i32.add").set(s);
      f.get(a.dst).get(p).op("i32.load", 2, 4).i32(4).op("i32.shl").op("i32.add").set(d);
      f.get(s).get(p).op("i32.load", 2, 8).i32(4).op("i32.shl").op("i32.add").set(e);
      f.loopWhileLess(s, e, () => {
        f.get(d);
        f.get(d).op("v128.load", 4, 0);
        f.get(s).op("v128.load", 4, 0);
        f.get(fl).op("v128.load64_splat", 3, 0);
        f.op("f64x2.mul").op("f64x2.add");
        f.op("v128.store", 4, 0);
        f.inc(s, 16).inc(fl, 8).inc(d, 16);
      });
      f.inc(p, 12);
    });
  },
  ts: (_m, src, filt, dst, runs, nRuns, dstBins) => {
    dst.fill(0, 0, 2 * dstBins);
    for (let r = 0; r < 3 * nRuns; r += 3) {
      let s = runs[r];
      let d = 2 * runs[r + 1];
      const e = s + runs[r + 2];
      for (; s < e; s++, d += 2) {
        const w = filt[s];
        dst[d] += src[2 * s] * w;
        dst[d + 1] += src[2 * s + 1] * w;
      }
    }
  },
  sample: (s) => {
    const k = s.int(1, 3);
    const m = s.int(1, 5);
    const n = s.int(1, 5);
    const runs = denseFoldRuns(m * k, n * k, k);
    const bins = m * n * k * k;
    return [s.f64(2 * bins), s.f64(bins), s.f64(2 * m * n), s.i32(runs), runs.length / 3, m * n];
  },
});

/**
 * Runs (s, d, len) of the dense periodisation by k of an M x N spectrum onto (M/k) x (N/k):
 * source bin (a + i m) N + j n + b goes to a n + b, ordered so that every destination
 * bin receives its terms in (i, j) order.
 */
export function denseFoldRuns(M: number, N: number, k: number): Int32Array {
  if (k === 1) return Int32Array.from([0, 0, M * N]);
  const m = M / k;
  const n = N / k;
  const runs: number[] = [];
  for (let a = 0; a < m; a++) {
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) runs.push((a + i * m) * N + j * n, a * n, n);
  }
  return Int32Array.from(runs);
}

/**
 * Converts the row runs of `activeRuns` (row, c0, c1; each within one block of n columns)
 * into fold runs (s, d, len) for a periodisation by k of an M x N spectrum.
 */
export function sparseFoldRuns(rowRuns: Int32Array, N: number, m: number, n: number): Int32Array {
  const out = new Int32Array(rowRuns.length);
  for (let t = 0; t < rowRuns.length; t += 3) {
    const r = rowRuns[t];
    const c0 = rowRuns[t + 1];
    const c1 = rowRuns[t + 2];
    out[t] = r * N + c0;
    out[t + 1] = (r % m) * n + (c0 % n);
    out[t + 2] = c1 - c0;
  }
  return out;
}

/**
 * Row runs of the bins of a real M x N filter whose magnitude exceeds `tol`: triples
 * [row, c0, c1) flattened in an Int32Array, each run inside one block of n columns
 * (so that its periodised destination columns are contiguous).
 */
export function activeRuns(filt: Float64Array, M: number, N: number, n: number, tol: number): Int32Array {
  const runs: number[] = [];
  for (let r = 0; r < M; r++) {
    let c = 0;
    while (c < N) {
      while (c < N && !(Math.abs(filt[r * N + c]) > tol)) c++;
      if (c >= N) break;
      const c0 = c;
      const blockEnd = (Math.floor(c0 / n) + 1) * n;
      while (c < N && c < blockEnd && Math.abs(filt[r * N + c]) > tol) c++;
      runs.push(r, c0, c);
    }
  }
  return Int32Array.from(runs);
}
