/**
 * Argument checks shared by the kernels (dimensions, leading dimensions, offsets and
 * array bounds), throwing @scatterkit/core's ParameterError with the parameter name, the
 * value given and what is allowed.
 * @internal
 */
import { type FloatArray, ParameterError, checkInteger, isFloatArray } from "@scatterkit/core";

/** Checks a dimension: an integer >= 0. @internal */
export function checkDim(name: string, v: unknown): number {
  return checkInteger(name, v, 0);
}

/** Checks that `a` is a Float32Array or Float64Array. @internal */
export function checkArray(name: string, a: unknown): FloatArray {
  if (!isFloatArray(a)) throw new ParameterError(name, a, "a Float32Array or a Float64Array");
  return a;
}

/** Checks a finite scalar. @internal */
export function checkScalar(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ParameterError(name, v, "a finite number");
  return v;
}

/**
 * Checks a row-major [rows, cols] view of `a` starting at `offset` with leading dimension
 * `ld` (distance between rows): ld >= max(1, cols), offset >= 0, and the last entry
 * offset + (rows-1) ld + cols - 1 inside the array (nothing is checked for an empty view).
 * @internal
 */
export function checkView(
  name: string,
  a: FloatArray,
  offset: unknown,
  ld: unknown,
  rows: number,
  cols: number,
): void {
  const o = checkInteger(`${name} offset`, offset, 0);
  const l = checkInteger(`ld${name.toLowerCase()}`, ld, Math.max(1, cols));
  if (rows === 0 || cols === 0) return;
  const last = o + (rows - 1) * l + cols - 1;
  if (last >= a.length) {
    throw new ParameterError(
      name,
      `${a.constructor.name}(length ${a.length})`,
      `an array of at least ${last + 1} entries for a [${rows}, ${cols}] view at offset ${o} with leading dimension ${l}`,
    );
  }
}

/** Checks a strided vector of n entries: inc != 0 integer, every entry in bounds. @internal */
export function checkVector(name: string, a: FloatArray, n: number, offset: unknown, inc: unknown): void {
  const o = checkInteger(`${name} offset`, offset, 0);
  const s = checkInteger(`inc${name.toLowerCase()}`, inc);
  if (s === 0) throw new ParameterError(`inc${name.toLowerCase()}`, s, "a non-zero integer");
  if (n === 0) return;
  const lo = s > 0 ? o : o + (n - 1) * s;
  const hi = s > 0 ? o + (n - 1) * s : o;
  if (lo < 0 || hi >= a.length) {
    throw new ParameterError(
      name,
      `${a.constructor.name}(length ${a.length})`,
      `indices ${lo}..${hi} in bounds (n = ${n}, offset ${o}, increment ${s})`,
    );
  }
}
