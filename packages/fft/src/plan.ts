import { ParameterError } from "@scatterkit/core";
import {
  WasmEngine,
  WasmRealTransform,
  initSimdKernels,
  simdCompiled,
  wasmAvailable,
  wasmSupports,
} from "./wasm";
import {
  BluesteinEngine,
  type Engine,
  FftJsEngine,
  MAX_GENERIC_RADIX,
  MixedRadixEngine,
  isSmooth,
} from "./engines";

/**
 * Complex data is stored interleaved everywhere in this package: element k of a
 * complex vector lives at `[2k]` (real part) and `[2k + 1]` (imaginary part).
 * Offsets and strides below count complex elements, not array slots.
 *
 * Conventions are numpy's: forward X[k] = sum_n x[n] e^{-2 pi i k n / N}
 * (unnormalised), inverse x[n] = (1/N) sum_k X[k] e^{+2 pi i k n / N}.
 */
export type Complex = Float64Array | Float32Array;

/** Throws a ParameterError unless n is a finite integer >= 1; returns n. */
export function checkSize(name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isFinite(n) || !Number.isInteger(n) || n < 1) {
    throw new ParameterError(name, n, "a finite integer >= 1");
  }
  return n;
}

function checkIndex(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new ParameterError(name, v, `an integer >= ${min}`);
  }
  return v;
}

function checkArray(name: string, a: unknown, need: number, what: string): void {
  if (!(a instanceof Float64Array || a instanceof Float32Array)) {
    throw new ParameterError(name, a, "a Float64Array or Float32Array");
  }
  if (a.length < need) {
    throw new ParameterError(`${name}.length`, a.length, `>= ${need} (${what})`);
  }
}

/** True when n is a power of two (1 included). */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}

/** Smallest power of two >= n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * A complex FFT plan for one size n. Made once (twiddles, scratch), executed
 * many times without allocating. A plan is not re-entrant: it owns scratch
 * buffers, so use one plan per worker.
 */
export interface ComplexPlan {
  /** Transform length. */
  readonly n: number;
  /**
   * Which algorithm the plan uses: 'trivial' (n = 1), 'radix4-wasm' / 'mixed-wasm'
   * (WebAssembly SIMD Stockham passes of radix 4, 2, 3, 5), 'radix4' / 'mixed' (the
   * same in TypeScript, also radix 7..31), 'fftjs' (fft.js), 'bluestein'.
   */
  readonly kind: string;
  /**
   * Forward transform X[k] = sum_j x[j] e^{-2 pi i k j / n} of n complex values read
   * from `src` (interleaved) at complex offset `srcOffset` with complex stride
   * `srcStride`, written to `dst` likewise. `src` and `dst` may be the same array
   * (in place, same offset and stride).
   */
  forward(
    src: Complex,
    dst: Complex,
    srcOffset?: number,
    dstOffset?: number,
    srcStride?: number,
    dstStride?: number,
  ): void;
  /** Inverse transform x[j] = (1/n) sum_k X[k] e^{+2 pi i k j / n}, same arguments as `forward`. */
  inverse(
    src: Complex,
    dst: Complex,
    srcOffset?: number,
    dstOffset?: number,
    srcStride?: number,
    dstStride?: number,
  ): void;
}

/** An engine factory: returns an engine for size n, or undefined to decline. */
export type EngineFactory = (n: number) => Engine | undefined;
const extraFactories: EngineFactory[] = [];

/** @internal Registers an engine factory tried before the built-in choice for sizes > 1. */
export function registerEngineFactory(f: EngineFactory): void {
  extraFactories.push(f);
  planCache.clear();
  realPlanCache.clear();
}

/** Which engine to use for powers of two: the Stockham radix-4 engine (default) or fft.js. */
let pow2Engine: "radix4" | "fftjs" = "radix4";

/**
 * Chooses the kernel behind power-of-two plans: `"radix4"` (this package's
 * Stockham radix-4 passes, the default: measured faster than fft.js here) or
 * `"fftjs"` (fft.js's radix-4 transform). Clears the plan caches.
 */
export function setPowerOfTwoEngine(kind: "radix4" | "fftjs"): void {
  if (kind !== "radix4" && kind !== "fftjs") {
    throw new ParameterError("kind", kind, '"radix4" or "fftjs"');
  }
  pow2Engine = kind;
  clearPlanCache();
}

let simd = true;

