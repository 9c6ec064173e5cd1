/**
 * {@link WasmRealTransform}: real FFTs of even length on the WebAssembly kernels (one
 * half-length complex FFT plus the rsplit / rmerge kernels).
 * @internal
 */
import type { WasmEngine } from "./engine";
import { alloc, binsBuffer, copyIn, copyOut, simd, workArea } from "./state";

/**
 * Real FFT of even length n = 2h on the SIMD kernels: one complex FFT of length h
 * on z[j] = x[2j] + i x[2j+1], then the split X[k] = E[k] + e^{-2 pi i k/n} O[k]
 * (and X[h-k] = conj(E[k] - e^{-2 pi i k/n} O[k])) in module memory; the inverse
 * merges Z[k] = E[k] + i O[k] and runs one inverse FFT of length h.
 */
export class WasmRealTransform {
  readonly n: number;
  private readonly h: number;
  private readonly half: WasmEngine;
  private readonly tw: number;
  private readonly twc: number;
  constructor(n: number, half: WasmEngine) {
    this.n = n;
    const h = n / 2;
    this.h = h;
    this.half = half;
    this.tw = alloc(32 * h);
    this.twc = alloc(32 * h);
    for (let k = 0; k < h; k++) {
      const a = (-2 * Math.PI * k) / n;
      const c = Math.cos(a);
      const s = Math.sin(a);
      const o = this.tw / 8 + 4 * k;
      simd.f64[o] = c;
      simd.f64[o + 1] = c;
      simd.f64[o + 2] = -s;
      simd.f64[o + 3] = s;
      const oc = this.twc / 8 + 4 * k;
      simd.f64[oc] = c;
      simd.f64[oc + 1] = c;
      simd.f64[oc + 2] = s;
      simd.f64[oc + 3] = -s;
    }
  }
  /**
   * Batched rfft of `count` contiguous rows of n reals (x from double index i0) to
   * contiguous rows of h+1 bins (y from double index o0): one copy in, one run of
   * the half-length FFT over all rows, the split per row, one copy out. Returns
   * false (nothing done) when module memory cannot hold the rows.
   */
  forwardRows(x: Float64Array, i0: number, y: Float64Array, o0: number, count: number): boolean {
    const { h } = this;
    let w: { a: number; b: number };
    let out: number;
    try {
      w = workArea(2 * h * count);
      out = binsBuffer(2 * (h + 1) * count);
    } catch {
      return false;
    }
    copyIn(x, i0, 2, w.a, h * count);
    const res = this.half.runBlocks(w.a, w.b, count, 16 * h, 1, -1, 1);
    const k = simd.kernels!;
    const mem = simd.f64;
    for (let r = 0; r < count; r++) {
      const z = res + 16 * h * r;
      const o = out + 16 * (h + 1) * r;
      k.rsplit(z, o, this.tw, h);
      const z0 = mem[z / 8];
      const z1 = mem[z / 8 + 1];
      const b0 = o / 8;
      mem[b0] = z0 + z1;
      mem[b0 + 1] = 0;
      mem[b0 + 2 * h] = z0 - z1;
      mem[b0 + 2 * h + 1] = 0;
    }
    copyOut(out, y, o0, 2, (h + 1) * count);
    return true;
  }
  /** Batched irfft: `count` contiguous rows of h+1 bins to contiguous rows of n reals (see forwardRows). */
  inverseRows(x: Float64Array, i0: number, y: Float64Array, o0: number, count: number): boolean {
    const { h } = this;
    let w: { a: number; b: number };
    let bins: number;
    try {
      bins = binsBuffer(2 * (h + 1) * count);
      w = workArea(2 * h * count);
    } catch {
      return false;
    }
    copyIn(x, i0, 2, bins, (h + 1) * count);
    const k = simd.kernels!;
    const mem = simd.f64;
    for (let r = 0; r < count; r++) {
      const b = bins + 16 * (h + 1) * r;
      const z = w.a + 16 * h * r;
      k.rmerge(b, z, this.twc, h);
      const x0 = mem[b / 8];
      const xh = mem[b / 8 + 2 * h];
      mem[z / 8] = 0.5 * (x0 + xh);
      mem[z / 8 + 1] = 0.5 * (x0 - xh);
    }
    const res = this.half.runBlocks(w.a, w.b, count, 16 * h, 1, 1, 1 / h);
    copyOut(res, y, o0, 2, h * count);
    return true;
  }
  /** rfft: n reals from x (double index i0, stride xs doubles) to h+1 bins in y (double index o0, stride 2 ys). */
  forward(x: Float64Array, i0: number, xs: number, y: Float64Array, o0: number, ys: number): void {
    const { h, n } = this;
    const w = workArea(2 * h);
    if (xs === 1) copyIn(x, i0, 2, w.a, h);
    else {
      const mem = simd.f64;
      const a0 = w.a / 8;
      for (let v = 0, i = i0; v < n; v++, i += xs) mem[a0 + v] = x[i];
    }
    const res = this.half.run(w.a, w.b, 1, -1, 1);
    const out = binsBuffer(2 * (h + 1));
    simd.kernels!.rsplit(res, out, this.tw, h);
    const mem = simd.f64;
    const z0 = mem[res / 8];
    const z1 = mem[res / 8 + 1];
    const b0 = out / 8;
    mem[b0] = z0 + z1;
    mem[b0 + 1] = 0;
    mem[b0 + 2 * h] = z0 - z1;
    mem[b0 + 2 * h + 1] = 0;
    copyOut(out, y, o0, 2 * ys, h + 1);
  }
  /** irfft: h+1 bins from x (double index i0, complex stride xs) to n reals in y (index o0, stride ys). */
  inverse(x: Float64Array, i0: number, xs: number, y: Float64Array, o0: number, ys: number): void {
    const { h, n } = this;
    const bins = binsBuffer(2 * (h + 1));
    copyIn(x, i0, 2 * xs, bins, h + 1);
    const w = workArea(2 * h);
    simd.kernels!.rmerge(bins, w.a, this.twc, h);
    const mem = simd.f64;
    const b0 = bins / 8;
    const x0 = mem[b0];
    const xh = mem[b0 + 2 * h];
    mem[w.a / 8] = 0.5 * (x0 + xh);
    mem[w.a / 8 + 1] = 0.5 * (x0 - xh);
    const res = this.half.run(w.a, w.b, 1, 1, 1 / h);
    if (ys === 1) copyOut(res, y, o0, 2, h);
    else {
      const r0 = res / 8;
      for (let v = 0, o = o0; v < n; v++, o += ys) y[o] = mem[r0 + v];
    }
  }
}
