/**
 * The data shape every scatterkit package shares and the argument checks that
 * throw {@link ParameterError} / {@link ShapeError} with uniform messages.
 */
import { ParameterError, ShapeError } from "./errors";

/** A floating-point typed array: every scatterkit computation accepts both. */
export type FloatArray = Float32Array | Float64Array;

/**
 * An n-dimensional array stored row-major (C order): the last axis varies fastest.
 * `data.length` must equal the product of `shape`.
 */
export type Tensor<T extends FloatArray = FloatArray> = { data: T; shape: readonly number[] };

/** Product of the entries of a shape (1 for the empty shape). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Throws a ParameterError unless `value` is an integer in [min, max]. */
export function checkInteger(name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range =
      min === -Infinity && max === Infinity
        ? "an integer"
        : max === Infinity
          ? `an integer >= ${min}`
          : min === -Infinity
            ? `an integer <= ${max}`
            : `an integer in [${min}, ${max}]`;
    throw new ParameterError(name, value, range);
  }
  return value;
}

/** Throws a ParameterError unless `value` is a finite number in the given open/closed range. */
export function checkNumber(
  name: string,
  value: unknown,
  {
    min = -Infinity,
    max = Infinity,
    minExclusive = false,
  }: { min?: number; max?: number; minExclusive?: boolean } = {},
): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    value <= max;
  if (!ok) {
    const lo = min === -Infinity ? "" : `${minExclusive ? ">" : ">="} ${min}`;
    const hi = max === Infinity ? "" : `<= ${max}`;
    throw new ParameterError(
      name,
      value,
      `a finite number${lo || hi ? ` ${[lo, hi].filter(Boolean).join(" and ")}` : ""}`,
    );
  }
  return value;
}

/** True for Float32Array and Float64Array. */
export function isFloatArray(x: unknown): x is FloatArray {
  return x instanceof Float32Array || x instanceof Float64Array;
}

/**
 * Validates a Tensor: `data` is a Float32Array or Float64Array, `shape` a list of
 * non-negative integers whose product is `data.length`, and (unless
 * `allowNonFinite`) every entry is finite. Returns the tensor.
 */
export function checkTensor(
  name: string,
  x: unknown,
  {
    minRank = 0,
    allowEmpty = false,
    allowNonFinite = false,
  }: { minRank?: number; allowEmpty?: boolean; allowNonFinite?: boolean } = {},
): Tensor {
  if (typeof x !== "object" || x === null) {
    throw new ParameterError(name, x, "a Tensor { data: Float32Array | Float64Array, shape: number[] }");
  }
  const t = x as { data?: unknown; shape?: unknown };
  if (!isFloatArray(t.data)) {
    throw new ParameterError(`${name}.data`, t.data, "a Float32Array or a Float64Array");
  }
  if (
    !Array.isArray(t.shape) ||
    t.shape.some((s) => typeof s !== "number" || !Number.isInteger(s) || s < 0)
  ) {
    throw new ParameterError(`${name}.shape`, t.shape, "an array of non-negative integers");
  }
  if (t.shape.length < minRank) {
    throw new ShapeError(`${name}.shape`, t.shape, `at least ${minRank} dimension(s)`);
  }
  const size = shapeSize(t.shape);
  if (size !== t.data.length) {
    throw new ShapeError(
      `${name}.shape`,
      t.shape,
      `a shape whose product equals data.length (${t.data.length})`,
    );
  }
  if (!allowEmpty && size === 0) {
    throw new ShapeError(`${name}.shape`, t.shape, "a non-empty tensor (every dimension >= 1)");
  }
  if (!allowNonFinite) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i])) {
        throw new ParameterError(`${name}.data[${i}]`, d[i], "finite values only (no NaN or Infinity)");
      }
    }
  }
  return t as Tensor;
}

/** Allocates a typed array of the same float type as `like`. */
export function allocLike(like: FloatArray, length: number): FloatArray {
  return like instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
}

/**
 * A copy of `values` in the float type of `like` (Float32Array when `like` is one,
 * else Float64Array): outputs keep their input's float type.
 */
export function copyLike(like: FloatArray, values: ArrayLike<number>): FloatArray {
  const out = allocLike(like, values.length);
  out.set(values);
  return out;
}

const AXES: Record<number, string> = { 1: "[N]", 2: "[M, N]", 3: "[M, N, O]" };
const COUNT = ["zero", "one", "two", "three", "four", "five", "six"];

/**
 * Validates a grid shape given as an option: an array of `rank` integers, each >= `min`
 * (default 1). Returns it as a number array. The message names the parameter, e.g.
 * `Invalid shape: got [16]; expected an array [M, N] of two positive integers.`, or the
 * offending entry (`shape[1]`).
 */
export function checkShape(name: string, value: unknown, rank: number, min = 1): number[] {
  if (!Array.isArray(value) || value.length !== rank) {
    const axes = AXES[rank] ?? `of length ${rank}`;
    const one = min === 1 ? "positive integer" : `integer >= ${min}`;
    const what = rank === 1 ? one : one.replace("integer", "integers");
    throw new ParameterError(name, value, `an array ${axes} of ${COUNT[rank] ?? rank} ${what}`);
  }
  return value.map((v, i) => checkInteger(`${name}[${i}]`, v, min));
}

/**
 * Returns `value` when it is true or false, `fallback` when `value` is undefined and a
 * fallback is given; otherwise throws a ParameterError ("expected a boolean").
 */
export function checkBoolean(name: string, value: unknown, fallback?: boolean): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "boolean") throw new ParameterError(name, value, "a boolean");
  return value;
}