/**
 * Turns the WebAssembly SIMD kernels on (default, when the JavaScript engine
 * supports them) or off (plain TypeScript kernels everywhere). Clears the plan
 * caches. Returns whether SIMD kernels are now in use.
 */
export function useSimd(enabled: boolean): boolean {
  if (typeof enabled !== "boolean") throw new ParameterError("enabled", enabled, "true or false");
  simd = enabled;
  clearPlanCache();
  return simd && simdCompiled();
}

/**
 * Makes sure the WebAssembly SIMD kernels are compiled, asynchronously if the
 * environment refuses synchronous compilation (a browser's main thread refuses
 * modules above 4 KB; Node.js, workers and other browsers compile synchronously on
 * first use and need no call). Clears the plan caches when the kernels became
 * available here, so later plans use them. Resolves to whether SIMD kernels are
 * in use.
 */
export async function initSimd(): Promise<boolean> {
  const before = wasmAvailable();
  const ok = await initSimdKernels();
  if (ok && !before) clearPlanCache();
  return ok && simd;
}

/** @internal The engine the planner picks for size n. */
export function makeEngine(n: number): Engine {
  if (n > 1) {
    for (const f of extraFactories) {
      const e = f(n);
      if (e) return e;
    }
  }
  const pow2 = n >= 2 && isPowerOfTwo(n);
  if (pow2 && pow2Engine === "fftjs") return new FftJsEngine(n);
  if (simd && wasmSupports(n)) {
    try {
      return new WasmEngine(n);
    } catch {
      // module memory could not grow (4 GiB address space): use the TypeScript kernels
    }
  }
  // With SIMD, Bluestein on SIMD lengths beats the TypeScript generic passes for
  // primes above 13 (measured: n = 232 = 8 * 29 is 2.5x faster); without, up to 31.
  const maxRadix = simd && wasmAvailable() ? 13 : MAX_GENERIC_RADIX;
  if (isSmooth(n, maxRadix)) return new MixedRadixEngine(n);
  return new BluesteinEngine(n, makeEngine);
}

/** Module-wide growable scratch for batched execution (grown, never shrunk). */
let batchScratch: Float64Array[] = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];

/** @internal Three scratch arrays of at least `doubles` entries each (reused across calls). */
export function scratch(doubles: number): Float64Array[] {
  if (batchScratch[0].length < doubles) {
    batchScratch = [new Float64Array(doubles), new Float64Array(doubles), new Float64Array(doubles)];
  }
  return batchScratch;
}

class Plan implements ComplexPlan {
  readonly n: number;
  readonly kind: string;
  /** @internal */
  readonly engine: Engine;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly w1: Float64Array;
  private readonly w2: Float64Array;
  constructor(n: number) {
    this.n = n;
    this.engine = makeEngine(n);
    this.kind = n === 1 ? "trivial" : this.engine.kind;
    this.a = new Float64Array(2 * n);
    this.b = new Float64Array(2 * n);
    this.w1 = new Float64Array(2 * n);
    this.w2 = new Float64Array(2 * n);
  }
  private exec(
    sign: number,
    src: Complex,
    dst: Complex,
    so: number,
    d0: number,
    ss: number,
    ds: number,
  ): void {
    const n = this.n;
    if (so !== 0 || ss !== 1 || d0 !== 0 || ds !== 1) {
      checkIndex("srcOffset", so, 0);
      checkIndex("dstOffset", d0, 0);
      checkIndex("srcStride", ss, 1);
      checkIndex("dstStride", ds, 1);
    }
    const needS = 2 * (so + (n - 1) * ss) + 2;
    const needD = 2 * (d0 + (n - 1) * ds) + 2;
    if (!(src instanceof Float64Array) || src.length < needS) {
      checkArray("src", src, needS, `${n} interleaved complex values from offset ${so}, stride ${ss}`);
    }
    if (!(dst instanceof Float64Array) || dst.length < needD) {
      checkArray("dst", dst, needD, `${n} interleaved complex values from offset ${d0}, stride ${ds}`);
    }
    const scale = sign > 0 ? 1 / n : 1;
    if (src instanceof Float64Array && dst instanceof Float64Array) {
      this.engine.exec(src, so, ss, dst, d0, ds, 1, sign, scale, this.w1, this.w2);
      return;
    }
    // Float32Array (or mixed) arrays: compute in float64 scratch.
    const { a, b } = this;
    for (let k = 0, p = 2 * so; k < 2 * n; k += 2, p += 2 * ss) {
      a[k] = src[p];
      a[k + 1] = src[p + 1];
    }
    this.engine.exec(a, 0, 1, b, 0, 1, 1, sign, scale, this.w1, this.w2);
    for (let k = 0, p = 2 * d0; k < 2 * n; k += 2, p += 2 * ds) {
      dst[p] = b[k];
      dst[p + 1] = b[k + 1];
    }
  }
  forward(src: Complex, dst: Complex, srcOffset = 0, dstOffset = 0, srcStride = 1, dstStride = 1): void {
    this.exec(-1, src, dst, srcOffset, dstOffset, srcStride, dstStride);
  }
  inverse(src: Complex, dst: Complex, srcOffset = 0, dstOffset = 0, srcStride = 1, dstStride = 1): void {
    this.exec(1, src, dst, srcOffset, dstOffset, srcStride, dstStride);
  }
  /**
   * @internal Batched transform of a row-major [n, batch] float64 block (see Engine):
   * the inverse is scaled by 1/n. Uses the module-wide batch scratch.
   */
  execBatch(sign: number, x: Float64Array, xo: number, y: Float64Array, yo: number, batch: number): void {
    const s = scratch(2 * this.n * batch);
    this.engine.exec(x, xo, 1, y, yo, 1, batch, sign, sign > 0 ? 1 / this.n : 1, s[0], s[1]);
  }
}

