/**
 * Real FFT plans (numpy's rfft / irfft), one cached plan per size: a half-length complex FFT
 * and a split for even n (the WebAssembly real transform where the half plan runs SIMD), a
 * full-length complex FFT for odd n.
 * @module
 */
import { ParameterError } from "@scatterkit/core";
import { checkArray, checkIndex, checkSize } from "./checks";
import type { Engine } from "./engines";
import { internalPlan } from "./plan";
import { realPlanCache } from "./plan-cache";
import type { Complex, RealPlan } from "./plan-types";
import { WasmEngine, WasmRealTransform } from "./wasm";

/**
 * Even n: one complex FFT of length n/2 on z[j] = x[2j] + i x[2j+1], then
 * X[k] = E[k] + e^{-2 pi i k / n} O[k] with E = (Z[k] + conj Z[h-k]) / 2 and
 * O = (Z[k] - conj Z[h-k]) / (2i); the inverse undoes the split and runs one
 * inverse FFT of length n/2. Odd n: a complex FFT of length n with zero
 * imaginary parts.
 */
class RealPlanImpl implements RealPlan {
  readonly n: number;
  private readonly h: number;
  private readonly half: Engine | null;
  private readonly full: Engine | null;
  private readonly tw: Float64Array;
  private readonly a: Float64Array;
  private readonly z: Float64Array;
  private readonly w1: Float64Array;
  private readonly w2: Float64Array;
  private readonly simd: WasmRealTransform | null;
  constructor(n: number) {
    this.n = n;
    const even = n % 2 === 0;
    this.h = even ? n / 2 : n;
    this.half = even ? internalPlan(n / 2).engine : null;
    this.full = even ? null : internalPlan(n).engine;
    this.simd = even && this.half instanceof WasmEngine ? new WasmRealTransform(n, this.half) : null;
    const h = this.h;
    this.tw = new Float64Array(even ? 2 * h : 0);
    if (even) {
      for (let k = 0; k < h; k++) {
        const ang = (-2 * Math.PI * k) / n;
        this.tw[2 * k] = Math.cos(ang);
        this.tw[2 * k + 1] = Math.sin(ang);
      }
    }
    this.a = new Float64Array(2 * h);
    this.z = new Float64Array(2 * h);
    this.w1 = new Float64Array(2 * h);
    this.w2 = new Float64Array(2 * h);
  }

  forward(
    src: ArrayLike<number>,
    dst: Complex,
    srcOffset = 0,
    dstOffset = 0,
    srcStride = 1,
    dstStride = 1,
  ): void {
    const { n, h, a, z, w1, w2 } = this;
    const bins = (n >> 1) + 1;
    if (srcOffset !== 0 || srcStride !== 1 || dstOffset !== 0 || dstStride !== 1) {
      checkIndex("srcOffset", srcOffset, 0);
      checkIndex("dstOffset", dstOffset, 0);
      checkIndex("srcStride", srcStride, 1);
      checkIndex("dstStride", dstStride, 1);
    }
    const needS = srcOffset + (n - 1) * srcStride + 1;
    if (src === null || typeof src !== "object" || typeof src.length !== "number" || src.length < needS) {
      throw new ParameterError(
        "src",
        src,
        `an array of >= ${needS} real values (${n} from offset ${srcOffset}, stride ${srcStride})`,
      );
    }
    const needD = 2 * (dstOffset + (bins - 1) * dstStride) + 2;
    if (!(dst instanceof Float64Array) || dst.length < needD) {
      checkArray(
        "dst",
        dst,
        needD,
        `${bins} interleaved complex bins from offset ${dstOffset}, stride ${dstStride}`,
      );
    }
    if (this.simd && src instanceof Float64Array && dst instanceof Float64Array) {
      this.simd.forward(src, srcOffset, srcStride, dst, 2 * dstOffset, dstStride);
      return;
    }
    if (this.full) {
      for (let k = 0, p = srcOffset; k < n; k++, p += srcStride) {
        a[2 * k] = src[p];
        a[2 * k + 1] = 0;
      }
      this.full.exec(a, 0, 1, z, 0, 1, 1, -1, 1, w1, w2);
      for (let k = 0, p = 2 * dstOffset; k < 2 * bins; k += 2, p += 2 * dstStride) {
        dst[p] = z[k];
        dst[p + 1] = z[k + 1];
      }
      return;
    }
    const half = this.half!;
    if (src instanceof Float64Array && srcStride === 1 && srcOffset % 2 === 0) {
      half.exec(src, srcOffset / 2, 1, z, 0, 1, 1, -1, 1, w1, w2);
    } else {
      for (let k = 0, p = srcOffset; k < n; k++, p += srcStride) a[k] = src[p];
      half.exec(a, 0, 1, z, 0, 1, 1, -1, 1, w1, w2);
    }
    const tw = this.tw;
    const D = 2 * dstStride;
    const o0 = 2 * dstOffset;
    dst[o0] = z[0] + z[1];
    dst[o0 + 1] = 0;
    dst[o0 + h * D] = z[0] - z[1];
    dst[o0 + h * D + 1] = 0;
    // Bins k and h - k together (their E and O are conjugates).
    for (let k = 1, o = o0 + D, oc = o0 + (h - 1) * D; 2 * k <= h; k++, o += D, oc -= D) {
      const zr = z[2 * k];
      const zi = z[2 * k + 1];
      const cr = z[2 * (h - k)];
      const ci = z[2 * (h - k) + 1];
      const er = 0.5 * (zr + cr);
      const ei = 0.5 * (zi - ci);
      const or = 0.5 * (zi + ci);
      const oi = -0.5 * (zr - cr);
      const wr = tw[2 * k];
      const wi = tw[2 * k + 1];
      const tr = wr * or - wi * oi;
      const ti = wr * oi + wi * or;
      dst[o] = er + tr;
      dst[o + 1] = ei + ti;
      // X[h-k] = conj(E - w^k O)
      dst[oc] = er - tr;
      dst[oc + 1] = ti - ei;
    }
  }

