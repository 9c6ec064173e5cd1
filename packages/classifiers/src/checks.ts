/**
 * Argument checks of the linear models: a data matrix X of shape [n, d] and class
 * labels 0..k-1. They throw @scatterkit/core's ParameterError / ShapeError.
 */
import { type FloatArray, NotFittedError, ParameterError, ShapeError } from "@scatterkit/core";

/**
 * Validates a 2-D data matrix X of shape [n, d] (Float32Array or Float64Array,
 * n >= minRows, d >= 1, every entry finite). Returns {data, n, d}.
 */
export function checkMatrix(
  name: string,
  x: unknown,
  minRows = 1,
): { data: FloatArray; n: number; d: number } {
  if (typeof x !== "object" || x === null) {
    throw new ParameterError(name, x, "a Tensor { data: Float32Array | Float64Array, shape: [n, d] }");
  }
  const t = x as { data?: unknown; shape?: unknown };
  if (!(t.data instanceof Float32Array || t.data instanceof Float64Array)) {
    throw new ParameterError(`${name}.data`, t.data, "a Float32Array or a Float64Array");
  }
  const s = t.shape as unknown;
  if (
    !Array.isArray(s) ||
    s.length !== 2 ||
    s.some((v) => typeof v !== "number" || !Number.isInteger(v) || v < 0)
  ) {
    throw new ShapeError(`${name}.shape`, s, "[n, d] with non-negative integers");
  }
  const n = s[0] as number;
  const d = s[1] as number;
  if (n * d !== t.data.length) {
    throw new ShapeError(`${name}.shape`, s, `a shape whose product equals data.length (${t.data.length})`);
  }
  if (n < minRows) throw new ShapeError(`${name}.shape[0]`, n, `at least ${minRows} sample(s)`);
  if (d < 1) throw new ShapeError(`${name}.shape[1]`, d, "at least 1 feature");
  const data = t.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      const row = Math.floor(i / d);
      throw new ParameterError(
        `${name}.data[${row}, ${i - row * d}]`,
        v,
        "finite values only (no NaN or Infinity)",
      );
    }
  }
  return { data, n, d };
}

/**
 * Validates class labels: `n` integers in 0..k-1 (k inferred as max + 1 unless given).
 * Returns the labels as Int32Array and k. With `requireTwo`, at least two distinct
 * classes must be present.
 */
export function checkLabels(
  name: string,
  y: unknown,
  n: number,
  { k, requireTwo = false }: { k?: number; requireTwo?: boolean } = {},
): { labels: Int32Array; k: number; counts: Int32Array } {
  if (typeof y !== "object" || y === null || typeof (y as { length?: unknown }).length !== "number") {
    throw new ParameterError(name, y, "an array-like of integer labels 0..k-1");
  }
  const arr = y as ArrayLike<unknown>;
  if (arr.length !== n) {
    throw new ShapeError(`${name}.length`, arr.length, `${n} (one label per row of X)`);
  }
  const labels = new Int32Array(n);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || (k !== undefined && v >= k)) {
      throw new ParameterError(
        `${name}[${i}]`,
        v,
        k === undefined ? "an integer label >= 0 (labels are 0..k-1)" : `an integer label in 0..${k - 1}`,
      );
    }
    labels[i] = v;
    if (v > max) max = v;
  }
  const kk = k ?? max + 1;
  const counts = new Int32Array(kk);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  if (requireTwo) {
    let present = 0;
    for (let c = 0; c < kk; c++) if (counts[c] > 0) present++;
    if (present < 2) {
      throw new ParameterError(name, y, "labels of at least two distinct classes (got one class only)");
    }
  }
  return { labels, k: kk, counts };
}

/**
 * The input check of a fitted classifier's predict / decision methods: throws
 * NotFittedError ("<model> is not fitted: call fit(X, y) first.") unless `fitted`,
 * then validates X as {@link checkMatrix} does and requires `d` features (those seen
 * in fit). Returns X's data and row count.
 */
export function checkFittedX(
  X: unknown,
  model: string,
  fitted: boolean,
  d: number,
): { data: FloatArray; n: number } {
  if (!fitted) throw new NotFittedError(`${model} is not fitted: call fit(X, y) first.`);
  const m = checkMatrix("X", X);
  if (m.d !== d) throw new ShapeError("X.shape[1]", m.d, `${d} (features seen in fit)`);
  return { data: m.data, n: m.n };
}