const planCache = new Map<number, Plan>();

/**
 * Returns the cached complex FFT plan for size n (made on first use; later calls
 * with the same n cost a map lookup).
 * @throws ParameterError when n is not a finite integer >= 1.
 */
export function complexPlan(n: number): ComplexPlan {
  let p = planCache.get(n);
  if (!p) {
    checkSize("n", n);
    p = new Plan(n);
    planCache.set(n, p);
  }
  return p;
}

/** @internal The cached plan object with its batched entry point. */
export function internalPlan(n: number): Plan {
  complexPlan(n);
  return planCache.get(n)!;
}

/** Empties the plan caches (complex and real). */
export function clearPlanCache(): void {
  planCache.clear();
  realPlanCache.clear();
}

/**
 * A real FFT plan: forward maps n real values to the n/2+1 non-negative
 * frequency bins (interleaved complex, numpy's rfft); inverse maps n/2+1 bins
 * back to n real values (numpy's irfft: imaginary parts of bin 0 and, for even
 * n, bin n/2 are ignored).
 */
export interface RealPlan {
  readonly n: number;
  /**
   * rfft: X[k] = sum_j x[j] e^{-2 pi i k j / n}, k = 0..floor(n/2), from real `src`
   * (n values from `srcOffset`, stride `srcStride`) to complex bins in `dst`
   * (complex offset `dstOffset`, complex stride `dstStride`).
   */
  forward(
    src: ArrayLike<number>,
    dst: Complex,
    srcOffset?: number,
    dstOffset?: number,
    srcStride?: number,
    dstStride?: number,
  ): void;
  /**
   * Batched rfft: `count` signals, signal b read from real index b * srcDistance
   * (default n, i.e. contiguous rows) and its floor(n/2)+1 bins written from complex
   * index b * dstDistance (default floor(n/2)+1). Contiguous Float64Array rows run as
   * one batched transform; for odd n two signals share one complex FFT
   * (z = x_b + i x_{b+1}), so no work is wasted.
   */
  forwardBatch(
    src: ArrayLike<number>,
    dst: Complex,
    count: number,
    srcDistance?: number,
    dstDistance?: number,
  ): void;
  /**
   * Batched irfft: `count` spectra of floor(n/2)+1 bins, spectrum b from complex index
   * b * srcDistance (default floor(n/2)+1), to n reals from real index b * dstDistance
   * (default n).
   */
  inverseBatch(
    src: Complex,
    dst: Float64Array | Float32Array,
    count: number,
    srcDistance?: number,
    dstDistance?: number,
  ): void;
  /**
   * irfft: n real values x[j] = (1/n) sum_{k=0}^{n-1} Y[k] e^{+2 pi i k j / n}, Y the
   * Hermitian extension of the floor(n/2)+1 bins in `src` (complex offset/stride), written
   * to `dst` (real offset/stride).
   */
  inverse(
    src: Complex,
    dst: Float64Array | Float32Array,
    srcOffset?: number,
    dstOffset?: number,
    srcStride?: number,
    dstStride?: number,
  ): void;
}

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

const realPlanCache = new Map<number, RealPlan>();

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
