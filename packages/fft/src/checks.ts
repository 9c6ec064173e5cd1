/**
 * Argument checks of the FFT plans (sizes, offsets, strides, arrays; a ParameterError naming the
 * argument, the value and what is allowed) and the power-of-two helpers.
 * @module
 */
import { ParameterError } from "@scatterkit/core";

/** Throws a ParameterError unless n is a finite integer >= 1; returns n. */
export function checkSize(name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isFinite(n) || !Number.isInteger(n) || n < 1) {
    throw new ParameterError(name, n, "a finite integer >= 1");
  }
  return n;
}

/** Throws a ParameterError unless v is an integer >= min; returns v. */
export function checkIndex(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new ParameterError(name, v, `an integer >= ${min}`);
  }
  return v;
}

/** Throws a ParameterError unless a is a Float64Array or Float32Array of at least `need` entries. */
export function checkArray(name: string, a: unknown, need: number, what: string): void {
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
