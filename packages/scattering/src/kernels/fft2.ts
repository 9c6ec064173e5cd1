/**
 * In-place 2-D FFT of interleaved complex buffers (an fft plan in numpy's fft2 conventions).
 * @internal
 */
import { fftnInPlace } from "@scatterkit/fft";

/**
 * In-place 2-D FFT (numpy's fft2 / ifft2 conventions: forward unnormalised,
 * inverse scaled by 1 / (m n)) of an m x n interleaved complex buffer of exactly
 * 2 m n doubles.
 */
export class FFT2 {
  readonly m: number;
  readonly n: number;
  private readonly shape: number[];
  constructor(m: number, n: number) {
    this.m = m;
    this.n = n;
    this.shape = [m, n];
  }
  forward(buf: Float64Array): void {
    fftnInPlace(buf, this.shape, false);
  }
  inverse(buf: Float64Array): void {
    fftnInPlace(buf, this.shape, true);
  }
}