  forwardBatch(
    src: ArrayLike<number>,
    dst: Complex,
    count: number,
    srcDistance = this.n,
    dstDistance = (this.n >> 1) + 1,
  ): void {
    const { n } = this;
    const bins = (n >> 1) + 1;
    checkIndex("count", count, 0);
    checkIndex("srcDistance", srcDistance, 0);
    checkIndex("dstDistance", dstDistance, 0);
    if (count === 0) return;
    const needS = (count - 1) * srcDistance + n;
    if (src === null || typeof src !== "object" || typeof src.length !== "number" || src.length < needS) {
      throw new ParameterError("src", src, `an array of >= ${needS} real values (${count} signals of ${n})`);
    }
    const needD = 2 * ((count - 1) * dstDistance + bins);
    if (!(dst instanceof Float64Array) || dst.length < needD) {
      checkArray("dst", dst, needD, `${count} spectra of ${bins} interleaved complex bins`);
    }
    if (
      this.simd &&
      src instanceof Float64Array &&
      dst instanceof Float64Array &&
      srcDistance === n &&
      dstDistance === bins &&
      this.simd.forwardRows(src, 0, dst, 0, count)
    ) {
      return;
    }
    let b = 0;
    if (this.full && n > 1) {
      // Odd n: two real signals per complex FFT, z = x_b + i x_{b+1}, then
      // X_b[k] = (Z[k] + conj Z[n-k]) / 2 and X_{b+1}[k] = (Z[k] - conj Z[n-k]) / (2i).
      const { a, z, w1, w2 } = this;
      for (; b + 1 < count; b += 2) {
        const s0 = b * srcDistance;
        const s1 = s0 + srcDistance;
        for (let j = 0; j < n; j++) {
          a[2 * j] = src[s0 + j];
          a[2 * j + 1] = src[s1 + j];
        }
        this.full.exec(a, 0, 1, z, 0, 1, 1, -1, 1, w1, w2);
        const d0 = 2 * b * dstDistance;
        const d1 = d0 + 2 * dstDistance;
        for (let k = 0; k < bins; k++) {
          const m = k === 0 ? 0 : n - k;
          const zr = z[2 * k];
          const zi = z[2 * k + 1];
          const mr = z[2 * m];
          const mi = z[2 * m + 1];
          dst[d0 + 2 * k] = 0.5 * (zr + mr);
          dst[d0 + 2 * k + 1] = 0.5 * (zi - mi);
          dst[d1 + 2 * k] = 0.5 * (zi + mi);
          dst[d1 + 2 * k + 1] = -0.5 * (zr - mr);
        }
      }
    }
    for (; b < count; b++) this.forward(src, dst, b * srcDistance, b * dstDistance);
  }

  inverseBatch(
    src: Complex,
    dst: Float64Array | Float32Array,
    count: number,
    srcDistance = (this.n >> 1) + 1,
    dstDistance = this.n,
  ): void {
    const { n } = this;
    const bins = (n >> 1) + 1;
    checkIndex("count", count, 0);
    checkIndex("srcDistance", srcDistance, 0);
    checkIndex("dstDistance", dstDistance, 0);
    if (count === 0) return;
    const needS = 2 * ((count - 1) * srcDistance + bins);
    if (!(src instanceof Float64Array) || src.length < needS) {
      checkArray("src", src, needS, `${count} spectra of ${bins} interleaved complex bins`);
    }
    const needD = (count - 1) * dstDistance + n;
    if (!(dst instanceof Float64Array) || dst.length < needD) {
      checkArray("dst", dst, needD, `${count} signals of ${n} real values`);
    }
    if (
      this.simd &&
      src instanceof Float64Array &&
      dst instanceof Float64Array &&
      srcDistance === bins &&
      dstDistance === n &&
      this.simd.inverseRows(src, 0, dst, 0, count)
    ) {
      return;
    }
    let b = 0;
    if (this.full && n > 1) {
      // Odd n: Z = A + i B from the Hermitian extensions A, B of two spectra; one
      // inverse complex FFT gives x_b = Re z and x_{b+1} = Im z.
      const { a, z, w1, w2 } = this;
      for (; b + 1 < count; b += 2) {
        const s0 = 2 * b * srcDistance;
        const s1 = s0 + 2 * srcDistance;
        a[0] = src[s0];
        a[1] = src[s1];
        for (let k = 1; k < bins; k++) {
          const ar = src[s0 + 2 * k];
          const ai = src[s0 + 2 * k + 1];
          const br = src[s1 + 2 * k];
          const bi = src[s1 + 2 * k + 1];
          // Z[k] = A[k] + i B[k]; Z[n-k] = conj A[k] + i conj B[k]
          a[2 * k] = ar - bi;
          a[2 * k + 1] = ai + br;
          a[2 * (n - k)] = ar + bi;
          a[2 * (n - k) + 1] = br - ai;
        }
        this.full.exec(a, 0, 1, z, 0, 1, 1, 1, 1 / n, w1, w2);
        const d0 = b * dstDistance;
        const d1 = d0 + dstDistance;
        for (let j = 0; j < n; j++) {
          dst[d0 + j] = z[2 * j];
          dst[d1 + j] = z[2 * j + 1];
        }
      }
    }
    for (; b < count; b++) this.inverse(src, dst, b * srcDistance, b * dstDistance);
  }

