/**
 * The public types of the FFT plans: interleaved complex data, the complex plan and the real
 * plan (numpy's conventions). Implemented by `plan.ts` and `real-plan.ts`.
 * @module
 */

/**
 * Complex data is stored interleaved everywhere in this package: element k of a
 * complex vector lives at `[2k]` (real part) and `[2k + 1]` (imaginary part).
 * Offsets and strides below count complex elements, not array slots.
 *
 * Conventions are numpy's: forward X[k] = sum_n x[n] e^{-2 pi i k n / N}
 * (unnormalised), inverse x[n] = (1/N) sum_k X[k] e^{+2 pi i k n / N}.
 */
export type Complex = Float64Array | Float32Array;

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
