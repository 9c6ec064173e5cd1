/**
 * Stockham autosort butterfly passes (decimation in frequency) on interleaved
 * complex Float64Arrays.
 *
 * One pass of radix r on a "current length" L = r * m, with S = s * batch
 * (s = product of the radices of the earlier passes) reads
 *   a_j = x[q + S (p + j m)],           j = 0..r-1,
 * and writes
 *   y[q + S (r p + k)] = w_L^{p k} * sum_j a_j e^{sign 2 pi i j k / r},   k = 0..r-1,
 * for p = 0..m-1, q = 0..S-1, with w_L = e^{sign 2 pi i / L}. After the last pass
 * (m = 1) the output is the DFT in natural order; no bit reversal is needed.
 *
 * "Virtual" complex index v of x lives at doubles 2 (xo + xs v) and 2 (xo + xs v) + 1,
 * so the first pass can read a strided/offset source and the last one write a
 * strided/offset destination. `tw` holds w_L^{p k} for k = 1..r-1 at
 * 2 (p (r - 1) + k - 1). Last passes (m = 1) have no twiddles and apply `scale`.
 * @internal
 */

export type Pass = (
  x: Float64Array,
  xo: number,
  xs: number,
  y: Float64Array,
  yo: number,
  ys: number,
  m: number,
  S: number,
  tw: Float64Array,
  sign: number,
  scale: number,
) => void;

export { pass2, pass4, pass8 } from "./passes-pow2";
export { pass3, pass5, passGeneric } from "./passes-odd";