  inverse(
    src: Complex,
    dst: Float64Array | Float32Array,
    srcOffset = 0,
    dstOffset = 0,
    srcStride = 1,
    dstStride = 1,
  ): void {
    const { n, h, a, z, w1, w2 } = this;
    const bins = (n >> 1) + 1;
    if (srcOffset !== 0 || srcStride !== 1 || dstOffset !== 0 || dstStride !== 1) {
      checkIndex("srcOffset", srcOffset, 0);
      checkIndex("dstOffset", dstOffset, 0);
      checkIndex("srcStride", srcStride, 1);
      checkIndex("dstStride", dstStride, 1);
    }
    const needS = 2 * (srcOffset + (bins - 1) * srcStride) + 2;
    if (!(src instanceof Float64Array) || src.length < needS) {
      checkArray(
        "src",
        src,
        needS,
        `${bins} interleaved complex bins from offset ${srcOffset}, stride ${srcStride}`,
      );
    }
    const needD = dstOffset + (n - 1) * dstStride + 1;
    if (!(dst instanceof Float64Array) || dst.length < needD) {
      checkArray("dst", dst, needD, `${n} real values from offset ${dstOffset}, stride ${dstStride}`);
    }
    if (this.simd && src instanceof Float64Array && dst instanceof Float64Array) {
      this.simd.inverse(src, 2 * srcOffset, srcStride, dst, dstOffset, dstStride);
      return;
    }
    const S = 2 * srcStride;
    const s0 = 2 * srcOffset;
    if (this.full) {
      // Hermitian extension, imaginary part of bin 0 ignored.
      a[0] = src[s0];
      a[1] = 0;
      for (let k = 1, p = s0 + S; k < bins; k++, p += S) {
        const re = src[p];
        const im = src[p + 1];
        a[2 * k] = re;
        a[2 * k + 1] = im;
        a[2 * (n - k)] = re;
        a[2 * (n - k) + 1] = -im;
      }
      this.full.exec(a, 0, 1, z, 0, 1, 1, 1, 1 / n, w1, w2);
      for (let k = 0, p = dstOffset; k < n; k++, p += dstStride) dst[p] = z[2 * k];
      return;
    }
    const tw = this.tw;
    const x0 = src[s0];
    const xh = src[s0 + h * S];
    z[0] = 0.5 * (x0 + xh);
    z[1] = 0.5 * (x0 - xh);
    for (let k = 1, p = s0 + S, pc = s0 + (h - 1) * S; k < h; k++, p += S, pc -= S) {
      const ar = src[p];
      const ai = src[p + 1];
      const br = src[pc];
      const bi = -src[pc + 1];
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      // O = d * conj(w^k)
      const wr = tw[2 * k];
      const wi = tw[2 * k + 1];
      const or = dr * wr + di * wi;
      const oi = di * wr - dr * wi;
      z[2 * k] = er - oi;
      z[2 * k + 1] = ei + or;
    }
    const half = this.half!;
    if (dst instanceof Float64Array && dstStride === 1 && dstOffset % 2 === 0) {
      half.exec(z, 0, 1, dst, dstOffset / 2, 1, 1, 1, 1 / h, w1, w2);
    } else {
      half.exec(z, 0, 1, a, 0, 1, 1, 1, 1 / h, w1, w2);
      for (let k = 0, p = dstOffset; k < n; k++, p += dstStride) dst[p] = a[k];
    }
  }
}

/**
 * Returns the cached real FFT plan for size n.
 * @throws ParameterError when n is not a finite integer >= 1.
 */
export function realPlan(n: number): RealPlan {
  let p = realPlanCache.get(n);
  if (!p) {
    checkSize("n", n);
    p = new RealPlanImpl(n);
    realPlanCache.set(n, p);
  }
  return p;
}
