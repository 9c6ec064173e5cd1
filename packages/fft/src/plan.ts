/**
 * Complex FFT plans: one cached plan per size, made once (engine, scratch) and executed many
 * times without allocating; argument checks, float32 data through float64 scratch, and the
 * batched entry point the N-D functions use. The engine behind a plan is chosen in
 * `engine-choice.ts`; real plans are in `real-plan.ts`. This module also re-exports the plan
 * switches, checks and types.
 * @module
 */
import { checkArray, checkIndex, checkSize } from "./checks";
import type { Engine } from "./engines";
import { makeEngine, scratch } from "./engine-choice";
import { planCache } from "./plan-cache";
import type { Complex, ComplexPlan } from "./plan-types";

export type { Complex, ComplexPlan, RealPlan } from "./plan-types";
export { checkSize, isPowerOfTwo, nextPowerOfTwo } from "./checks";
export {
  type EngineFactory,
  initSimd,
  makeEngine,
  registerEngineFactory,
  scratch,
  setPowerOfTwoEngine,
  useSimd,
} from "./engine-choice";
export { clearPlanCache } from "./plan-cache";

/** @internal A complex plan for one size (see {@link ComplexPlan}). */
export class Plan implements ComplexPlan {
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
